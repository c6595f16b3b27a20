//! Article text from bytes: UTF-8 (a byte-order mark dropped), or UTF-16 told by its
//! byte-order mark (little- or big-endian), decoded; anything else is not text.

/// Decodes the bytes of a text file: UTF-8, with or without a byte-order mark, or UTF-16
/// with one. `None` when the bytes are neither (binary, another encoding, or UTF-16 cut
/// in the middle of a character or holding half a surrogate pair).
///
/// ```
/// use incimap::io::text::decode_text;
/// assert_eq!(decode_text(b"Gao, Mali").as_deref(), Some("Gao, Mali"));
/// assert_eq!(decode_text(b"\xEF\xBB\xBFGao").as_deref(), Some("Gao"));
/// let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain("Ségou".encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// assert_eq!(decode_text(&utf16le).as_deref(), Some("Ségou"));
/// assert_eq!(decode_text(b"\x00\x01\xFF"), None);
/// ```
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(body).ok().map(str::to_owned)
}

/// UTF-16 code units read two bytes at a time with `unit`, decoded.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|b| unit([b[0], b[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::decode_text;

    fn encoded(text: &str, bom: [u8; 2], unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
        bom.into_iter()
            .chain(text.encode_utf16().flat_map(unit))
            .collect()
    }

    #[test]
    fn utf16_of_either_byte_order_is_decoded() {
        let text = "Attaque à Ménaka 🇲🇱\nDeux morts.";
        assert_eq!(
            decode_text(&encoded(text, [0xFF, 0xFE], u16::to_le_bytes)).as_deref(),
            Some(text)
        );
        assert_eq!(
            decode_text(&encoded(text, [0xFE, 0xFF], u16::to_be_bytes)).as_deref(),
            Some(text)
        );
    }

    #[test]
    fn cut_or_broken_utf16_and_binary_are_not_text() {
        let mut odd = encoded("Gao", [0xFF, 0xFE], u16::to_le_bytes);
        odd.pop();
        assert_eq!(decode_text(&odd), None);
        let lone = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        assert_eq!(decode_text(&lone), None);
        assert_eq!(decode_text(b"GIF89a\x00\xFF\xFE"), None);
    }
}
