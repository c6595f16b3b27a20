//! Lexicon phrases found word by word in a normalised key (lower-case ASCII words
//! joined by single spaces, see [`normalize`](crate::gazetteer::normalize::normalize)).
//! At each word the longest phrase starting there is looked up in a hash map, and the
//! search goes on after it. Phrases are whole words by construction, and the maps stay
//! small enough for the cache, where an automaton over every byte would not.
//!
//! ```
//! use incimap::extract::phrases::{Phrases, Words};
//! let p = Phrases::new(["shot", "shot dead", "men", "armed men"]);
//! let words = Words::new("two unarmed men were shot dead");
//! let found: Vec<&str> = p.find(&words).map(|m| m.text).collect();
//! assert_eq!(found, ["men", "shot dead"]);
//! ```

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

/// A set of phrases, each a normalised key of one or more words.
#[derive(Debug, Default)]
pub struct Phrases {
    /// Each phrase and its index in the order given.
    index: HashMap<String, usize>,
    /// The first word of each phrase: the most words a phrase starting with it has, and
    /// the index of the word alone if it is a phrase (one lookup for a word that starts
    /// no longer phrase found).
    longest_from: HashMap<String, (usize, Option<usize>)>,
    /// By a first word's length (15 for longer) and first byte (`& 31`), the bits
    /// `1 << (byte & 31)` of the second bytes of first words so made (bit 0 for a word of
    /// one byte): most words are passed over without a lookup.
    starts: Vec<u32>,
}

/// The bucket and bit of a word in [`Phrases::starts`].
fn start_bit(bytes: &[u8]) -> (usize, u32) {
    let first = bytes.first().map_or(0, |b| usize::from(b & 31));
    let second = bytes.get(1).map_or(0, |b| b & 31);
    (bytes.len().min(15) * 32 + first, 1 << second)
}

/// A normalised key cut into words, once for every set of phrases searched in it.
#[derive(Debug)]
pub struct Words<'a> {
    key: &'a str,
    /// The start and end of every word.
    spans: Cow<'a, [(usize, usize)]>,
}

impl<'a> Words<'a> {
    /// Cuts a key (words joined by single spaces) into its words.
    pub fn new(key: &'a str) -> Words<'a> {
        let mut spans = Vec::with_capacity(key.len() / 4 + 1);
        let mut start = 0;
        for (i, &b) in key.as_bytes().iter().enumerate() {
            if b == b' ' {
                if i > start {
                    spans.push((start, i));
                }
                start = i + 1;
            }
        }
        if start < key.len() {
            spans.push((start, key.len()));
        }
        Words {
            key,
            spans: Cow::Owned(spans),
        }
    }

    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.spans.iter().map(|&(a, b)| &self.key[a..b])
    }

    /// A key whose words were cut already (a document's clause keeps them).
    pub fn from_spans(key: &'a str, spans: &'a [(usize, usize)]) -> Words<'a> {
        Words {
            key,
            spans: Cow::Borrowed(spans),
        }
    }
}

/// One phrase found in a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<'a> {
    /// Byte offset of its start in the key.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// The index of the phrase in the order given (the first, if given twice).
    pub pattern: usize,
    /// The phrase.
    pub text: &'a str,
}

impl Phrases {
    /// Builds the set from normalised phrases.
    pub fn new<I, P>(phrases: I) -> Phrases
    where
        I: IntoIterator<Item = P>,
        P: AsRef<str>,
    {
        let mut set = Phrases {
            starts: vec![0; 16 * 32],
            ..Phrases::default()
        };
        for (i, phrase) in phrases.into_iter().enumerate() {
            let phrase = phrase.as_ref();
            let words = phrase.split(' ').count();
            let first = phrase.split(' ').next().unwrap_or("");
            set.index.entry(phrase.to_string()).or_insert(i);
            let (bucket, bit) = start_bit(first.as_bytes());
            set.starts[bucket] |= bit;
            let longest = set.longest_from.entry(first.to_string()).or_default();
            longest.0 = longest.0.max(words);
        }
        for (first, (_, alone)) in &mut set.longest_from {
            *alone = set.index.get(first).copied();
        }
        set
    }

    /// The phrases of a key, left to right: at each word the longest phrase that starts
    /// there, and the search goes on after it.
    pub fn find<'a>(&'a self, words: &'a Words<'a>) -> impl Iterator<Item = PhraseMatch<'a>> + 'a {
        let Words { key, spans: words } = words;
        let mut w = 0;
        std::iter::from_fn(move || {
            let bytes = key.as_bytes();
            while w < words.len() {
                // Words no phrase starts with are passed over in a tight loop, read as
                // bytes.
                let Some(skip) = words[w..].iter().position(|&(a, b)| {
                    let (bucket, bit) = start_bit(&bytes[a..b]);
                    self.starts[bucket] & bit != 0
                }) else {
                    w = words.len();
                    break;
                };
                w += skip;
                let (start, first_end) = words[w];
                let first = &key[start..first_end];
                let Some(&(most, alone)) = self.longest_from.get(first) else {
                    w += 1;
                    continue;
                };
                let most = most.min(words.len() - w);
                let found = (2..=most)
                    .rev()
                    .find_map(|n| {
                        let end = words[w + n - 1].1;
                        self.index
                            .get(&key[start..end])
                            .map(|&pattern| (n, end, pattern))
                    })
                    .or_else(|| alone.map(|pattern| (1, first_end, pattern)));
                match found {
                    Some((n, end, pattern)) => {
                        w += n;
                        return Some(PhraseMatch {
                            start,
                            end,
                            pattern,
                            text: &key[start..end],
                        });
                    }
                    None => w += 1,
                }
            }
            None
        })
    }
}
