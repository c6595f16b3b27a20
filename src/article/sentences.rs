//! Sentence splitting that knows abbreviations ("Gen.", "U.N.", "a.m.") and mends
//! sentences run together without a space ("said.On Friday").

use crate::lexicon::lexicon;

/// Splits a paragraph into sentences.
///
/// ```
/// use incimap::article::split_sentences;
/// let s = split_sentences("Brig. Gen. Turki spoke at 7 p.m. on Friday. The U.N. agreed.On Monday it rained.");
/// assert_eq!(s, vec!["Brig. Gen. Turki spoke at 7 p.m. on Friday.", "The U.N. agreed.", "On Monday it rained."]);
/// ```
pub fn split_sentences(paragraph: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &(at, ch)) in chars.iter().enumerate() {
        if !matches!(ch, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(i + 1).map(|c| c.1);
        let after_space = chars[i + 1..]
            .iter()
            .find(|c| !c.1.is_whitespace() && !matches!(c.1, '"' | '“' | '”' | '’' | '\'' | ')'))
            .map(|c| c.1);
        let word_before: String = paragraph[start..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let boundary = match next {
            None => true,
            Some(n) if n.is_whitespace() || matches!(n, '"' | '”' | '’' | ')') => {
                let starts_upper = after_space.is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘')
                });
                starts_upper && (ch != '.' || !is_abbreviation(&word_before))
            }
            // "said.On Friday": a lower-case word run into a capitalised one.
            Some(n) if n.is_uppercase() && ch == '.' => {
                word_before.chars().count() >= 3 && word_before.chars().all(|c| c.is_lowercase())
            }
            _ => false,
        };
        if boundary {
            let end = at + ch.len_utf8();
            let s = paragraph[start..end].trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
            start = end;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.is_empty() {
        return false;
    }
    // Initials: "U.N", "J", "a.m".
    if w.chars().count() == 1 || w.split('.').all(|p| p.chars().count() == 1) {
        return true;
    }
    lexicon().abbreviations.contains(&w.to_lowercase())
}
