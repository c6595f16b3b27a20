//! The document: one article read into text layers, once. Paragraphs keep their roles
//! (headline, section heading, photo caption), sentences are cut into clauses where a
//! second incident may start, every clause is normalised once into its key (the words
//! that word lists are looked up in), and a clause is cut into tokens (words, numbers,
//! clause marks, with byte offsets into the article's text and their keys) for the
//! readers that need them. The article's language is told by its function words. Every
//! annotator reads these layers; none splits or normalises a clause again.
//!
//! ```
//! use incimap::article::Article;
//! use incimap::extract::doc::{Doc, Shape};
//! let article = Article::parse("a.txt", "# Raid in Kati\n\nGunmen killed Fifty-three soldiers; the army said.");
//! let doc = Doc::read(&article);
//! assert_eq!(doc.lang, "en");
//! assert_eq!(doc.clauses.len(), 3, "the headline, and two clauses split at the semicolon");
//! let body = &doc.clauses[1];
//! assert_eq!(body.key, "gunmen killed fifty three soldiers");
//! let tokens = doc.tokens(body);
//! let fifty = tokens.words()[2];
//! assert_eq!((fifty.text, fifty.key, fifty.shape), ("Fifty-three", "fifty three", Shape::Word));
//! let token = tokens.tokens[2];
//! assert_eq!(&article.text[token.start..token.end], "Fifty-three");
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::article::Article;
use crate::gazetteer::normalize::normalize;
use crate::lexicon::lexicon;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Letters, apostrophes and dashed parts: "Fifty-three", "N'Djamena".
    Word,
    /// Digits with grouping commas, decimals and dashed parts: "1,200", "2.5", "20-year-old".
    Number,
    /// A clause mark: `;`, `:`, `(`, `)` or `.`.
    Mark,
}

/// One token of a clause: where it stands in the article's text and in its clause's
/// key. [`Tokenized::words`] gives its text and key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the article's text.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// Byte range of its key in the clause's key (empty for a clause mark).
    pub key: (u32, u32),
    /// What it is.
    pub shape: Shape,
}

/// A token's text and key, borrowed: what readers of words work with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// As written.
    pub text: &'a str,
    /// Its normalised key (see [`normalize`]): lower-case ASCII, one space between the
    /// parts of a dashed word ("fifty three"); empty for a clause mark.
    pub key: &'a str,
    /// What it is.
    pub shape: Shape,
    /// True when a comma follows it, before the next word: commas are no tokens, but
    /// they close an aside ("Five people, a policeman and four civilians, were killed").
    pub comma_after: bool,
}

/// One paragraph's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// The headline.
    pub headline: bool,
    /// A section heading inside the body ("Guerrero – Chilpancingo, 3 October").
    pub heading: bool,
    /// A photo caption: read for context, never for an incident.
    pub caption: bool,
}

/// A stretch of a sentence where one incident is told: the whole sentence, or a part cut
/// at a semicolon, before "after a …", or at ", and" between two tolls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause<'a> {
    /// As written.
    pub text: &'a str,
    /// Byte offset in the article's text.
    pub start: usize,
    /// The sentence it belongs to (clauses of one sentence share it), counted over the article.
    pub sentence: usize,
    /// The paragraph it belongs to.
    pub paragraph: usize,
    /// The keys of its words and numbers, one space between: what word lists are
    /// looked up in.
    pub key: String,
    /// The byte range in `key` of every word of it.
    pub key_words: Vec<(usize, usize)>,
}

/// An article read into layers.
#[derive(Debug)]
pub struct Doc<'a> {
    /// The article.
    pub article: &'a Article,
    /// The language code of the lexicon folder whose function words the text uses most
    /// ("en", "fr").
    pub lang: &'static str,
    /// The paragraphs' roles, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The clauses, in text order.
    pub clauses: Vec<Clause<'a>>,
    /// The byte offsets of the text's line breaks, found on the first [`Doc::line_of`]:
    /// a line is then a search, not a count from the start.
    line_breaks: std::sync::OnceLock<Vec<usize>>,
}

impl<'a> Doc<'a> {
    /// Reads an article into its layers.
    pub fn read(article: &'a Article) -> Doc<'a> {
        let mut doc = Doc {
            article,
            lang: "en",
            paragraphs: Vec::with_capacity(article.paragraphs.len()),
            clauses: Vec::new(),
            line_breaks: std::sync::OnceLock::new(),
        };
        let mut sentence = 0;
        for (pi, p) in article.paragraphs.iter().enumerate() {
            doc.paragraphs.push(Paragraph {
                headline: p.headline,
                heading: p.heading,
                caption: p.caption,
            });
            for range in &p.sentences {
                sentence += 1;
                let text = article.sentence(range);
                for (at, clause) in clauses(text) {
                    let start = range.start + at;
                    let key = normalize(&unelide(clause));
                    let key_words = key_words(&key);
                    doc.clauses.push(Clause {
                        text: clause,
                        start,
                        sentence,
                        paragraph: pi,
                        key,
                        key_words,
                    });
                }
            }
        }
        doc.lang = language(&doc.clauses);
        doc
    }

    /// The tokens of a clause, cut when a reader asks (offsets in the article's text).
    pub fn tokens(&self, clause: &Clause<'a>) -> Tokenized<'a> {
        Tokenized::at(clause.text, clause.start)
    }

    /// The clause that starts at a byte offset of the article, if one does.
    pub fn clause_at(&self, start: usize) -> Option<&Clause<'a>> {
        self.clauses
            .binary_search_by_key(&start, |c| c.start)
            .ok()
            .map(|i| &self.clauses[i])
    }

    /// The 1-based line of the article's text at a byte offset: where a reader finds it.
    pub fn line_of(&self, offset: usize) -> usize {
        let breaks = self
            .line_breaks
            .get_or_init(|| memchr::memchr_iter(b'\n', self.article.text.as_bytes()).collect());
        1 + breaks.partition_point(|&b| b < offset.min(self.article.text.len()))
    }
}

/// The language whose function words (`lexicon/*/function_words.txt`) the first 400
/// words of the clauses hold most; the first language on a tie.
fn language(clauses: &[Clause]) -> &'static str {
    let lx = lexicon();
    let mut counts = vec![0usize; lx.languages.len()];
    // The first few hundred words tell the language as well as all of them.
    let words = clauses
        .iter()
        .flat_map(|c| c.key_words.iter().map(move |&(a, b)| &c.key[a..b]))
        .take(400);
    for word in words {
        if let Some(&lang) = lx.function_words.get(word) {
            counts[lang] += 1;
        }
    }
    let best = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |(i, _)| i);
    lx.languages.get(best).copied().unwrap_or("en")
}

/// A text tokenised on its own, offsets counted from its start: for reading a phrase
/// outside a document (tests, examples).
///
/// ```
/// let t = incimap::extract::doc::Tokenized::new("At least 1,200 died.");
/// let words = t.words();
/// assert_eq!(words.iter().map(|w| w.text).collect::<Vec<_>>(), ["At", "least", "1,200", "died", "."]);
/// assert_eq!(words[2].key, "1 200");
/// assert_eq!(t.key, "at least 1 200 died");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokenized<'a> {
    /// The text.
    pub text: &'a str,
    /// Its byte offset in the text its tokens' offsets count in.
    pub start: usize,
    /// The keys of its words and numbers, one space between.
    pub key: String,
    /// The byte range in `key` of every word of it.
    pub key_words: Vec<(usize, usize)>,
    /// Its tokens.
    pub tokens: Vec<Token>,
}

impl<'a> Tokenized<'a> {
    /// Tokenises a text on its own.
    pub fn new(text: &'a str) -> Tokenized<'a> {
        Tokenized::at(text, 0)
    }

    /// Tokenises a text that starts at byte offset `start` of a larger one.
    pub fn at(text: &'a str, start: usize) -> Tokenized<'a> {
        let mut t = Tokenized {
            text,
            start,
            key: String::with_capacity(text.len()),
            key_words: Vec::new(),
            tokens: Vec::new(),
        };
        // Elided words are cut off by a space of the apostrophe's length: the offsets
        // stay those of the text.
        tokenize(
            &unelide(text),
            start,
            &mut t.tokens,
            &mut t.key,
            &mut t.key_words,
        );
        t
    }

    /// Its tokens as words.
    pub fn words(&self) -> Vec<Word<'_>> {
        self.tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let gap_end = self
                    .tokens
                    .get(i + 1)
                    .map_or(self.text.len(), |n| n.start - self.start);
                Word {
                    text: &self.text[t.start - self.start..t.end - self.start],
                    key: &self.key[t.key.0 as usize..t.key.1 as usize],
                    shape: t.shape,
                    comma_after: self
                        .text
                        .get(t.end - self.start..gap_end)
                        .is_some_and(|gap| gap.contains(',')),
                }
            })
            .collect()
    }
}

/// The text with the apostrophe after an elided word before a vowel ("l'attaque",
/// "qu’ils", `lexicon/*/elisions.txt`) turned into spaces of its length, so that the two
/// words stay two; borrowed when there is none.
///
/// ```
/// use incimap::extract::doc::unelide;
/// assert_eq!(unelide("L'attaque d’une colonne"), "L attaque d   une colonne");
/// assert_eq!(unelide("it's the soldiers' camp"), "it's the soldiers' camp");
/// assert_eq!(unelide("N'Djamena"), "N'Djamena");
/// ```
pub fn unelide(text: &str) -> Cow<'_, str> {
    unelide_with(text, &lexicon().elisions)
}

/// [`unelide`] with the elided words given: the lexicon keys its own phrases with it
/// while it loads ("s'est alourdi à" is read as "s est alourdi a").
pub(crate) fn unelide_with<'t>(
    text: &'t str,
    elisions: &rustc_hash::FxHashSet<String>,
) -> Cow<'t, str> {
    // Most clauses have no apostrophe at all (’ starts with the byte 0xE2).
    if memchr::memchr2(b'\'', 0xE2, text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out: Option<String> = None;
    for (at, c) in text.char_indices().filter(|(_, c)| matches!(c, '\'' | '’')) {
        let before = &text[..at];
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        // Elision comes before a vowel or a mute h: "l'attaque", not "N'Djamena".
        let vowel_next = text[at + c.len_utf8()..].chars().next().is_some_and(|n| {
            deunicode::deunicode_char(n)
                .and_then(|s| s.chars().next())
                .is_some_and(|b| "aeiouyhAEIOUYH".contains(b))
        });
        if vowel_next && word.len() <= 7 && elisions.contains(&word.to_lowercase()) {
            let s = out.get_or_insert_with(|| text.to_string());
            s.replace_range(at..at + c.len_utf8(), &" ".repeat(c.len_utf8()));
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// The byte range of every word of a key (words joined by single spaces).
fn key_words(key: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(key.len() / 5 + 1);
    let mut start = 0;
    for i in memchr::memchr_iter(b' ', key.as_bytes()) {
        out.push((start, i));
        start = i + 1;
    }
    if start < key.len() {
        out.push((start, key.len()));
    }
    out
}

/// Cuts a clause into tokens, appending them to `tokens` with offsets from `start`, and
/// their keys to `key` (one space between), with the range of every key word.
fn tokenize(
    clause: &str,
    start: usize,
    tokens: &mut Vec<Token>,
    key: &mut String,
    key_words: &mut Vec<(usize, usize)>,
) {
    tokens.reserve(clause.len() / 5);
    let mut at = 0;
    while at < clause.len() {
        match token_end(clause, at) {
            Some((end, shape)) => {
                let from = key.len();
                if shape != Shape::Mark {
                    push_key(&clause[at..end], key, key_words);
                }
                // A token whose text has no letter or digit left adds no key.
                let from = if key.len() > from && key.as_bytes()[from] == b' ' {
                    from + 1
                } else {
                    from.min(key.len())
                };
                tokens.push(Token {
                    start: start + at,
                    end: start + end,
                    key: (from as u32, key.len() as u32),
                    shape,
                });
                at = end;
            }
            None if clause.as_bytes()[at] < 0x80 => at += 1,
            None => at += clause[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
}

/// Appends the [`normalize`]d key of one token to a clause's key (a space first when the
/// key has words already), and the ranges of its words.
fn push_key(text: &str, key: &mut String, key_words: &mut Vec<(usize, usize)>) {
    if !text.is_ascii() {
        for part in normalize(text).split(' ').filter(|p| !p.is_empty()) {
            if !key.is_empty() {
                key.push(' ');
            }
            key_words.push((key.len(), key.len() + part.len()));
            key.push_str(part);
        }
        return;
    }
    // ASCII: letters and digits lower-cased, apostrophes dropped, anything else a break.
    let mut part: Option<usize> = None;
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() {
            if part.is_none() {
                if !key.is_empty() {
                    key.push(' ');
                }
                part = Some(key.len());
            }
            key.push(char::from(b.to_ascii_lowercase()));
        } else if b != b'\'' && b != b'`' {
            if let Some(s) = part.take() {
                key_words.push((s, key.len()));
            }
        }
    }
    if let Some(s) = part {
        key_words.push((s, key.len()));
    }
}

/// The end and shape of the token starting at `at`, if one does: a word ("Fifty-three",
/// "N'Djamena"), a number ("1,200", "2.5", "20-year-old") or a clause mark.
fn token_end(text: &str, at: usize) -> Option<(usize, Shape)> {
    let rest = &text[at..];
    let first = match rest.as_bytes().first()? {
        &b if b < 0x80 => char::from(b),
        _ => rest.chars().next()?,
    };
    if first.is_alphabetic() {
        let end = at + run(rest, |c| c.is_alphabetic() || c == '\'' || c == '’');
        return Some((dashed(text, end, char::is_alphabetic), Shape::Word));
    }
    if first.is_ascii_digit() {
        let mut end = at + run(rest, |c| c.is_ascii_digit() || c == ',');
        if end - at <= 3 && !rest[..end - at].contains(',') {
            end = digit_groups(text, end);
        }
        if let Some(decimals) = text[end..].strip_prefix('.') {
            let digits = run(decimals, |c| c.is_ascii_digit());
            if digits > 0 {
                end += 1 + digits;
            }
        }
        return Some((dashed(text, end, |c| c.is_ascii_lowercase()), Shape::Number));
    }
    matches!(first, ';' | ':' | '(' | ')' | '.').then_some((at + 1, Shape::Mark))
}

/// The end of the groups of three digits that go on a number at `end`, each after a space
/// ("10 000", "1 200 000"; plain, no-break or thin, as French and many style guides
/// write thousands): the number is one token, not "10" and "000".
fn digit_groups(text: &str, mut end: usize) -> usize {
    loop {
        let Some(sep) = text[end..]
            .chars()
            .next()
            .filter(|&c| is_digit_group_space(c))
        else {
            return end;
        };
        let group = &text[end + sep.len_utf8()..];
        let digits = run(group, |c| c.is_ascii_digit());
        if digits != 3 {
            return end;
        }
        end += sep.len_utf8() + digits;
    }
}

/// True for a space that may part the thousands of a number: plain, no-break (U+00A0),
/// narrow no-break (U+202F) or thin (U+2009).
pub fn is_digit_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The digits of a number token without its group marks ("1,200" and "10 000" give
/// "1200" and "10000"), borrowed when it has none.
///
/// ```
/// use incimap::extract::doc::plain_digits;
/// assert_eq!(plain_digits("10\u{a0}000"), "10000");
/// assert_eq!(plain_digits("1,200"), "1200");
/// assert_eq!(plain_digits("53"), "53");
/// ```
pub fn plain_digits(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| c != ',' && !is_digit_group_space(c))
            .collect(),
    )
}

/// The length of the run of characters in `class` at the start of `s` (ASCII read byte
/// by byte).
fn run(s: &str, class: impl Fn(char) -> bool) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b >= 0x80 {
            return i + s[i..]
                .char_indices()
                .find(|(_, c)| !class(*c))
                .map_or(s.len() - i, |(k, _)| k);
        }
        if !class(char::from(b)) {
            return i;
        }
        i += 1;
    }
    i
}

/// The end of the dashed parts after `end`: "-" and a run of `class`, again and again.
fn dashed(text: &str, mut end: usize, class: impl Fn(char) -> bool + Copy) -> usize {
    loop {
        let part = text[end..].strip_prefix('-').map_or(0, |s| run(s, class));
        if part == 0 {
            return end;
        }
        end += 1 + part;
    }
}

/// Builds the clause patterns now rather than at the first sentence (see
/// [`super::prepare`]).
pub(crate) fn prepare() {
    clauses("");
}

/// Splits a sentence into clauses where a second event may start ("; ", " after a", "
/// après le", ", and" between two tolls: the words of `clauses.tsv`), each with its byte
/// offset in the sentence.
pub(crate) fn clauses(sentence: &str) -> Vec<(usize, &str)> {
    struct Cuts {
        re: regex::Regex,
        /// One searcher per opener, then one for ", and ".
        words: Vec<memchr::memmem::Finder<'static>>,
    }
    static C: OnceLock<Cuts> = OnceLock::new();
    let cuts = C.get_or_init(|| {
        let lx = lexicon();
        let alternatives = |words: &[String]| {
            let mut words: Vec<String> = words
                .iter()
                .map(|w| regex::escape(w).replace(' ', r"\s+"))
                .collect();
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
            words.join("|")
        };
        let pattern = format!(
            r";\s+|,?\s+(?:{})\s+(?:(?:{})(?:\s|['’])|\d+\s)",
            alternatives(&lx.clause_openers),
            alternatives(&lx.clause_starts)
        );
        let mut words: Vec<memchr::memmem::Finder<'static>> = lx
            .clause_openers
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
            .collect();
        words.push(memchr::memmem::Finder::new(b", and "));
        Cuts {
            re: regex::Regex::new(&pattern).unwrap_or_else(|e| panic!("clauses.tsv: {e}")),
            words,
        }
    });
    let (openers, and) = cuts.words.split_at(cuts.words.len() - 1);
    let mut out = Vec::new();
    let mut start = 0;
    let splits = memchr::memchr(b';', sentence.as_bytes()).is_some()
        || openers
            .iter()
            .any(|w| w.find(sentence.as_bytes()).is_some());
    for m in cuts.re.find_iter(if splits { sentence } else { "" }) {
        // "The day before the raid, bombs fell…": a date phrase, not a clause of its own.
        let head = &sentence[start..m.start()];
        // "On Sunday, two days after the raid": days counted back from the date before the
        // comma ("less than two days after a bombing", "96 fighters, two weeks after the
        // massacre" are another incident's clause).
        let mut last = head.split_whitespace().rev();
        let span = last
            .next()
            .is_some_and(|w| lexicon().clause_spans.contains(&w.to_lowercase()));
        let counted = last.next().is_some_and(|w| {
            w.starts_with(|c: char| c.is_ascii_digit())
                || lexicon().numbers.contains_key(&normalize(w))
        }) && last.next().is_some_and(|w| {
            let day = normalize(w.trim_end_matches(','));
            w.ends_with(',')
                && (day.starts_with(|c: char| c.is_ascii_digit())
                    || lexicon().weekdays.contains_key(&day)
                    || lexicon().months.contains_key(&day))
        });
        let date_phrase = span && (counted || head.split_whitespace().count() <= 3);
        if date_phrase {
            continue;
        }
        out.push((start, head));
        start = m.start();
    }
    out.push((start, &sentence[start..]));
    // "Four gendarmes were killed in X, and a soldier and a civilian died when gunmen
    // raided Y": two tolls joined by ", and" are two incidents.
    let mut split = Vec::with_capacity(out.len());
    for (at, clause) in out {
        let mut from = 0;
        for i in and[0].find_iter(clause.as_bytes()) {
            if has_casualty_word(&clause[from..i]) && has_casualty_word(&clause[i..]) {
                split.push((at + from, &clause[from..i]));
                from = i;
            }
        }
        split.push((at + from, &clause[from..]));
    }
    split
}

/// True when a text holds a casualty word ("killed", "died").
fn has_casualty_word(text: &str) -> bool {
    let casualties = &lexicon().casualties;
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && casualties.contains_key(&normalize(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_cut_where_another_incident_is_told_in_either_language() {
        for (sentence, second) in [
            (
                "A drone strike killed two IS-K figures, less than two days after a suicide \
                 bomber tore through crowds outside Kabul airport.",
                "after a suicide",
            ),
            (
                "L'armée dit avoir tué 96 combattants, deux semaines après le carnage de \
                 Barkaram.",
                "après le carnage",
            ),
            (
                "Des renforts sont arrivés à Fambita dimanche après l'attaque de la mosquée.",
                "après l'attaque",
            ),
        ] {
            let cut = clauses(sentence);
            assert_eq!(cut.len(), 2, "{sentence}: {cut:?}");
            assert!(
                cut[1].1.trim_start_matches([',', ' ']).starts_with(second),
                "{cut:?}"
            );
        }
        let cut = clauses("The day before the raid, bombs fell on the town.");
        assert_eq!(cut.len(), 1, "a date phrase: {cut:?}");
        let cut = clauses("Deux jours avant l'attaque, des hommes armés ont été vus.");
        assert_eq!(cut.len(), 1, "a date phrase: {cut:?}");
        let cut =
            clauses("They buried the dead on Sunday, two days after the raid on the village.");
        assert_eq!(cut.len(), 1, "days counted back from Sunday: {cut:?}");
    }

    #[test]
    fn tokens_are_words_numbers_and_clause_marks() {
        // The tokens as one pattern: what `token_end` reads by hand.
        let oracle = regex::Regex::new(
            r"[\p{L}][\p{L}'’]*(?:-[\p{L}]+)*|\d[\d,]*(?:\.\d+)?(?:-[a-z]+)*|[;:().]",
        )
        .unwrap();
        for text in [
            "Fifty-three soldiers (1,200, 2.5 km) in N’Djamena's 20-year-old rock-'n'-roll; done.",
            "At least 49 were killed, 3.-4. 12-Year-Old 7-a- x--y ‘quoted’ «Ménaka» 5.5.5",
            "",
            "...;;",
        ] {
            let tokenized = Tokenized::new(text);
            let ours: Vec<&str> = tokenized.words().iter().map(|t| t.text).collect();
            let theirs: Vec<&str> = oracle.find_iter(text).map(|m| m.as_str()).collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn token_keys_are_the_normalised_keys_of_their_text() {
        let text = "Fifty-three soldiers (1,200) in N’Djamena's 20-year-old Ménaka; don't 3.5 km.";
        let tokenized = Tokenized::new(text);
        for w in tokenized.words() {
            let expected = if w.shape == Shape::Mark {
                String::new()
            } else {
                normalize(w.text)
            };
            assert_eq!(w.key, expected, "{:?}", w.text);
        }
        let words: Vec<&str> = tokenized
            .key_words
            .iter()
            .map(|&(a, b)| &tokenized.key[a..b])
            .collect();
        assert_eq!(tokenized.key, normalize(text));
        assert_eq!(words.join(" "), tokenized.key);
    }

    #[test]
    fn the_language_is_told_by_function_words() {
        let fr = Article::parse(
            "fr.txt",
            "Des hommes armés ont attaqué le camp de Nampala et la gendarmerie dans la nuit.",
        );
        assert_eq!(Doc::read(&fr).lang, "fr");
        let en = Article::parse(
            "en.txt",
            "Gunmen attacked the camp of Nampala in the night.",
        );
        assert_eq!(Doc::read(&en).lang, "en");
    }

    #[test]
    fn offsets_and_lines_point_into_the_article() {
        let article = Article::parse("a.txt", "# Head\n\nOne line.\n\nGunmen struck Kati.");
        let doc = Doc::read(&article);
        let last = doc.clauses.last().unwrap();
        assert_eq!(
            &article.text[last.start..last.start + last.text.len()],
            last.text
        );
        assert_eq!(doc.line_of(last.start), 5);
    }
}
