//! Reading one news article into structured text: front matter (headline, publication
//! date), page furniture dropped, photo captions marked, datelines noted, and the body
//! split into paragraphs and sentences.
//!
//! ```
//! use incimap::article::Article;
//! let text = "# Headline\n\nPublished at: **2019-11-05T07:00:19+00:00**\n\nGunmen attacked the town. Ten died.\nADVERTISEMENT\n";
//! let a = Article::parse("a.txt", text);
//! assert_eq!(a.published.unwrap().to_string(), "2019-11-05");
//! assert_eq!(a.paragraphs.len(), 2);
//! assert_eq!(a.paragraphs[1].sentences.len(), 2);
//! assert_eq!(a.sentence(&a.paragraphs[1].sentences[1]), "Ten died.");
//!
//! let report = Article::parse("r.txt", "Weekly report\n\nGuerrero – Chilpancingo, 3 October\n\nA mayor was shot.");
//! assert!(report.paragraphs[1].heading && !report.paragraphs[2].heading);
//! ```

pub mod language;
mod sentences;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::OnceLock;

pub use sentences::split_sentences;

use crate::gazetteer::normalize::normalize;
use crate::lexicon::{lexicon, BackgroundRole};

/// One paragraph of body text.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The paragraph's sentences, in order, as byte ranges of the article's text
    /// ([`Article::sentence`] gives the text).
    pub sentences: Vec<Range<usize>>,
    /// True for a photo caption: read for context, never for an incident's date.
    pub caption: bool,
    /// True for the headline.
    pub headline: bool,
    /// True for a section heading inside the body: a short line without final
    /// punctuation after the first paragraph ("Guerrero – Chilpancingo, 3 and 6 October").
    /// Its place and date hold for the paragraphs below it, up to the next heading.
    pub heading: bool,
}

/// A news article, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file name the article came from (its source id in the output).
    pub source: String,
    /// The text as read: sentences and everything found in them are byte ranges of it.
    pub text: String,
    /// The publication date, when the article gives one with its year.
    pub published: Option<NaiveDate>,
    /// The place of the dateline ("BAMAKO –"), where the report was filed from.
    pub dateline: Option<String>,
    /// The dateline's month and day when it has no year ("OUAGADOUGOU, June 14 (…)").
    pub dateline_month_day: Option<(u32, u32)>,
    /// Years named by captions and copyright lines: hints for a dateline without a year.
    pub year_hints: Vec<i32>,
    /// Full dates named in captions: the article is no older than the newest.
    pub caption_dates: Vec<NaiveDate>,
    /// Full dates the body names after a dateline without a year: one a few days before
    /// the dateline's day gives its year ("ABIDJAN, 11 juin … ce jeudi 11 juin 2020").
    pub body_dates: Vec<NaiveDate>,
    /// The body, paragraph by paragraph.
    pub paragraphs: Vec<Paragraph>,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}

struct Patterns {
    published: Regex,
    meta: Regex,
    header_date: Regex,
    dateline: Regex,
    dateline_titled: Regex,
    dateline_wire: Regex,
    full_date: Regex,
    copyright: Regex,
    numeric_date: Regex,
}

/// Builds the article patterns now rather than at the first article (see
/// [`crate::extract::prepare`]).
pub(crate) fn prepare() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        published: re(r"(?i)^\s*(?:published(?: at| on)?|publié(?: le)?|date|issued)\s*:\s*\**\s*(\d{4})-(\d{2})-(\d{2})"),
        meta: re(r"(?i)^\s*(?:author|original|by)\s*:|^By [A-Z]"),
        header_date: re(r"(?i)(?:issued|published|date)\s*:?\s*(?:[a-z]+day\s+)?(\d{1,2})\s+([a-zéû]+)\.?\s+(\d{4})"),
        dateline: re(
            r"^\s*([A-Z][A-Z'’ .-]{2,}[A-Z])(?:\s*/\s*[A-Z][A-Z'’ .-]{2,}[A-Z])*(?:,\s*([A-Z][A-Za-z .]+?))?(?:,\s*(?:([A-Z][a-z]{2,8})\.?\s+(\d{1,2})|(\d{1,2})(?:er)?\s+(\p{Ll}{3,9})\.?)(?:,?\s+\d{4})?)?\s*(?:\([^)]*\))?\s*[–—-]+\s",
        ),
        dateline_titled: re(r"^\s*([A-Z][a-z'’]+(?: [A-Z][a-z'’]+)?),\s*([A-Z][A-Za-z .]+?),\s*([A-Z][a-z]{2,8})\.?\s+(\d{1,2})\s*(?:\([^)]*\))?\s*[–—-]+\s"),
        // "Bamako, 12 mars 2024 (AFP) -", "Port-au-Prince (AFP) -": a place in title case
        // (capitals are `dateline`'s), then a date, an agency or both. The groups are those of `dateline`, then the agency.
        dateline_wire: re(
            r"^\s*(\p{Lu}(?:['’]\p{Lu})?\p{Ll}[\p{L}'’-]*(?: \p{Lu}(?:['’]\p{Lu})?\p{Ll}[\p{L}'’-]*){0,2})(?:,\s*([A-Z][A-Za-z .]+?))?(?:,\s*(?:([A-Z][a-z]{2,8})\.?\s+(\d{1,2})|(\d{1,2})(?:er)?\s+(\p{L}{3,9})\.?)(?:,?\s+\d{4})?)?\s*(\([^)]*\))?\s*[–—-]+\s",
        ),
        // ASCII word boundaries: a Unicode one keeps the regex off its fast engines.
        full_date: re(r"(?-u:\b)(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?-u:\b)|(?-u:\b)(\d{1,2})(?:er|st|nd|rd|th)?\s+(\p{L}{3,9})\.?,?\s+(\d{4})(?-u:\b)|(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)"),
        copyright: re(r"©\s*(\d{4})|(?i)copyright\s+(\d{4})"),
        numeric_date: re(r"(?-u:\b)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?-u:\b)"),
    })
}

fn month_number(word: &str) -> Option<u32> {
    lexicon().months.get(&normalize(word)).copied()
}

/// Every full date found in `text`: "January 30, 2023", "Sat., Mar. 4, 2023", "3
/// February 2022", "1er novembre 2021", "20 oct. 2022", "2021-05-12".
///
/// ```
/// use incimap::article::find_full_dates;
/// let dates = |t| find_full_dates(t).iter().map(|d| d.to_string()).collect::<Vec<_>>();
/// assert_eq!(dates("Sat., Mar. 4, 2023"), ["2023-03-04"]);
/// assert_eq!(dates("AFP - jeu. 20 oct. 2022 19:52 GMT"), ["2022-10-20"]);
/// assert_eq!(dates("Mise à jour | 1er décembre 2024"), ["2024-12-01"]);
/// assert_eq!(dates("2021-05-12 | 07:00"), ["2021-05-12"]);
/// assert!(dates("Some 12 people 2023").is_empty());
/// ```
pub fn find_full_dates(text: &str) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for c in patterns().full_date.captures_iter(text) {
        let date = if let Some(y) = c.get(7) {
            match (y.as_str().parse(), c[8].parse(), c[9].parse()) {
                (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            }
        } else {
            let (month, day, year) = if let Some(m) = c.get(1) {
                (m.as_str(), &c[2], &c[3])
            } else {
                (c.get(5).map_or("", |m| m.as_str()), &c[4], &c[6])
            };
            match (month_number(month), day.parse(), year.parse()) {
                (Some(m), Ok(d), Ok(y)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            }
        };
        out.extend(date);
    }
    out
}

/// The publication date a header line gives, if any: "Issued: Monday 3 February 2025";
/// a full date in a line of fields ("Issue 12 | 3 February 2025", a wire's "AFP - Fil
/// Afrique - jeu. 20 oct. 2022 19:52 GMT", a bulletin's "Flash Update N°1 – 28 janvier
/// 2020"); or a line that is a date and nothing else ("Sat., Mar. 4, 2023", "2021-05-12
/// 07:00 GMT").
fn header_date(line: &str) -> Option<NaiveDate> {
    if let Some(c) = patterns().header_date.captures(line) {
        let (Ok(d), Some(m), Ok(y)) = (c[1].parse(), month_number(&c[2]), c[3].parse()) else {
            return None;
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if line.len() >= 120 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let fields =
        line.contains(['|', '–', '—', '•']) || line.contains(" - ") || line.contains(" / ");
    if fields || only_date_words(line) {
        return find_full_dates(line)
            .into_iter()
            .max()
            .or_else(|| numeric_date(line, writes_day_first(line)).filter(|_| !fields));
    }
    None
}

/// True when every word of a line is a date's: a month or weekday name or its
/// abbreviation ("ven.", "Sept."), a number, a time ("10:15", "10h15"), an ordinal
/// ending ("3rd", "1er") or a word of `date_lines.txt` ("Posted on", "Mis à jour le",
/// "GMT"): the line is a date and nothing else.
fn only_date_words(line: &str) -> bool {
    const ENDINGS: [&str; 7] = ["st", "nd", "rd", "th", "er", "e", "h"];
    let lx = lexicon();
    let abbreviates = |key: &str| {
        key.len() >= 3
            && (lx.months.keys().chain(lx.weekdays.keys())).any(|name| name.starts_with(key))
    };
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let word = w.trim_matches(|c: char| c.is_ascii_digit());
            let key = normalize(word);
            word.is_empty()
                || (word.len() < w.len() && ENDINGS.contains(&key.as_str()))
                || lx.months.contains_key(&key)
                || lx.weekdays.contains_key(&key)
                || lx.date_line_words.contains(&key)
                || abbreviates(&key)
        })
}

/// The languages whose press writes a numeric date month first in part ("05/06/2021"
/// is May 6 in Washington): in the others it reads day first.
const MONTH_FIRST: [&str; 1] = ["en"];

/// True when a line holds a function word (`function_words.txt`) of a language that
/// writes numeric dates day first: "Publié le 05/06/2021" is 5 June.
fn writes_day_first(line: &str) -> bool {
    let lx = lexicon();
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter_map(|w| lx.function_words.get(&normalize(w)))
        .any(|&lang| !MONTH_FIRST.contains(&lx.languages[lang]))
}

/// A numeric date ("03/03/2023", "13.05.2021") that reads one way only: day and month
/// equal, or one of them above 12, or `day_first` (a line in a language that writes it
/// so). "05/06/2021" is 5 June in Bamako and May 6 in Washington: in an English line it is
/// left alone.
fn numeric_date(line: &str, day_first: bool) -> Option<NaiveDate> {
    let c = patterns().numeric_date.captures(line)?;
    let (Ok(a), Ok(b), Ok(y)) = (c[1].parse::<u32>(), c[2].parse::<u32>(), c[3].parse()) else {
        return None;
    };
    let day_month = NaiveDate::from_ymd_opt(y, b, a);
    let month_first = NaiveDate::from_ymd_opt(y, a, b);
    match (day_month, month_first) {
        (Some(d), _) if day_first => Some(d),
        (Some(d), Some(m)) if d == m => Some(d),
        (Some(d), None) => Some(d),
        (None, Some(m)) => Some(m),
        _ => None,
    }
}

/// The first `n` bytes of a text or fewer, on a character boundary.
fn head(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The last `n` bytes of a text or fewer, on a character boundary.
///
/// ```
/// assert_eq!(incimap::article::tail("Ménaka", 5), "naka");
/// ```
pub fn tail(text: &str, n: usize) -> &str {
    let mut start = text.len().saturating_sub(n);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// The first `chars` characters of a text, lower-cased: enough to test it for phrases
/// no longer than that without lower-casing the whole line.
fn lower_head(text: &str, chars: usize) -> String {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at);
    let head = &text[..end];
    if head.is_ascii() {
        head.to_ascii_lowercase()
    } else {
        head.chars().flat_map(char::to_lowercase).collect()
    }
}

/// The number of characters of the longest of some phrases.
fn longest_chars<'a>(phrases: impl Iterator<Item = &'a str>) -> usize {
    phrases.map(|p| p.chars().count()).max().unwrap_or(0)
}

/// Page furniture: a line that starts with a boilerplate phrase, or has no letter or
/// digit.
fn is_boilerplate(line: &str) -> bool {
    /// The boilerplate phrases by their first character, and the longest one's length.
    struct Index {
        by_first: HashMap<char, Vec<&'static str>>,
        longest: usize,
    }
    static INDEX: OnceLock<Index> = OnceLock::new();
    if !line.chars().any(char::is_alphanumeric) {
        return true;
    }
    let index = INDEX.get_or_init(|| {
        let phrases = &lexicon().boilerplate;
        let mut by_first: HashMap<char, Vec<&'static str>> = HashMap::default();
        for p in phrases {
            if let Some(c) = p.chars().next() {
                by_first.entry(c).or_default().push(p.as_str());
            }
        }
        Index {
            by_first,
            longest: longest_chars(phrases.iter().map(String::as_str)),
        }
    });
    let lower = lower_head(line.trim_start_matches(['*', '_', ' ']), index.longest);
    lower
        .chars()
        .next()
        .and_then(|c| index.by_first.get(&c))
        .is_some_and(|phrases| phrases.iter().any(|b| lower.starts_with(b)))
}

/// A wire photo caption: one short sentence that ends with the photo's full date, maybe
/// followed by a credit ("… in Mogadishu, Somalia, August 21, 2022. REUTERS/Name").
fn ends_with_photo_date(line: &str) -> bool {
    let text = line.trim();
    if text.len() > 300 {
        return false;
    }
    // A photo's date ends in a year: no digit, no photo date.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(last) = patterns().full_date.find_iter(text).last() else {
        return false;
    };
    let rest = text[last.end()..].trim_start_matches(['.', ' ']);
    let before = &text[..last.start()];
    let one_sentence = !before.contains(". ");
    let credit = rest.is_empty() || (rest.len() <= 60 && rest.contains('/'));
    // "… in Mogadishu, Somalia, August 21, 2022" is a photo's; "… on Tuesday, April 11,
    // 2023" a sentence's day: a caption puts no weekday before its date.
    let weekday_before = before
        .trim_end()
        .trim_end_matches(',')
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| lexicon().weekdays.contains_key(&normalize(w)));
    one_sentence && credit && before.trim_end().ends_with(',') && !weekday_before
}

/// A section heading: one short line that does not end a sentence and is neither a
/// field ("Reporting period: …", "Issue 12 | 3 February") nor a credit ("(Reporting by …)").
fn is_heading(line: &str) -> bool {
    let text = line.trim();
    text.len() <= 100
        && !text.contains([':', '|'])
        && !text.starts_with('(')
        && !text.ends_with(['.', '!', '?', '"', '”', '’'])
}

/// The caption cues of `background.tsv` (normalised) and the longest one's length.
fn caption_cues() -> &'static (Vec<&'static str>, usize) {
    static CUES: OnceLock<(Vec<&'static str>, usize)> = OnceLock::new();
    CUES.get_or_init(|| {
        let cues: Vec<&str> = lexicon()
            .background
            .iter()
            .filter(|(_, role)| *role == BackgroundRole::Caption)
            .map(|(cue, _)| cue.as_str())
            .collect();
        let longest = cues.iter().map(|c| c.len()).max().unwrap_or(0);
        (cues, longest)
    })
}

/// The key of the first or last `limit` bytes of a line, or of as little of them as
/// holds `need` bytes of key: normalising a shorter head gives a prefix of the longer
/// head's key, and a shorter tail a suffix of the longer tail's, so a cue no longer
/// than `need` is found in both or neither.
fn end_key(line: &str, limit: usize, need: usize, from_end: bool) -> String {
    let mut n = (2 * need).max(16);
    loop {
        let n_now = n.min(limit);
        let window = if from_end {
            tail(line, n_now)
        } else {
            head(line, n_now)
        };
        let key = normalize(window);
        if key.len() >= need || n_now >= limit || window.len() == line.len() {
            return key;
        }
        n *= 2;
    }
}

fn is_caption(line: &str) -> bool {
    if ends_with_photo_date(line) {
        return true;
    }
    // Caption cues open or close the line: only its ends are read.
    let (cues, longest) = caption_cues();
    let lower = lower_head(line.trim_start_matches(['*', '_', ' ']), *longest);
    let key_head = end_key(line, 160, *longest, false);
    let key_tail = end_key(line, 160, *longest, true);
    cues.iter()
        .any(|cue| lower.starts_with(cue) || key_head.starts_with(cue) || key_tail.ends_with(cue))
}

/// Whether a title-case opening read by `dateline_wire` is a dateline: it names a month
/// ("Bamako, 12 mars –") or an agency ("Niamey (AFP) –"); "Burkina Faso – Une attaque"
/// is a headline's kicker, not a dateline.
fn is_wire_dateline(c: &regex::Captures) -> bool {
    c.get(7).is_some()
        || c.get(3)
            .or(c.get(6))
            .is_some_and(|m| month_number(m.as_str()).is_some())
}

impl Article {
    /// Reads an article from its text. `source` names it in the output.
    pub fn parse(source: &str, text: &str) -> Article {
        let p = patterns();
        let mut article = Article {
            source: source.to_string(),
            text: text.to_string(),
            published: None,
            dateline: None,
            dateline_month_day: None,
            year_hints: Vec::new(),
            caption_dates: Vec::new(),
            body_dates: Vec::new(),
            paragraphs: Vec::new(),
        };
        let mut header_lines = 0;
        for raw in text.lines() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            // Fields ("Published at: …", "Author: …") have a colon.
            let field = line.contains(':');
            if let Some(c) = p.published.captures(if field { line } else { "" }) {
                if let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse()) {
                    article.published = article.published.or(NaiveDate::from_ymd_opt(y, m, d));
                }
                continue;
            }
            let copyright =
                line.contains('©') || line.contains("opyright") || line.contains("OPYRIGHT");
            for c in p.copyright.captures_iter(if copyright { line } else { "" }) {
                if let Some(y) = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()) {
                    article.year_hints.push(y);
                }
            }
            if ((field || line.starts_with("By ")) && p.meta.is_match(line)) || is_boilerplate(line)
            {
                // "By Staff Reporter | 12 May 2021 at 07:00": a byline may carry the date.
                if header_lines < 4 && article.published.is_none() && !is_boilerplate(line) {
                    article.published = header_date(line);
                }
                continue;
            }
            header_lines += 1;
            if header_lines <= 4 && article.published.is_none() {
                article.published = header_date(line);
            }
            let headline = raw.starts_with("# ");
            let mut body = line.trim_start_matches('#').trim();
            let caption = is_caption(body);
            if !caption
                && article.dateline.is_none()
                && article.paragraphs.iter().filter(|p| !p.headline).count() < 2
            {
                body = article.take_dateline(body);
            }
            if caption {
                let dates = find_full_dates(body);
                article
                    .year_hints
                    .extend(dates.iter().map(chrono::Datelike::year));
                // A file photo is older than the article: its date anchors nothing.
                if !body.trim_start().to_lowercase().starts_with("file") {
                    article.caption_dates.extend(dates);
                }
            } else if article.dateline_month_day.is_some() && article.published.is_none() {
                article.body_dates.extend(find_full_dates(body));
            }
            // Every line and sentence is a slice of `text`: their offsets are where they
            // stand in it.
            let sentences: Vec<Range<usize>> = split_sentences(body)
                .into_iter()
                .map(|s| {
                    let start = s.as_ptr() as usize - text.as_ptr() as usize;
                    start..start + s.len()
                })
                .collect();
            if !sentences.is_empty() {
                let heading =
                    !headline && !caption && !article.paragraphs.is_empty() && is_heading(body);
                article.paragraphs.push(Paragraph {
                    sentences,
                    caption,
                    headline,
                    heading,
                });
            }
        }
        if article.published.is_none() {
            article.published = article.infer_published();
        }
        article
    }

    /// Notes the dateline a line opens with ("BAMAKO, June 14 (Reuters) –", in French
    /// order "BAMAKO, 3 juillet (AFP) –", filed from two places "WASHINGTON / KABUL, Aug
    /// 28 –": the first; in title case "Bamako, 3 juillet 2023 (AFP) –"), if any, and
    /// returns the line after it.
    fn take_dateline<'t>(&mut self, body: &'t str) -> &'t str {
        let p = patterns();
        let Some(c) = p
            .dateline
            .captures(body)
            .or_else(|| p.dateline_titled.captures(body))
            .or_else(|| p.dateline_wire.captures(body).filter(is_wire_dateline))
        else {
            return body;
        };
        self.dateline = Some(c[1].trim().to_string());
        let end = c.get(0).map_or(0, |m| m.end());
        let month = c.get(3).or(c.get(6)).and_then(|m| month_number(m.as_str()));
        if let (Some(m), Some(d)) = (month, c.get(4).or(c.get(5))) {
            self.dateline_month_day = d.as_str().parse().ok().map(|d| (m, d));
        }
        // "BAMAKO, 3 mars 2023 (Reuters) –": a dateline with its year is the filing date.
        if self.published.is_none() {
            self.published = find_full_dates(&body[..end]).into_iter().next();
        }
        &body[end..]
    }

    /// A publication date from a dateline without a year ("Feb 2"): the body's own full
    /// date of that day or of the week before it (a wire filed the day after the attack
    /// "on Thursday, June 11, 2020"), else the year that the captions or copyright line
    /// give. An older full date in the body is history and gives no year.
    fn infer_published(&self) -> Option<NaiveDate> {
        let (month, day) = self.dateline_month_day?;
        let told_that_week = self.body_dates.iter().find_map(|told| {
            (told.year()..=told.year() + 1)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .find(|filed| (0..=7).contains(&(*filed - *told).num_days()))
        });
        if told_that_week.is_some() {
            return told_that_week;
        }
        let newest_caption = self.caption_dates.iter().max().copied();
        let year = newest_caption.map(|d| chrono::Datelike::year(&d)).or(self
            .year_hints
            .iter()
            .max()
            .copied())?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        match newest_caption {
            Some(c) if (c - date).num_days() > 180 => NaiveDate::from_ymd_opt(year + 1, month, day),
            _ => Some(date),
        }
    }

    /// The text of a sentence (or any byte range) of the article.
    pub fn sentence(&self, range: &Range<usize>) -> &str {
        &self.text[range.clone()]
    }

    /// The date to resolve relative dates against: the publication date, else the newest
    /// caption date (the article is no older than its photos). None: no anchor, so
    /// relative dates stay unresolved.
    pub fn anchor(&self) -> Option<NaiveDate> {
        self.published
            .or_else(|| self.caption_dates.iter().max().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::Article;

    fn published(text: &str) -> Option<String> {
        Article::parse("a.txt", text)
            .published
            .map(|d| d.to_string())
    }

    #[test]
    fn a_photo_caption_ends_with_its_date_and_a_sentence_with_its_weekday_is_no_caption() {
        for caption in [
            "Somali soldiers patrol a street in Mogadishu, Somalia, August 21, 2022. REUTERS/Feisal Omar",
            "A view of the damaged market in Kano, Nigeria, March 4, 2023.",
            "Residents gather at the site of the blast in Quetta, Pakistan, 30 January 2023. REUTERS/Naseer Ahmed",
        ] {
            assert!(super::is_caption(caption), "{caption}");
        }
        for sentence in [
            "Gunmen killed 20 villagers in a raid on Gao on Tuesday, April 11, 2023.",
            "A bomb exploded at a market in Kano late on Saturday, March 4, 2023.",
            "Militants attacked the army base at Boulkessi before dawn on Monday, 30 September 2019.",
        ] {
            assert!(!super::is_caption(sentence), "{sentence}");
        }
    }

    #[test]
    fn a_date_line_at_the_top_is_the_publication_date() {
        for (text, day) in [
            ("AFP - Fil Afrique - jeu. 20 oct. 2022 19:52 GMT\nTCHAD-POLITIQUE\n\nDes manifestants ont été tués.", "2022-10-20"),
            ("BURKINA FASO\nAttaques contre des civils\nFlash Update N°1 – 28 janvier 2020\n\nDes civils ont été tués.", "2020-01-28"),
            ("HAÏTI\nAttaque armée\nMise à jour flash n° 2 | 10 octobre 2024\n\nDes civils ont été tués.", "2024-10-10"),
            ("Gunmen kill 12 in Mali\nSat., Mar. 4, 2023\n\nGunmen killed 12 villagers.", "2023-03-04"),
            ("Gunmen kill 12 in Mali\n2021-05-12 07:00 GMT\n\nGunmen killed 12 villagers.", "2021-05-12"),
            ("Gunmen kill 12 in Mali\nWednesday, September 13, 2023\n\nGunmen killed 12 villagers.", "2023-09-13"),
            ("Des civils tués au Mali\nven. 3 mars 2023 10:15 GMT\n\nDes civils ont été tués.", "2023-03-03"),
            ("Des civils tués au Mali\nLe 3 mars 2023 à 10h15\n\nDes civils ont été tués.", "2023-03-03"),
            ("Des civils tués au Mali\nMis à jour le 03/03/2023 à 10h15\n\nDes civils ont été tués.", "2023-03-03"),
            ("Gunmen kill 12 in Mali\nPosted on 3rd March 2023\n\nGunmen killed 12 villagers.", "2023-03-03"),
            ("Gunmen kill 12 in Mali\nMarch 3, 2023 / 10:15 AM / Updated 2 hours ago\n\nGunmen killed 12 villagers.", "2023-03-03"),
            ("Gunmen kill 12 in Mali\nBy Staff Reporter | 12 May 2021 at 07:00\n\nGunmen killed 12 villagers.", "2021-05-12"),
            ("Gunmen kill 12 in Mali\nPublished 13/05/2021\n\nGunmen killed 12 villagers.", "2021-05-13"),
        ] {
            assert_eq!(published(text).as_deref(), Some(day), "{text}");
        }
    }

    #[test]
    fn a_numeric_date_in_a_french_line_reads_day_first() {
        for (text, day) in [
            ("Des civils tués au Mali\nPublié le 12/05/2021 à 07h00\n\nDes civils ont été tués.", "2021-05-12"),
            ("Des civils tués au Mali\nMis à jour le 05/06/2021\n\nDes civils ont été tués.", "2021-06-05"),
            ("Des civils tués au Mali\n\nPublié le 03.04.2022 à 10h15\n\nDes civils ont été tués.", "2022-04-03"),
        ] {
            assert_eq!(published(text).as_deref(), Some(day), "{text}");
        }
    }

    #[test]
    fn a_dateline_with_its_year_is_the_publication_date() {
        for (text, day) in [
            (
                "Attaque\n\nBAMAKO, 3 mars 2023 (Reuters) – Des hommes armés ont tué deux civils.",
                "2023-03-03",
            ),
            (
                "Attack\n\nBAMAKO, March 3, 2023 (Reuters) - Gunmen killed two.",
                "2023-03-03",
            ),
            (
                "Attaque\n\nNIAMEY, 1er juillet 2022 (AFP) - Une frappe a tué deux personnes.",
                "2022-07-01",
            ),
        ] {
            assert_eq!(published(text).as_deref(), Some(day), "{text}");
        }
    }

    #[test]
    fn a_numeric_date_that_reads_two_ways_is_no_publication_date() {
        for text in [
            "Gunmen kill 12 in Mali\nPublished 05/06/2021\n\nGunmen killed 12 villagers.",
            "Gunmen kill 12 in Mali\nUpdated 1.2.2021\n\nGunmen killed 12 villagers.",
        ] {
            assert_eq!(published(text), None, "{text}");
        }
    }

    #[test]
    fn a_date_in_a_headline_or_the_body_is_no_publication_date() {
        for text in [
            "Gunmen killed 12 on 3 March 2023 in Mali\n\nThe attack shocked the country.",
            "Attack\n\nOn 3 March 2023 gunmen killed 12 villagers in Mali, officials said on Monday.",
        ] {
            assert_eq!(published(text), None, "{text}");
        }
    }

    #[test]
    fn a_dateline_filed_from_two_places_names_the_first() {
        for (text, place) in [
            ("Drone strike\n\nWASHINGTON / KABUL, Aug 28 – The Pentagon said a strike killed two.", "WASHINGTON"),
            ("Frappe\n\nNIAMEY/OUAGADOUGOU, 3 juillet (AFP) - Une frappe a tué deux personnes.", "NIAMEY"),
            ("Attack\n\nBAMAKO, June 14 (Reuters) – Gunmen killed two.", "BAMAKO"),
            ("Attaque\n\nBAMAKO, 3 mars 2023 (Reuters) – Des hommes armés ont tué deux civils.", "BAMAKO"),
            ("Attack\n\nBAMAKO, March 3, 2023 (Reuters) - Gunmen killed two.", "BAMAKO"),
        ] {
            let article = Article::parse("a.txt", text);
            assert_eq!(article.dateline.as_deref(), Some(place), "{text}");
            let body: Vec<&str> = article
                .paragraphs
                .iter()
                .flat_map(|p| p.sentences.iter().map(|r| &article.text[r.clone()]))
                .collect();
            assert!(!body.iter().any(|s| s.contains(place)), "{text}: {body:?}");
        }
    }

    #[test]
    fn a_title_case_wire_dateline_gives_its_place_and_date() {
        for (text, place, day) in [
            (
                "Attaque\n\nBamako, 12 mars 2024 (AFP) - Des hommes armés ont tué deux civils.",
                "Bamako",
                Some("2024-03-12"),
            ),
            (
                "Attaque\n\nPort-au-Prince, 1er mai 2024 (AFP) – Des gangs ont tué cinq personnes.",
                "Port-au-Prince",
                Some("2024-05-01"),
            ),
            (
                "Attaque\n\nN'Djamena (AFP) - Une attaque a fait neuf morts dimanche.",
                "N'Djamena",
                None,
            ),
            (
                "Attack\n\nMaiduguri, March 3, 2023 (Reuters) - Gunmen killed two.",
                "Maiduguri",
                Some("2023-03-03"),
            ),
            (
                "Attack\n\nGoma, 4 May 2023 - Gunmen killed two people.",
                "Goma",
                Some("2023-05-04"),
            ),
            (
                "Attack\n\nPort Harcourt (AP) — Gunmen killed two people.",
                "Port Harcourt",
                None,
            ),
        ] {
            let article = Article::parse("a.txt", text);
            assert_eq!(article.dateline.as_deref(), Some(place), "{text}");
            assert_eq!(
                article.published.map(|d| d.to_string()).as_deref(),
                day,
                "{text}"
            );
        }
    }

    #[test]
    fn a_kicker_with_a_dash_is_no_wire_dateline() {
        for text in [
            "Attaque\n\nBurkina Faso - Une attaque a fait neuf morts dimanche.",
            "Attack\n\nNorth Kivu — Gunmen killed two people on Sunday.",
            "Attaque\n\nMardi, 12 heures - Des tirs ont été entendus.",
        ] {
            assert_eq!(Article::parse("a.txt", text).dateline, None, "{text}");
        }
    }
}
