//! A cheap test of which word lists may occur in a sentence, run before the patterns
//! that find them. Each list is known by the first three bytes of one word of each of
//! its phrases; a sentence is read once, and at every word start its next three bytes
//! (case aside) are looked up in a table of the lists they may begin. A list none of
//! whose words begins anywhere cannot match, so its patterns need not run: most
//! sentences name no month, no weekday and no "last week".
//!
//! The test errs one way only: it may say a list is there when it is not (the table
//! folds case by the low five bits of each byte, so some punctuation folds onto
//! letters), never the other way, for phrases that match only at word starts (after a
//! byte that is not an ASCII letter or digit, or at the start of the text).
//!
//! ```
//! use incimap::extract::gate::Gate;
//! let gate = Gate::new([(1, ["march", "may"].as_slice()), (2, ["last week"].as_slice())]);
//! assert_eq!(gate.lists_in("Soldiers arrived on 3 March."), 1 | Gate::DIGITS);
//! assert_eq!(gate.lists_in("They left LAST WEEK."), 2);
//! assert_eq!(gate.lists_in("Gunmen attacked the camp."), 0);
//! assert_eq!(gate.lists_in("Unit B52 flew over."), 0, "no word starts with a digit");
//! ```

/// Which lists may occur, by the three bytes that begin a word.
pub struct Gate {
    /// For each folded three-byte prefix, the bits of the lists with a word that begins so.
    lists: Box<[u8]>,
    /// Lists with a phrase that has no word of three bytes: always said to be there.
    always: u8,
}

/// What a byte is: part of an ASCII word, a digit, or a byte a word may start with (an
/// ASCII letter or digit, or the first byte of another character).
const CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_digit() {
            table[b] = WORD | DIGIT | STARTS;
        } else if byte.is_ascii_alphabetic() {
            table[b] = WORD | STARTS;
        } else if byte >= 0xC0 {
            table[b] = STARTS;
        }
        b += 1;
    }
    table
};
const WORD: u8 = 1;
const DIGIT: u8 = 2;
const STARTS: u8 = 4;

/// The table index of three bytes: the low five bits of each (ASCII letters fold case).
fn fold(bytes: &[u8]) -> usize {
    (usize::from(bytes[0] & 31) << 10)
        | (usize::from(bytes[1] & 31) << 5)
        | usize::from(bytes[2] & 31)
}

impl Gate {
    /// Builds the gate from lists of phrases (lower-case words joined by spaces), each
    /// list with its bit. A phrase is known by its longest word (the last of equals),
    /// the one least likely to begin other words.
    pub fn new<'a, I>(lists: I) -> Gate
    where
        I: IntoIterator<Item = (u8, &'a [&'a str])>,
    {
        let mut gate = Gate {
            lists: vec![0; 1 << 15].into_boxed_slice(),
            always: 0,
        };
        for (bit, phrases) in lists {
            for phrase in phrases {
                let word = phrase.split(' ').max_by_key(|w| w.len()).unwrap_or("");
                // A word is looked up where it starts with a letter, ASCII or not.
                let letter = word.starts_with(|c: char| c.is_alphabetic());
                if word.len() < 3 || !letter {
                    gate.always |= bit;
                } else {
                    gate.lists[fold(word.as_bytes())] |= bit;
                }
            }
        }
        gate
    }

    /// The bit said when a word starts with a digit ("3 March", "2019"); lists use the
    /// other seven.
    pub const DIGITS: u8 = 0x80;

    /// The bits of the lists that may occur in `text`, and [`Gate::DIGITS`] when a word
    /// starts with a digit.
    pub fn lists_in(&self, text: &str) -> u8 {
        let bytes = text.as_bytes();
        let mut found = self.always;
        // Whether the byte before is not an ASCII letter or digit.
        let mut after_gap = true;
        for (i, &b) in bytes.iter().enumerate() {
            let class = CLASS[usize::from(b)];
            if after_gap && class & STARTS != 0 {
                if class & DIGIT != 0 {
                    found |= Gate::DIGITS;
                } else if let Some(three) = bytes.get(i..i + 3) {
                    found |= self.lists[fold(three)];
                }
            }
            after_gap = class & WORD == 0;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::Gate;

    #[test]
    fn a_phrase_at_a_word_start_is_always_seen() {
        let phrases = [
            "last week",
            "the day before",
            "aujourdhui",
            "may",
            "égyptien",
        ];
        let gate = Gate::new([(1, phrases.as_slice())]);
        for phrase in phrases {
            let upper = phrase.to_uppercase();
            for text in [
                phrase.to_string(),
                format!("x ({phrase})"),
                format!("mid-{upper}"),
                format!("“{phrase}”"),
                format!("12,{phrase}."),
                format!("é {upper}"),
                format!("Ménaka’s {phrase}"),
            ] {
                assert_eq!(gate.lists_in(&text) & 1, 1, "{text}");
            }
        }
        assert_eq!(
            gate.lists_in("The mayor spoke."),
            1,
            "a false alarm is allowed"
        );
        assert_eq!(gate.lists_in("To their dismay."), 0);
        assert_eq!(gate.lists_in("Unit B52 flew over 3 towns."), Gate::DIGITS);
    }
}
