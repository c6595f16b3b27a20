//! Article text from bytes: UTF-8 (a byte-order mark dropped), or UTF-16 told by its
//! byte-order mark (little- or big-endian), decoded; anything else is not text. Text that
//! is UTF-8 but for some bytes (a Latin-1 or Windows-1252 file, or one pasted together
//! from both) is read with those bytes as Windows-1252, so that accents are kept.
//! The decoders are `encoding_rs`'s.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

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
        return utf16(rest, UTF_16LE);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, UTF_16BE);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(body).ok().map(str::to_owned)
}

/// UTF-16 in the byte order of `encoding`, decoded; `None` when it is malformed.
fn utf16(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// Text that is UTF-8 except for some bytes, each of which is read as Windows-1252 (the
/// superset of Latin-1 that text written on Windows uses: "é" is one byte 0xE9, "’" is
/// 0x92); with the byte offset of the first such byte, or `None` when the text is UTF-8.
///
/// ```
/// use incimap::io::text::decode_mixed;
/// assert_eq!(decode_mixed(b"Gao"), ("Gao".to_string(), None));
/// assert_eq!(decode_mixed(b"tu\xE9s \xE0 S\xE9gou"), ("tués à Ségou".to_string(), Some(2)));
/// let mixed = ["Ségou, l".as_bytes(), b"\x92attaque"].concat();
/// assert_eq!(decode_mixed(&mixed), ("Ségou, l’attaque".to_string(), Some(9)));
/// ```
pub fn decode_mixed(bytes: &[u8]) -> (String, Option<usize>) {
    let mut text = String::with_capacity(bytes.len());
    let mut first_bad = None;
    let mut read = 0;
    for chunk in bytes.utf8_chunks() {
        let (valid, invalid) = (chunk.valid(), chunk.invalid());
        text.push_str(valid);
        read += valid.len();
        if !invalid.is_empty() {
            first_bad.get_or_insert(read);
            text.push_str(&WINDOWS_1252.decode_without_bom_handling(invalid).0);
            read += invalid.len();
        }
    }
    (text, first_bad)
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
