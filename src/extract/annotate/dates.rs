//! Date mentions in a sentence ("November 1", "8 September 2023", "on Friday", "Friday's
//! attack", "last week", "the next day", "over the weekend") and their resolution against
//! an anchor: the publication date, or the date of the incident told just before.
//! Without an anchor a date stays partial (month and day, or a weekday): the year is
//! never invented.

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;

use crate::gazetteer::normalize::{key, normalize, with_key};
use aho_corasick::AhoCorasick;
use std::borrow::Cow;

use crate::extract::gate::Gate;
use crate::lexicon::{
    lexicon, BackgroundRole, CasualtyRole, RelativeDate, RelativeUnit, WordList, COUNT,
};

/// Where the weekday stands in a phrase of `relative_dates.tsv` that places one ("last
/// {weekday}", "le {weekday} précédent").
const WEEKDAY: &str = "{weekday}";

/// What a date mention says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWords {
    /// A full date.
    Full(NaiveDate),
    /// A month and day without a year.
    MonthDay(u32, u32),
    /// A weekday (ISO number, 1 = Monday).
    Weekday(u32),
    /// A phrase relative to the publication date ("yesterday", "last week").
    Relative(i64, RelativeUnit),
    /// A phrase relative to the incident told just before ("the next day").
    Narrative(i64),
    /// A year alone, or a month of a past year: history.
    Past(i32),
    /// A month named alone ("in October", "en octobre"): the last such month up to
    /// publication, dated its 15th at the precision of a month.
    Month(u32),
    /// Some days before a date told in the same sentence: "on Sunday, two days after
    /// militants raided the school" is the Friday.
    DaysBefore(DayBase, i64),
    /// A weekday placed by the words around it, from the publication date or the story's
    /// day: "mardi dernier", "last Tuesday" (the Tuesday before publication), "le samedi
    /// précédent", "the Saturday before" (the Saturday before the day the story last
    /// told), "le jeudi de la semaine dernière" (the Thursday of the week before).
    NamedDay(u32, RelativeDate),
    /// Some days from the incident that the words after the phrase name: "the day before
    /// the raid" (-1), "trois jours après l'attaque" (3). The event word is kept to find
    /// that incident among those the article told before.
    FromIncident(i64, &'static str),
}

impl DateWords {
    /// True for words that name a day of the week before publication: a weekday, or a
    /// count of days ("yesterday", "two days ago").
    ///
    /// ```
    /// use incimap::extract::annotate::dates::DateWords;
    /// assert!(DateWords::Weekday(1).within_the_week());
    /// assert!(!DateWords::MonthDay(9, 9).within_the_week());
    /// ```
    pub fn within_the_week(self) -> bool {
        match self {
            DateWords::Weekday(_) => true,
            DateWords::NamedDay(_, rel) => rel.unit == RelativeUnit::Day && !rel.from_story,
            DateWords::Relative(offset, RelativeUnit::Day) => (-7..=0).contains(&offset),
            _ => false,
        }
    }
}

/// The date a [`DateWords::DaysBefore`] counts back from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayBase {
    /// A full date.
    Full(NaiveDate),
    /// A month and day.
    MonthDay(u32, u32),
    /// A weekday.
    Weekday(u32),
}

/// One date mention in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset in the sentence.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// What it says.
    pub words: DateWords,
    /// True when the date is when someone spoke ("said on Tuesday"), not when it happened.
    pub report: bool,
    /// True when the date names its incident's own day: "Friday night's massacre",
    /// "Sunday's attack". Such a date wins over others in the sentence.
    pub possessive: bool,
    /// True when the date opens a period ("abducted since the violence erupted on
    /// 9 September"): a span's start, not an incident's day.
    pub period_start: bool,
    /// True when the date closes a period ahead ("d'ici vendredi"): a deadline, not an
    /// incident's day.
    pub period_end: bool,
}

/// A resolved date with its precision (1 the day, 2 the week, 3 the month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedDate {
    /// The date.
    pub date: NaiveDate,
    /// 1 the day, 2 the week, 3 the month.
    pub precision: u8,
}

/// A date that could not be resolved for want of a year, kept for fusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartialDate {
    /// Month and day, year unknown.
    MonthDay(u32, u32),
    /// A weekday, week unknown.
    Weekday(u32),
}

struct Patterns {
    month_day: Regex,
    day_month: Regex,
    month: Regex,
    weekday: Regex,
    year: Regex,
    /// A speech or claim cue of `background.tsv` just after a date: "On Tuesday, officials
    /// said", "Mardi, l'armée a annoncé".
    report_after: Regex,
    /// "by" or "as of" right before a date: the day a figure stood at.
    as_of_before: Regex,
    /// The first day of a span before a day-month date: "3 to " in "3 to 5 February".
    range_start: Regex,
    possessive: Regex,
    /// The phrases that count back from a date just before them ("two days after", "au
    /// lendemain"), each in a group of its own; `anchored_phrases` holds, for each in
    /// pattern order, its group, its count's group if it has one, and what it counts.
    anchored: Regex,
    anchored_phrases: Vec<Anchored>,
    /// The phrases counted from the incident that the words after them name ("the day
    /// before the", "la veille de"), as `anchored` is built.
    incident: Regex,
    incident_phrases: Vec<Anchored>,
    /// The relative phrases ("last week", "the next day"), found case-insensitively in
    /// one pass; `relative_phrases` holds them in pattern order.
    relative: AhoCorasick,
    relative_phrases: Vec<(String, RelativeDate)>,
    /// The counted relative phrases ("three days ago", "il y a une semaine"), one capture
    /// group per phrase of `counted_phrases` around its count.
    counted: Regex,
    counted_phrases: Vec<RelativeDate>,
    /// The phrases that place a weekday ("{weekday} précédent", "last {weekday}"), one capture
    /// group per phrase of `named_phrases` around its weekday.
    named: Regex,
    named_phrases: Vec<RelativeDate>,
    /// Which of months, weekdays and relative phrases a sentence may name.
    gate: Gate,
}

/// A phrase of [`Patterns::anchored`]: its capture group, its count's group, what it counts.
struct Anchored {
    group: usize,
    count: Option<usize>,
    rel: RelativeDate,
}

/// The lists of the date gate.
const MONTHS: u8 = 1;
const WEEKDAYS: u8 = 2;
const RELATIVE: u8 = 4;
const AFTER: u8 = 8;
const COUNTED: u8 = 16;
const INCIDENT: u8 = 32;

/// Builds the date patterns now rather than at the first sentence (see [`super::prepare`]).
pub(crate) fn prepare() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let lx = lexicon();
        // Names as keyed and as written ("fevrier", "février").
        let mut months: Vec<&str> = lx.months.keys().flat_map(|k| lx.written_forms(WordList::Months, k)).collect();
        months.sort_by_key(|m| std::cmp::Reverse(m.len()));
        let mut days: Vec<&str> = lx.weekdays.keys().flat_map(|k| lx.written_forms(WordList::Weekdays, k)).collect();
        days.sort_by_key(|m| std::cmp::Reverse(m.len()));
        // Each phrase as keyed and as written ("la semaine derniere", "la semaine dernière");
        // those with a weekday's place ("{weekday} dernier") apart.
        let (named_phrases, plain): (Vec<_>, Vec<_>) = lx
            .relative_dates
            .iter()
            .partition(|(key, _)| lx.written_forms(WordList::RelativeDates, key).any(|f| f.contains(WEEKDAY)));
        let mut relative_phrases: Vec<(String, RelativeDate)> = plain
            .iter()
            .flat_map(|(key, rel)| lx.written_forms(WordList::RelativeDates, key).map(|form| (form.to_string(), **rel)))
            .collect();
        relative_phrases.sort_by(|a, b| a.0.cmp(&b.0));
        let counted_words: Vec<String> = lx.counted_dates.iter().map(|(p, _)| p.replace(COUNT, "")).collect();
        let anchored_words: Vec<String> = lx.anchored_dates.iter().map(|(p, _)| p.replace(COUNT, "").trim().to_string()).collect();
        let anchored_words: Vec<&str> = anchored_words.iter().map(String::as_str).collect();
        let incident_words: Vec<String> = lx.incident_dates.iter().map(|(p, _)| p.replace(COUNT, "").trim().to_string()).collect();
        let incident_words: Vec<&str> = incident_words.iter().map(String::as_str).collect();
        let phrases: Vec<&str> = relative_phrases.iter().map(|(p, _)| p.as_str()).collect();
        let counted_words: Vec<&str> = counted_words.iter().map(|p| p.trim()).collect();
        let gate = Gate::new([
            (MONTHS, months.as_slice()),
            (WEEKDAYS, days.as_slice()),
            (RELATIVE, phrases.as_slice()),
            (COUNTED, counted_words.as_slice()),
            (AFTER, anchored_words.as_slice()),
            (INCIDENT, incident_words.as_slice()),
        ]);
        let months = months.join("|");
        let days = days.join("|");
        let build = |p: String| Regex::new(&p).unwrap_or_else(|e| panic!("date pattern: {e}"));
        let relative = AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(relative_phrases.iter().map(|(phrase, _)| phrase))
            .unwrap_or_else(|e| panic!("relative date phrases: {e}"));
        let count = count_pattern();
        let counted = lx
            .counted_dates
            .iter()
            .map(|(phrase, _)| {
                let words: Vec<String> = phrase
                    .split_whitespace()
                    .map(|w| if w == COUNT { format!("({count})") } else { written_word(w) })
                    .collect();
                words.join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        let (anchored, anchored_phrases) = anchored_pattern(&lx.anchored_dates, &count);
        let (incident, incident_phrases) = anchored_pattern(&lx.incident_dates, &count);
        let named_days: Vec<&str> = days.split('|').filter(|d| d.len() > 3).collect();
        let mut named_phrases: Vec<(&str, RelativeDate)> = named_phrases
            .iter()
            .flat_map(|(key, rel)| lx.written_forms(WordList::RelativeDates, key).filter(|f| f.contains(WEEKDAY)).map(|f| (f, **rel)))
            .collect();
        named_phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        let named = named_phrases
            .iter()
            .map(|(phrase, _)| {
                let words: Vec<String> = phrase
                    .split_whitespace()
                    .map(|w| if w == WEEKDAY { format!("((?i-u:{}))", named_days.join("|")) } else { written_word(w) })
                    .collect();
                words.join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        Patterns {
            gate,
            anchored: build(anchored),
            anchored_phrases,
            incident: build(incident),
            incident_phrases,
            counted: build(format!(r"(?-u:\b)(?:{counted})(?-u:\b)")),
            counted_phrases: lx.counted_dates.iter().map(|&(_, rel)| rel).collect(),
            named: build(format!(r"(?-u:\b)(?:{named})(?-u:\b)")),
            named_phrases: named_phrases.iter().map(|&(_, rel)| rel).collect(),
            possessive: build(r"^(?:['’]s|\s+(?:night|morning|evening|afternoon)['’]s)(?-u:\b)".into()),
            relative,
            relative_phrases,
            // Names are matched case aside in ASCII only ("(?i-u)"): Unicode case folding
            // makes the automata several times larger; accented letters match as written.
            month_day: build(format!(r"(?-u:\b)(?i-u:({months}))\.?\s+(\d{{1,2}})(?i-u:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}}))?")),
            day_month: build(format!(r"(?-u:\b)(\d{{1,2}})(?i-u:st|nd|rd|th|er)?\s+(?:(?i-u:of)\s+)?(?i-u:({months}))(?-u:\b)\.?(?:,?\s+(\d{{4}}))?")),
            weekday: build(format!(r"(?-u:\b)(?i-u:({days}))(?:(?:’|')(?i-u:s))?(?-u:\b)")),
            month: build(format!(r"(?-u:\b)(?i-u:({months}))(?-u:\b)(\.?\s+\d{{4}})?")),
            year: build(r"(?-u:\b)(1[89]\d\d|20\d\d)(?-u:\b)".into()),
            range_start: build(r"(?-u:\b)(?:(?i-u:between|entre)\s+(?:(?i-u:le)\s+)?(\d{1,2})(?:st|nd|rd|th|er)?\s+(?i-u:and|et)(?:\s+(?i-u:le))?|(\d{1,2})(?:st|nd|rd|th|er)?\s*(?:to|through|until|-|–|au|à))\s*$".into()),
            // Up to three words of any language between ("l'armée a annoncé").
            report_after: build(format!(r"^[\s,)]*(?:\(?[^)]{{0,20}}\)?,?\s*)?(?:[\w'’-]+\s+){{0,3}}(?:{})(?:\W|$)", report_words())),
            as_of_before: build(r"(?-u:\b)(?i-u:by|as of)\s+(?:(?i-u:late|early)\s+)?$".into()),
        }
    })
}

/// The speech and claim cues of `background.tsv` in every language, as keyed and as
/// written ("said", "a annoncé", "a annonce", "selon", "claimed"), the longest first, as
/// one alternation of [`written_word`]s.
fn report_words() -> String {
    let lx = lexicon();
    let mut words: Vec<&str> = lx
        .background
        .iter()
        .filter(|(_, role)| matches!(role, BackgroundRole::Speech | BackgroundRole::Claim))
        .flat_map(|(cue, _)| lx.written_forms(WordList::Background, cue))
        .collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let words: Vec<String> = words.iter().map(|w| written_word(w)).collect();
    words.join("|")
}

/// The pattern of phrases that count from something else told (a date before them, an
/// incident after them), one group per phrase (and one for its count, where it has one),
/// with what each group holds.
fn anchored_pattern(phrases: &[(String, RelativeDate)], count: &str) -> (String, Vec<Anchored>) {
    let mut group = 0;
    let mut anchored = Vec::new();
    let mut alternatives = Vec::new();
    for (phrase, rel) in phrases {
        let own = group + 1;
        let counted = phrase.contains(COUNT).then_some(own + 1);
        group = counted.unwrap_or(own);
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(|w| {
                if w == COUNT {
                    format!("({count})")
                } else {
                    written_word(w)
                }
            })
            .collect();
        alternatives.push(format!("({})", words.join(r"\s+")));
        anchored.push(Anchored {
            group: own,
            count: counted,
            rel: *rel,
        });
    }
    (
        format!(r"(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|")),
        anchored,
    )
}

/// A count as written: digits, or a number word of any language, the longest first
/// ("vingt et un" before "vingt"), case aside.
fn count_pattern() -> String {
    let lx = lexicon();
    let mut words: Vec<&str> = lx
        .numbers
        .iter()
        .filter(|(_, &(value, multiplier))| !multiplier && value < 1000)
        .map(|(word, _)| word.as_str())
        .collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let words: Vec<String> = words.iter().map(|w| written_word(w)).collect();
    format!(r"\d{{1,3}}|{}", words.join("|"))
}

/// A lexicon word as a pattern: case aside (ASCII), words joined by a space or a hyphen,
/// an apostrophe straight or typographic (an alternation: a class may not hold a
/// character beyond ASCII where Unicode is off).
fn written_word(word: &str) -> String {
    let escaped = regex::escape(word).replace(['\'', '’'], "(?:'|’)");
    format!("(?i-u:{})", escaped.replace(' ', r"[\s-]+"))
}

fn month_of(word: &str) -> Option<u32> {
    lexicon().months.get(&normalize(word)).copied()
}

/// Every date mention in a sentence, in order.
///
/// ```
/// use incimap::extract::annotate::dates::{find_dates, DateWords};
/// let d = find_dates("Officials said on Friday (November 8) that soldiers left on Wednesday.");
/// assert_eq!(d[0].words, DateWords::MonthDay(11, 8));
/// assert!(d[0].report, "said on Friday: the day they spoke");
/// assert_eq!(d[1].words, DateWords::Weekday(3));
/// assert!(!d[1].report);
/// let d = find_dates("In a statement on state television on 16 March, he gave a toll.");
/// assert!(d[0].report);
/// let d = find_dates("Flags flew on Sunday after Friday night's massacre.");
/// assert!(!d[0].possessive && d[1].possessive, "the massacre's own day");
/// let d = find_dates("A general strike (3 to 5 February) shut the town.");
/// assert_eq!(d[0].words, DateWords::MonthDay(2, 3), "a span starts on its first day");
/// let d = find_dates("They buried the dead on Sunday, two days after the raid.");
/// assert_eq!(d[1].words, DateWords::DaysBefore(incimap::extract::annotate::dates::DayBase::Weekday(7), 2));
/// ```
pub fn find_dates(sentence: &str) -> Vec<DateMention> {
    let p = patterns();
    let mut found: Vec<DateMention> = Vec::new();
    // Day-month dates and years need a word that starts with a digit: most sentences
    // have none.
    let lists = p.gate.lists_in(sentence);
    let digits = lists & Gate::DIGITS != 0;
    if digits && lists & MONTHS != 0 {
        find_numbered(p, sentence, &mut found);
    }
    if lists & MONTHS != 0 {
        find_months(p, sentence, &mut found);
    }
    if lists & WEEKDAYS != 0 {
        find_named_days(p, sentence, &mut found);
        find_weekdays(p, sentence, &mut found);
    }
    if lists & (RELATIVE | COUNTED) != 0 {
        find_relative(p, sentence, lists, &mut found);
    }
    if digits {
        find_years(p, sentence, &mut found);
    }
    found.sort_by_key(|d| d.start);
    let mut merged = merge_bracketed(sentence, found);
    mark_roles(p, sentence, &mut merged);
    if lists & AFTER != 0 {
        add_days_before(p, sentence, &mut merged);
    }
    if lists & INCIDENT != 0 {
        add_from_incident(p, sentence, &mut merged);
    }
    merged.sort_by_key(|d| d.start);
    merged
}

/// Months named alone, not inside a numbered date: "in October", "fin octobre". A
/// month with its year ("October 2019") is left to the year; an abbreviation ("Oct"),
/// "May" (also a word and a name) and a lower-case "march" are no month alone.
fn find_months(p: &Patterns, sentence: &str, found: &mut Vec<DateMention>) {
    let mut months = Vec::new();
    for c in p.month.captures_iter(sentence) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let word = &c[1];
        let folded = normalize(word);
        let Some(m) = month_of(word) else { continue };
        // An abbreviation is the start of a longer name of its month ("sept", "janv").
        let abbreviation = lexicon()
            .months
            .iter()
            .any(|(name, &n)| n == m && name.len() > folded.len() && name.starts_with(&folded));
        let lower = word.chars().next().is_some_and(char::is_lowercase);
        if c.get(2).is_some()
            || taken(whole.start, whole.end, found)
            || abbreviation
            || folded == "may"
            || (lower && folded == "march")
        {
            continue;
        }
        months.push(DateMention {
            start: whole.start,
            end: whole.end,
            words: DateWords::Month(m),
            report: false,
            possessive: false,
            period_start: false,
            period_end: false,
        });
    }
    found.extend(months);
}

/// True when `start..end` overlaps a mention already found.
fn taken(start: usize, end: usize, found: &[DateMention]) -> bool {
    found.iter().any(|d| start < d.end && d.start < end)
}

/// Numbered dates, month first or day first: "November 1", "8 September 2023", and a
/// span of days from its first day: "3 to 5 February".
fn find_numbered(p: &Patterns, sentence: &str, found: &mut Vec<DateMention>) {
    for re in [&p.month_day, &p.day_month] {
        for c in re.captures_iter(sentence) {
            let whole = c.get(0).map_or(0..0, |m| m.range());
            let (month, day) = if re.as_str() == p.month_day.as_str() {
                (&c[1], &c[2])
            } else {
                (&c[2], &c[1])
            };
            // "May" and "March" are also words: "may 5" needs a capital M.
            if month.chars().next().is_some_and(char::is_lowercase)
                && matches!(
                    normalize(month).as_str(),
                    "may" | "march" | "mar" | "sun" | "sat"
                )
            {
                continue;
            }
            let (Some(m), Ok(mut d)) = (month_of(month), day.parse::<u32>()) else {
                continue;
            };
            let mut whole = whole;
            // A span of days ("3 to 5 February", "du 3 au 5 février", "between 27 and
            // 31 March", "entre le 27 et le 31 mars") starts on its first.
            if let Some(first) = p.range_start.captures(&sentence[..whole.start]) {
                let day = first
                    .get(1)
                    .or(first.get(2))
                    .map(|d| d.as_str().parse::<u32>());
                if let (Some(at), Some(Ok(day))) = (first.get(0), day) {
                    if day < d {
                        d = day;
                        whole.start = at.start();
                    }
                }
            }
            if taken(whole.start, whole.end, found) || !(1..=31).contains(&d) {
                continue;
            }
            let words = match c.get(3).and_then(|y| y.as_str().parse().ok()) {
                Some(y) => match NaiveDate::from_ymd_opt(y, m, d) {
                    Some(date) => DateWords::Full(date),
                    None => continue,
                },
                None => DateWords::MonthDay(m, d),
            };
            found.push(DateMention {
                start: whole.start,
                end: whole.end,
                words,
                report: false,
                possessive: false,
                period_start: false,
                period_end: false,
            });
        }
    }
}

/// The first capture group of an alternation that took part, with its index among the
/// groups (0 for the first alternative): which phrase of a list matched, and its slot.
fn first_group<'t>(c: &regex::Captures<'t>) -> Option<(usize, regex::Match<'t>)> {
    c.iter()
        .skip(1)
        .enumerate()
        .find_map(|(i, g)| Some((i, g?)))
}

/// Weekdays placed by the words around them, not already inside a date: "last
/// Tuesday", "le samedi précédent", "le jeudi de la semaine dernière".
fn find_named_days(p: &Patterns, sentence: &str, found: &mut Vec<DateMention>) {
    let lx = lexicon();
    for c in p.named.captures_iter(sentence) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let Some((i, day)) = first_group(&c) else {
            continue;
        };
        let Some(&wd) = lx.weekdays.get(&normalize(day.as_str())) else {
            continue;
        };
        if taken(whole.start, whole.end, found) {
            continue;
        }
        found.push(DateMention {
            start: whole.start,
            end: whole.end,
            words: DateWords::NamedDay(wd, p.named_phrases[i]),
            report: false,
            possessive: false,
            period_start: false,
            period_end: false,
        });
    }
}

/// Weekdays not already inside a date: "on Friday", "Sunday's attack".
fn find_weekdays(p: &Patterns, sentence: &str, found: &mut Vec<DateMention>) {
    let lx = lexicon();
    for m in p.weekday.find_iter(sentence) {
        let whole = m.range();
        let word = m.as_str();
        let word = word
            .strip_suffix("’s")
            .or_else(|| word.strip_suffix("'s"))
            .unwrap_or(word);
        if word.len() <= 3 && !word.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if taken(whole.start, whole.end, found) {
            continue;
        }
        if let Some(&wd) = lx.weekdays.get(&normalize(word)) {
            found.push(DateMention {
                start: whole.start,
                end: whole.end,
                words: DateWords::Weekday(wd),
                report: false,
                possessive: false,
                period_start: false,
                period_end: false,
            });
        }
    }
}

/// Relative phrases standing as whole words, the longest first where they overlap:
/// "last week", "the next day", "over the weekend"; counted ones ("three days ago")
/// only where the gate's `lists` found a word of them.
fn find_relative(p: &Patterns, sentence: &str, lists: u8, found: &mut Vec<DateMention>) {
    let mut relative: Vec<(usize, usize, &RelativeDate, i64)> = p
        .relative
        .find_overlapping_iter(if lists & RELATIVE != 0 { sentence } else { "" })
        .map(|m| {
            let (_, rel) = &p.relative_phrases[m.pattern().as_usize()];
            (m.start(), m.end(), rel, 1)
        })
        .collect();
    for c in p
        .counted
        .captures_iter(if lists & COUNTED != 0 { sentence } else { "" })
    {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let Some((i, count)) = first_group(&c) else {
            continue;
        };
        let Some(n) = count_value(count.as_str()) else {
            continue;
        };
        let rel = &p.counted_phrases[i];
        relative.push((whole.start, whole.end, rel, n));
    }
    relative.sort_by_key(|&(start, end, _, _)| (start, std::cmp::Reverse(end)));
    for (start, end, rel, n) in relative {
        let offset = rel.offset * n;
        let bounded = !sentence[..start].ends_with(|c: char| c.is_alphanumeric())
            && !sentence[end..].starts_with(|c: char| c.is_alphanumeric());
        if !bounded || taken(start, end, found) {
            continue;
        }
        let words = if rel.from_story && rel.unit == RelativeUnit::Day {
            DateWords::Narrative(offset)
        } else if rel.unit == RelativeUnit::Year {
            DateWords::Past(0)
        } else {
            DateWords::Relative(offset, rel.unit)
        };
        found.push(DateMention {
            start,
            end,
            words,
            report: false,
            possessive: false,
            period_start: false,
            period_end: false,
        });
    }
}

/// Years standing alone, not already inside a date: "in 2019".
fn find_years(p: &Patterns, sentence: &str, found: &mut Vec<DateMention>) {
    for m in p.year.find_iter(sentence) {
        let year = m.as_str();
        let m = m.range();
        if taken(m.start, m.end, found) {
            continue;
        }
        if let Ok(y) = year.parse() {
            found.push(DateMention {
                start: m.start,
                end: m.end,
                words: DateWords::Past(y),
                report: false,
                possessive: false,
                period_start: false,
                period_end: false,
            });
        }
    }
}

/// The mentions, sorted by start, with a weekday and its date in brackets joined:
/// "Friday (November 8)".
fn merge_bracketed(sentence: &str, found: Vec<DateMention>) -> Vec<DateMention> {
    // A weekday right before its date in brackets is one mention: "Friday (November 8)".
    let mut merged: Vec<DateMention> = Vec::new();
    for d in found {
        if let Some(last) = merged.last_mut() {
            let between = &sentence[last.end.min(d.start)..d.start];
            if matches!(last.words, DateWords::Weekday(_))
                && matches!(d.words, DateWords::Full(_) | DateWords::MonthDay(..))
                && between
                    .trim_matches(|c: char| c.is_whitespace() || c == '(' || c == ',')
                    .is_empty()
            {
                last.words = d.words;
                last.end = d.end;
                continue;
            }
        }
        merged.push(d);
    }
    merged
}

/// Marks each mention's roles: a report ("said on Friday"), a period's start ("since
/// 9 September"), a possessive ("Friday night's massacre"), a claim's day ("claimed the
/// attack on Sunday").
fn mark_roles(p: &Patterns, sentence: &str, merged: &mut [DateMention]) {
    // Most clauses have no date: their words are not read for claims.
    if merged.is_empty() {
        return;
    }
    let claims = ClaimWords::of(sentence);
    for d in merged {
        let after = &sentence[d.end..];
        let before = &sentence[..d.start];
        let mut near = after.len().min(60);
        while !after.is_char_boundary(near) {
            near -= 1;
        }
        d.report = (p.report_after.is_match(&after[..near]) && !incident_told_before(before))
            || p.as_of_before.is_match(before)
            || speech_shortly_before(before);
        // A period's word among the six words before, inside the clause: "since" opens
        // one, "d'ici" closes one ahead.
        d.period_start = clause_word_before(before, 6, |k| lexicon().is_period_start(k));
        d.period_end = clause_word_before(before, 6, |k| lexicon().is_period_end(k));
        let said = &sentence[d.start..d.end];
        d.possessive = said.ends_with("'s") || said.ends_with("’s") || p.possessive.is_match(after);
        // "The Islamic State claimed the attack on Sunday 21 March": the claim's day.
        if !d.possessive && claims.before(sentence, d.start) {
            d.report = true;
        }
    }
}

/// Adds a day counted back from the date just before a phrase of `anchored_dates`: "on
/// Sunday, two days after the raid" is the Friday, "samedi 22 mars, au lendemain de
/// l'attaque" the 21st. The phrase's own reading from the story ("the day after" alone
/// is the next day) gives way.
fn add_days_before(p: &Patterns, sentence: &str, merged: &mut Vec<DateMention>) {
    for c in p.anchored.captures_iter(sentence) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let Some(phrase) = p.anchored_phrases.iter().find(|a| c.get(a.group).is_some()) else {
            continue;
        };
        let count = match phrase.count {
            Some(g) => c.get(g).and_then(|m| count_value(m.as_str())),
            None => Some(1),
        };
        let unit_days = match phrase.rel.unit {
            RelativeUnit::Week => 7,
            _ => 1,
        };
        let base = merged
            .iter()
            .rfind(|d| d.end <= whole.start && sentence[d.end..whole.start].len() <= 12)
            .and_then(|d| match d.words {
                DateWords::Full(date) => Some(DayBase::Full(date)),
                DateWords::MonthDay(m, day) => Some(DayBase::MonthDay(m, day)),
                DateWords::Weekday(w) => Some(DayBase::Weekday(w)),
                _ => None,
            });
        if let (Some(base), Some(count)) = (base, count) {
            merged.retain(|d| d.end <= whole.start || whole.end <= d.start);
            merged.push(DateMention {
                start: whole.start,
                end: whole.end,
                words: DateWords::DaysBefore(base, -phrase.rel.offset * count * unit_days),
                report: false,
                possessive: true,
                period_start: false,
                period_end: false,
            });
        }
    }
}

/// How many words after a phrase of `incident_dates` may come before the event word that
/// names the incident: "the day before the Pa Zi Gyi raid".
const INCIDENT_NAMED_WITHIN: usize = 5;

/// Adds a day counted from an incident that the words after a phrase of `incident_dates`
/// name, in the same clause: "the day before the raid", "six jours avant la tuerie". A
/// phrase that counts back from a date just before it (`add_days_before`) keeps its
/// reading, and a story's day the phrase alone would give ("the day before") gives way.
fn add_from_incident(p: &Patterns, sentence: &str, merged: &mut Vec<DateMention>) {
    let lx = lexicon();
    for c in p.incident.captures_iter(sentence) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if merged.iter().any(|d| {
            matches!(d.words, DateWords::DaysBefore(..))
                && d.start < whole.end
                && whole.start < d.end
        }) {
            continue;
        }
        let Some(phrase) = p.incident_phrases.iter().find(|a| c.get(a.group).is_some()) else {
            continue;
        };
        let count = match phrase.count {
            Some(g) => c.get(g).and_then(|m| count_value(m.as_str())),
            None => Some(1),
        };
        let clause = &sentence[whole.end..];
        let clause = &clause[..clause
            .find([',', ';', ':', '.', '('])
            .unwrap_or(clause.len())];
        let noun = clause
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(INCIDENT_NAMED_WITHIN)
            .find_map(|w| {
                lx.events
                    .get_key_value(key(w).as_ref())
                    .map(|(k, _)| k.as_str())
            });
        let (Some(count), Some(noun)) = (count, noun) else {
            continue;
        };
        let unit_days = match phrase.rel.unit {
            RelativeUnit::Week => 7,
            _ => 1,
        };
        merged.retain(|d| d.end <= whole.start || whole.end <= d.start);
        merged.push(DateMention {
            start: whole.start,
            end: whole.end,
            words: DateWords::FromIncident(phrase.rel.offset * count * unit_days, noun),
            report: false,
            possessive: false,
            period_start: false,
            period_end: false,
        });
    }
}

/// The value of a count matched by [`count_pattern`]: "3", "three", "une", "vingt et un".
fn count_value(count: &str) -> Option<i64> {
    count.parse::<i64>().ok().or_else(|| {
        let key = normalize(&count.replace('-', " "));
        lexicon().numbers.get(&key).map(|&(v, _)| v as i64)
    })
}

/// True when the clause before a date tells an incident with an event or casualty word
/// and no toll update: in "gunmen killed 40 people on Sunday, officials said" the speech
/// after the date does not make it the day they spoke; in "the toll rose to 50 on
/// Tuesday, officials said" it does.
fn incident_told_before(before: &str) -> bool {
    let lx = lexicon();
    let words: Vec<Cow<'_, str>> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(key)
        .collect();
    let incident = words.iter().any(|w| {
        lx.events.contains_key(w.as_ref())
            || lx
                .casualties
                .get(w.as_ref())
                .is_some_and(|r| *r != CasualtyRole::Missing)
    });
    let update = (0..words.len()).any(|i| {
        (1..=5.min(words.len() - i)).any(|n| lx.toll_updates.contains(&words[i..i + n].join(" ")))
    });
    incident && !update
}

/// True when a speech cue ("statement", "said", "told reporters") comes among the six
/// words before a date with no event word between: "said late on Friday", "a indiqué
/// mardi", "in a statement on state television on 16 March" are the day of the speech.
fn speech_shortly_before(before: &str) -> bool {
    let lx = lexicon();
    let words: Vec<Cow<'_, str>> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(6)
        .map(key)
        .collect();
    let mut pair = String::new();
    for (k, w) in words.iter().enumerate() {
        let w = w.as_ref();
        if lx.events.contains_key(w) || lx.casualties.contains_key(w) {
            return false;
        }
        if lx.is_speech(w) {
            return true;
        }
        if let Some(b) = words
            .get(k + 1)
            .filter(|b| lx.phrase_starts.contains(b.as_ref()))
        {
            pair.clear();
            pair.push_str(b);
            pair.push(' ');
            pair.push_str(w);
            if lx.is_speech(&pair) {
                return true;
            }
        }
    }
    false
}

/// True when one of the last `n` words of the clause before a date passes `test` (given
/// the word's normalised key). Reads back from the date and stops at the clause's start
/// (`,`, `;` or `(`) or after `n` words, so that its cost does not grow with the text
/// before.
fn clause_word_before(before: &str, n: usize, test: impl Fn(&str) -> bool) -> bool {
    let mut seen = 0;
    let mut end = before.len();
    for (i, c) in before.char_indices().rev() {
        if c.is_alphanumeric() {
            continue;
        }
        let word = &before[i + c.len_utf8()..end];
        if !word.is_empty() {
            if seen == n {
                return false;
            }
            seen += 1;
            if with_key(word, &test) {
                return true;
            }
        }
        if matches!(c, ',' | ';' | '(') {
            return false;
        }
        end = i;
    }
    seen < n && !before[..end].is_empty() && with_key(&before[..end], &test)
}

/// The claim words ("claimed") of a sentence and its clause openings (`,`, `;`, `(`),
/// found in one pass: whether a claim comes before a date inside its clause is then a
/// search, not a scan of everything before the date.
struct ClaimWords {
    /// Byte ranges of the claim words, in order.
    words: Vec<(usize, usize)>,
    /// Byte offsets of the clause openings, in order.
    openings: Vec<usize>,
}

impl ClaimWords {
    fn of(sentence: &str) -> ClaimWords {
        let lx = lexicon();
        let mut claims = ClaimWords {
            words: Vec::new(),
            openings: Vec::new(),
        };
        let mut start = 0;
        for (i, c) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
            if c.is_alphanumeric() {
                continue;
            }
            if i > start && with_key(&sentence[start..i], |k| lx.is_claim(k)) {
                claims.words.push((start, i));
            }
            if matches!(c, ',' | ';' | '(') {
                claims.openings.push(i);
            }
            start = i + c.len_utf8();
        }
        claims
    }

    /// True when a claim word comes before byte `at` of the sentence, inside its clause
    /// (a word cut by `at` counts as its part before `at`).
    fn before(&self, sentence: &str, at: usize) -> bool {
        let opening = self.openings.partition_point(|&o| o < at);
        let from = opening.checked_sub(1).map_or(0, |o| self.openings[o] + 1);
        let first = self.words.partition_point(|&(s, _)| s < from);
        if self.words.get(first).is_some_and(|&(_, e)| e <= at) {
            return true;
        }
        let cut = sentence[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map(|(i, _)| i);
        cut.is_some_and(|s| {
            s >= from
                && sentence[at..].starts_with(char::is_alphanumeric)
                && with_key(&sentence[s..at], |k| lexicon().is_claim(k))
        })
    }
}

/// Resolves a mention against the publication anchor and the date of the incident told
/// just before (for [`DateWords::FromIncident`], of the incident its words name). Returns
/// the resolved date, or the partial date to keep for fusion.
///
/// Without a publication date, a month and day or a weekday is read in the story the
/// article tells: the one nearest the day told just before ("the ambush of 4 October
/// 2017 … On 21 October that year" is 2017; "September 29, 2023 … on Friday" the 29th).
///
/// ```
/// use chrono::NaiveDate;
/// use incimap::extract::annotate::dates::{resolve, DateWords};
/// let published = NaiveDate::from_ymd_opt(2019, 11, 5);
/// let friday = resolve(DateWords::Weekday(5), published, None).0.unwrap();
/// assert_eq!(friday.date.to_string(), "2019-11-01");
/// let nov1 = resolve(DateWords::MonthDay(11, 1), None, None);
/// assert!(nov1.0.is_none() && nov1.1.is_some());
/// let told = NaiveDate::from_ymd_opt(2017, 12, 28);
/// let jan3 = resolve(DateWords::MonthDay(1, 3), None, told).0.unwrap();
/// assert_eq!(jan3.date.to_string(), "2018-01-03");
/// let sunday = resolve(DateWords::Weekday(7), None, told).0.unwrap();
/// assert_eq!(sunday.date.to_string(), "2017-12-31");
/// ```
pub fn resolve(
    words: DateWords,
    anchor: Option<NaiveDate>,
    previous: Option<NaiveDate>,
) -> (Option<ResolvedDate>, Option<PartialDate>) {
    let day = |date: NaiveDate| Some(ResolvedDate { date, precision: 1 });
    match words {
        DateWords::Full(date) => (day(date), None),
        DateWords::MonthDay(m, d) => match anchor {
            Some(a) => {
                let this_year = NaiveDate::from_ymd_opt(a.year(), m, d);
                let date = match this_year {
                    Some(t) if t <= a + Duration::days(3) => Some(t),
                    _ => NaiveDate::from_ymd_opt(a.year() - 1, m, d),
                };
                (date.and_then(day), None)
            }
            None => match previous.and_then(|p| nearest_month_day(p, m, d)) {
                Some(date) => (day(date), None),
                None => (None, Some(PartialDate::MonthDay(m, d))),
            },
        },
        DateWords::Weekday(wd) => match (anchor, previous) {
            (Some(a), _) => {
                let back =
                    (i64::from(a.weekday().number_from_monday()) - i64::from(wd)).rem_euclid(7);
                (day(a - Duration::days(back)), None)
            }
            (None, Some(p)) => {
                let ahead =
                    (i64::from(wd) - i64::from(p.weekday().number_from_monday())).rem_euclid(7);
                let ahead = if ahead > 3 { ahead - 7 } else { ahead };
                (day(p + Duration::days(ahead)), None)
            }
            (None, None) => (None, Some(PartialDate::Weekday(wd))),
        },
        DateWords::Relative(offset, unit) => {
            let Some(a) = anchor else { return (None, None) };
            let r = match unit {
                RelativeUnit::Day => ResolvedDate {
                    date: a + Duration::days(offset),
                    precision: 1,
                },
                RelativeUnit::Week => ResolvedDate {
                    date: a + Duration::days(7 * offset),
                    precision: 2,
                },
                RelativeUnit::Month => ResolvedDate {
                    date: a + Duration::days(30 * offset),
                    precision: 3,
                },
                RelativeUnit::Weekend => {
                    let back = (i64::from(a.weekday().number_from_monday()) - 6).rem_euclid(7);
                    let back = if back == 0 { 7 } else { back };
                    ResolvedDate {
                        date: a - Duration::days(back),
                        precision: 2,
                    }
                }
                RelativeUnit::Year => return (None, None),
            };
            (Some(r), None)
        }
        DateWords::Narrative(offset) | DateWords::FromIncident(offset, _) => (
            previous.map(|p| ResolvedDate {
                date: p + Duration::days(offset),
                precision: 1,
            }),
            None,
        ),
        DateWords::Past(_) => (None, None),
        DateWords::Month(m) => (
            anchor.or(previous).and_then(|a| {
                let year = if m <= a.month() {
                    a.year()
                } else {
                    a.year() - 1
                };
                NaiveDate::from_ymd_opt(year, m, 15).map(|date| ResolvedDate { date, precision: 3 })
            }),
            None,
        ),
        DateWords::NamedDay(wd, rel) => {
            let base = if rel.from_story {
                previous.or(anchor)
            } else {
                anchor
            };
            match base {
                Some(base) => (day(named_day(base, wd, rel)), None),
                None => resolve(DateWords::Weekday(wd), anchor, previous),
            }
        }
        DateWords::DaysBefore(base, days) => {
            let words = match base {
                DayBase::Full(d) => DateWords::Full(d),
                DayBase::MonthDay(m, d) => DateWords::MonthDay(m, d),
                DayBase::Weekday(w) => DateWords::Weekday(w),
            };
            let shifted = resolve(words, anchor, previous).0.map(|r| ResolvedDate {
                date: r.date - Duration::days(days),
                precision: r.precision,
            });
            (shifted, None)
        }
    }
}

/// The weekday `wd` placed from `base`: in the week `rel.offset` weeks away for a unit of
/// weeks ("le jeudi de la semaine dernière"), else the nearest strictly before `base` (a
/// negative offset: "last Tuesday", "the Saturday before") or strictly after it ("the
/// following Monday").
fn named_day(base: NaiveDate, wd: u32, rel: RelativeDate) -> NaiveDate {
    let (wd, base_wd) = (
        i64::from(wd),
        i64::from(base.weekday().number_from_monday()),
    );
    match rel.unit {
        RelativeUnit::Week => base + Duration::days(7 * rel.offset + wd - base_wd),
        _ if rel.offset > 0 => {
            let ahead = (wd - base_wd).rem_euclid(7);
            base + Duration::days(if ahead == 0 { 7 } else { ahead })
        }
        _ => {
            let back = (base_wd - wd).rem_euclid(7);
            base - Duration::days(if back == 0 { 7 } else { back })
        }
    }
}

/// The month and day in the year that puts it nearest a date told (a story told across
/// a new year crosses it: "December 28, 2017 … January 3" is 2018).
fn nearest_month_day(told: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    (told.year() - 1..=told.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .min_by_key(|date| (*date - told).num_days().abs())
}

#[cfg(test)]
mod tests {
    use super::{find_dates, DateWords};
    use chrono::NaiveDate;

    #[test]
    fn a_span_of_days_starts_on_its_first() {
        let day = |y, m, d| DateWords::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        for (text, first) in [
            (
                "The killings took place between 27 and 31 March 2022 in Moura.",
                day(2022, 3, 27),
            ),
            (
                "Fighting raged from 3 to 5 February 2023 around the town.",
                day(2023, 2, 3),
            ),
            (
                "Les exécutions ont eu lieu entre le 27 et le 31 mars 2022.",
                day(2022, 3, 27),
            ),
            (
                "Des combats du 3 au 5 février 2023 ont fait dix morts.",
                day(2023, 2, 3),
            ),
            (
                "Attacks on 3 and 5 February 2023 killed ten.",
                day(2023, 2, 5),
            ),
        ] {
            let found = find_dates(text);
            assert_eq!(found.first().map(|d| d.words), Some(first), "{text}");
        }
    }
}
