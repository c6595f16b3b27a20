//! Name normalisation: the keys under which the gazetteer files place names.
//!
//! Two keys per name. [`normalize`] folds case, diacritics, apostrophes, hyphens and
//! spaces ("N’Djamena" = "Ndjamena", "Bobo-Dioulasso" = "bobo dioulasso"). [`fold`] goes
//! further for spellings that differ between French and English transliteration (ou/u,
//! dj/j, tch/ch/sh, ph/f, kh/k, y/i, doubled letters) and drops the spaces, so that
//! "Kaloumba" and "Kalumba" or "Tin Zaouatene" and "Tinzawaten" share a key.
//!
//! This file is also compiled into the build script, so it uses only `std` and `deunicode`.

/// What an ASCII byte becomes in a key: its lower-case self (letters and digits),
/// nothing (apostrophes), or a word separator (anything else).
const ASCII_KEY: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        } else if byte == b'\'' || byte == b'`' {
            table[b] = DROPPED;
        }
        b += 1;
    }
    table
};
const SEPARATOR: u8 = 0;
const DROPPED: u8 = 1;

/// The exact-match key of a name: lower case, ASCII, apostrophes removed, every other
/// run of non-alphanumeric characters one space.
///
/// ```
/// use incimap::gazetteer::normalize::normalize;
/// assert_eq!(normalize("Ménaka"), "menaka");
/// assert_eq!(normalize("N’Djamena"), normalize("N'Djamena"));
/// assert_eq!(normalize("N'Djamena"), "ndjamena");
/// assert_eq!(normalize("  Bobo-Dioulasso "), "bobo dioulasso");
/// ```
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    let mut push = |b: u8| match ASCII_KEY[usize::from(b)] {
        SEPARATOR => pending_space = true,
        DROPPED => {}
        key => {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(char::from(key));
        }
    };
    // ASCII byte by byte; each other character through its transliteration.
    let bytes = name.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            push(b);
            i += 1;
            continue;
        }
        let Some(ch) = name[i..].chars().next() else {
            break;
        };
        i += ch.len_utf8();
        if !is_apostrophe(ch) {
            deunicode::deunicode_char(ch)
                .unwrap_or(" ")
                .bytes()
                .for_each(&mut push);
        }
    }
    out
}

/// Calls `f` with the [`normalize`]d key of one word, without allocating when the word
/// is short ASCII letters and digits (most words are): lexicon lookups on hot paths.
///
/// ```
/// use incimap::gazetteer::normalize::with_key;
/// assert!(with_key("Soldiers", |k| k == "soldiers"));
/// assert!(with_key("Ménaka", |k| k == "menaka"));
/// ```
pub fn with_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    // A lower-case ASCII word is its own key.
    if bytes
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return f(word);
    }
    if bytes.len() <= 32 && bytes.iter().all(u8::is_ascii_alphanumeric) {
        let mut buf = [0u8; 32];
        for (b, out) in bytes.iter().zip(buf.iter_mut()) {
            *out = b.to_ascii_lowercase();
        }
        // ASCII in, ASCII out.
        if let Ok(key) = std::str::from_utf8(&buf[..bytes.len()]) {
            return f(key);
        }
    }
    f(&normalize(word))
}

/// The [`normalize`]d key of one word, borrowed when the word is already its own key
/// (lower-case ASCII letters and digits), as most words of running text are.
///
/// ```
/// use incimap::gazetteer::normalize::key;
/// assert!(matches!(key("killed"), std::borrow::Cow::Borrowed("killed")));
/// assert_eq!(key("Ménaka"), "menaka");
/// ```
pub fn key(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(normalize(word))
    }
}

fn is_apostrophe(ch: char) -> bool {
    matches!(ch, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´' | 'ʹ')
}

/// The transliteration-tolerant key of a normalised name: no spaces, and French and
/// English spellings of one sound written alike.
///
/// ```
/// use incimap::gazetteer::normalize::{fold, normalize};
/// assert_eq!(fold(&normalize("Kaloumba")), fold(&normalize("Kalumba")));
/// assert_eq!(fold(&normalize("Tin Zaouatene")), fold(&normalize("Tin-Zaouatene")));
/// assert_eq!(fold(&normalize("Tchad")), fold(&normalize("Chad")));
/// assert_eq!(fold(&normalize("Ndjamena")), fold(&normalize("Njamena")));
/// ```
pub fn fold(normalized: &str) -> String {
    const RULES: [(&str, u8); 11] = [
        ("tch", b'c'),
        ("ch", b'c'),
        ("sh", b'c'),
        ("dj", b'j'),
        ("ou", b'u'),
        ("oo", b'u'),
        ("ph", b'f'),
        ("kh", b'k'),
        ("gh", b'g'),
        ("ck", b'k'),
        ("q", b'k'),
    ];
    let mut squeezed: Vec<u8> = normalized.bytes().filter(|b| *b != b' ').collect();
    // Rewritten in place: each step reads at least one byte and writes at most one, so
    // the written end `out` never passes the read position `i`.
    let mut out = 0;
    let mut i = 0;
    'outer: while i < squeezed.len() {
        // Only these letters open a rule: other bytes pass the rules by.
        if matches!(
            squeezed[i],
            b't' | b'c' | b's' | b'd' | b'o' | b'p' | b'k' | b'g' | b'q'
        ) {
            for (from, to) in RULES {
                if squeezed[i..].starts_with(from.as_bytes()) {
                    squeezed[out] = to;
                    out += 1;
                    i += from.len();
                    continue 'outer;
                }
            }
        }
        let b = match squeezed[i] {
            b'y' => b'i',
            b'w' => b'u',
            b'z' => b's',
            other => other,
        };
        if out == 0 || squeezed[out - 1] != b {
            squeezed[out] = b;
            out += 1;
        }
        i += 1;
    }
    squeezed.truncate(out);
    // Every byte came from an ASCII string, so this cannot fail.
    String::from_utf8(squeezed).unwrap_or_default()
}
