//! Sentence splitting that knows abbreviations ("Gen.", "U.N.", "a.m.") and mends
//! sentences run together without a space ("said.On Friday").

use crate::lexicon::lexicon;

/// Splits a paragraph into sentences, each a slice of it.
///
/// ```
/// use incimap::article::split_sentences;
/// let s = split_sentences("Brig. Gen. Turki spoke at 7 p.m. on Friday. The U.N. agreed.On Monday it rained.");
/// assert_eq!(s, vec!["Brig. Gen. Turki spoke at 7 p.m. on Friday.", "The U.N. agreed.", "On Monday it rained."]);
/// let s = split_sentences("2. Gunmen attacked Gao on March 2. Three died.");
/// assert_eq!(s, vec!["2. Gunmen attacked Gao on March 2.", "Three died."]);
/// ```
pub fn split_sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    // The marks are ASCII, so no byte of a longer character can be one: they are
    // found by memchr, not byte by byte.
    for at in memchr::memchr3_iter(b'.', b'!', b'?', paragraph.as_bytes()) {
        let ch = char::from(paragraph.as_bytes()[at]);
        let rest = &paragraph[at + 1..];
        let next = rest.chars().next();
        // The word the mark ends, with its inner dots ("U.N", "p.m").
        let word_before = || {
            let text = &paragraph[start..at];
            let from = text
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
                .last()
                .map_or(text.len(), |(i, _)| i);
            &text[from..]
        };
        let boundary = match next {
            None => true,
            Some(n) if n.is_whitespace() || matches!(n, '"' | '”' | '’' | ')') => {
                let after_space = rest.chars().find(|c| {
                    !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '’' | '\'' | ')')
                });
                let starts_upper = after_space.is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘')
                });
                starts_upper
                    && (ch != '.' || !is_abbreviation(word_before(), &paragraph[start..at]))
            }
            // "said.On Friday": a lower-case word run into a capitalised one.
            Some(n) if n.is_uppercase() && ch == '.' => {
                let word = word_before();
                word.chars().count() >= 3 && word.chars().all(|c| c.is_lowercase())
            }
            _ => false,
        };
        if boundary {
            let end = at + 1;
            let s = paragraph[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// True when a word before a full stop does not end its sentence: an abbreviation of
/// `abbreviations.txt`, initials ("U.N", "J", "a.m"), or the number of an item that opens
/// the sentence (`so_far`, the text since the sentence began: "2. Gunmen attacked…").
/// A number that ends a sentence does end it ("on March 2. Three civilians…").
fn is_abbreviation(word: &str, so_far: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.is_empty() {
        return false;
    }
    if w.bytes().all(|b| b.is_ascii_digit()) {
        return so_far.trim() == w;
    }
    // Initials: "U.N", "J", "a.m".
    if w.chars().count() == 1 || w.split('.').all(|p| p.chars().count() == 1) {
        return true;
    }
    let lx = lexicon();
    if w.bytes().all(|b| b.is_ascii_lowercase()) {
        lx.abbreviations.contains(w)
    } else {
        lx.abbreviations.contains(&w.to_lowercase())
    }
}
