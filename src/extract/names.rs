//! Capitalised names in a sentence: runs of capitalised words ("Burkina Faso"), joined by
//! up to two lower-case particles ("Lanao del Sur", "Bosso de la Mer"), with Arabic
//! article prefixes kept ("al-Shabaab"). A hand-written scan: the place spotter runs it
//! on every sentence, where it is several times cheaper than the equivalent regex.
//!
//! ```
//! use incimap::extract::names::runs;
//! let s = "Gunmen from al-Shabaab attacked Lanao del Sur and Bobo-Dioulasso.";
//! let found: Vec<&str> = runs(s).map(|(start, end)| &s[start..end]).collect();
//! assert_eq!(found, ["Gunmen", "al-Shabaab", "Lanao del Sur", "Bobo-Dioulasso"]);
//! let s = "L'attaque de Gao a touché N'Djamena.";
//! let found: Vec<&str> = runs(s).map(|(start, end)| &s[start..end]).collect();
//! assert_eq!(found, ["Gao", "N'Djamena"]);
//! ```

/// Lower-case words that may join two capitalised ones.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "el", "al", "of", "the", "di", "do", "da", "del", "en", "sur",
    "wa", "bin", "i",
];

/// Arabic article prefixes written before a capitalised word.
const PREFIXES: &[&str] = &["al-", "el-", "an-", "ad-", "as-", "ash-", "at-"];

fn first_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// A letter or an apostrophe: what a word goes on with.
fn word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\'' || c == '’'
}

/// The end of a capitalised word starting at `at`, if one does: an optional article
/// prefix, a capital letter, letters and apostrophes, and hyphenated parts.
fn word_at(text: &str, at: usize) -> Option<usize> {
    let mut end = at;
    // Every prefix starts with "a" or "e": other words are not compared with them.
    let prefix = match text.as_bytes().get(at) {
        Some(b'a' | b'e') => PREFIXES.iter().find(|p| text[at..].starts_with(**p)),
        _ => None,
    };
    if let Some(prefix) = prefix {
        if first_char(text, at + prefix.len()).is_some_and(char::is_uppercase) {
            end += prefix.len();
        }
    }
    let first = first_char(text, end).filter(|c| c.is_uppercase())?;
    end += first.len_utf8();
    if elided_common_word(text, at) {
        return None;
    }
    loop {
        end = word_chars_end(text, end);
        // A hyphen goes on only before a letter.
        let mut after = text[end..].chars();
        match (after.next(), after.next()) {
            (Some('-'), Some(c)) if c.is_alphabetic() => end += 1 + c.len_utf8(),
            _ => return Some(end),
        }
    }
}

/// The end of the run of [`word_char`]s starting at `at`, ASCII read byte by byte.
fn word_chars_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_alphabetic() || b == b'\'' {
            end += 1;
        } else if b.is_ascii() {
            return end;
        } else {
            let rest = &text[end..];
            return end
                + rest
                    .char_indices()
                    .find(|(_, c)| !word_char(*c))
                    .map_or(rest.len(), |(i, _)| i);
        }
    }
    end
}

/// True when the word at `at` is an elided word capitalised at a sentence's start, then a
/// lower-case word ("L'attaque de Gao", "D'autres sources", `lexicon/*/elisions.txt`):
/// no name, while "N'Djamena" and "L'Azawad" are.
fn elided_common_word(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    // The apostrophe must be among the first eight characters, so in the first 32 bytes
    // (’ starts with the byte 0xE2): most words have none there.
    let head = &rest.as_bytes()[..rest.len().min(32)];
    if memchr::memchr2(b'\'', 0xE2, head).is_none() {
        return false;
    }
    let Some((apostrophe, c)) = rest
        .char_indices()
        .take(8)
        .find(|(_, c)| matches!(c, '\'' | '’'))
    else {
        return false;
    };
    let next_lower = rest[apostrophe + c.len_utf8()..]
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    next_lower
        && crate::lexicon::lexicon()
            .elisions
            .contains(&rest[..apostrophe].to_lowercase())
}

/// The end of the whitespace starting at `at` (`at` itself when there is none).
fn skip_space(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(rest.len(), |(i, _)| i)
}

/// The end of a particle and the whitespace after it, starting at `at`.
fn particle_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let word_end = rest.find(char::is_whitespace)?;
    PARTICLES
        .contains(&&rest[..word_end])
        .then(|| skip_space(text, at + word_end))
}

/// Extends a run ending at `end`: whitespace, up to two particles (as many as fit), and
/// a capitalised word. The new end, if the run goes on.
fn extend(text: &str, end: usize) -> Option<usize> {
    let start = skip_space(text, end);
    if start == end {
        return None;
    }
    let one = particle_at(text, start);
    let two = one.and_then(|at| particle_at(text, at));
    [two, one, Some(start)]
        .into_iter()
        .flatten()
        .find_map(|at| word_at(text, at))
}

/// A cheap test of the byte at `at`, before the full one of [`word_at`]: most bytes
/// start nothing. A capital or the first byte of a longer character (which may be a
/// capital) may start a word; the "a" or "e" of a prefix ("al-", "el-") only with its
/// dash two or three bytes on, in a text with dashes.
#[inline]
fn may_start_word(bytes: &[u8], at: usize, has_dash: bool) -> bool {
    match bytes[at] {
        b'A'..=b'Z' | 0xC0..=0xFF => true,
        b'a' | b'e' => {
            let dash = |n: usize| bytes.get(at + n) == Some(&b'-');
            has_dash && (dash(2) || dash(3))
        }
        _ => false,
    }
}

/// Every run of capitalised words, as byte ranges, left to right.
pub fn runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    let has_dash = text.contains('-');
    std::iter::from_fn(move || {
        let (start, mut end) = (from..text.len())
            .filter(|&at| may_start_word(text.as_bytes(), at, has_dash))
            .find_map(|at| word_at(text, at).map(|end| (at, end)))?;
        while let Some(next) = extend(text, end) {
            end = next;
        }
        from = end;
        Some((start, end))
    })
}
