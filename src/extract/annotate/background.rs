//! Background: whether a clause tells the past or what may come rather than an incident
//! of the article's days. A past year or month, a full date months before publication,
//! "last <month>", a month named alone before the last one ("in June" in November), the
//! perfect tense ("has attacked"), or a history or outlook cue of
//! `background.tsv` ("since", "recalled", "the deadliest", "likely to") make a clause
//! background, unless it names an incident's day or a span that opens on one ("since
//! Monday").

use chrono::NaiveDate;

use std::sync::OnceLock;

use super::dates::{DateMention, DateWords};
use crate::extract::doc::Clause;
use crate::extract::phrases::{Phrases, Words};
use crate::gazetteer::normalize::normalize;
use crate::lexicon::{lexicon, BackgroundRole};

/// Builds the background patterns now rather than at the first sentence (see
/// [`crate::extract::prepare`]).
pub(crate) fn prepare() {
    history_cues();
    aftermath_cues();
    claim_cues();
    regex_perfect();
}

/// True when a clause reports on an incident told before rather than telling a new one:
/// what followed it (an aftermath cue of `background.tsv`: "buried", "funeral",
/// "obsèques"), or a toll carried to a new count (a phrase of `toll_updates.txt` followed
/// by a number: "put the total at 22", "le bilan est passé à 25").
pub fn reports_on_incident(clause: &Clause) -> bool {
    let words = Words::from_spans(&clause.key, &clause.key_words);
    aftermath_cues().find(&words).next().is_some() || updates_toll(&words)
}

/// True when a clause says an incident was claimed, or not (a claim cue of
/// `background.tsv`: "claimed", "revendiquée"): without a toll of its own it reports on
/// an incident told before ("On Saturday the attack had not been claimed"), on its day or
/// later, and tells no new one.
pub fn tells_a_claim(clause: &Clause) -> bool {
    let words = Words::from_spans(&clause.key, &clause.key_words);
    let found = claim_cues().find(&words).next().is_some();
    found
}

/// True when a phrase of `toll_updates.txt` is followed by a count in the words.
fn updates_toll(words: &Words) -> bool {
    let lx = lexicon();
    let words: Vec<&str> = words.iter().collect();
    let is_count = |w: &str| {
        w.bytes().all(|b| b.is_ascii_digit())
            || (lx.numbers.contains_key(w) && !lx.indefinite_articles.contains(w))
    };
    (0..words.len())
        .filter(|&i| lx.toll_update_starts.contains(words[i]))
        .any(|i| {
            (1..=5.min(words.len() - i)).any(|n| {
                lx.toll_updates.contains(&words[i..i + n].join(" "))
                    && words.get(i + n).is_some_and(|w| is_count(w))
            })
        })
}

/// True when a clause tells background: `dates` are its date mentions, `anchor` the
/// publication date, `newest_year` the latest year the article names.
pub fn is_history(
    clause: &Clause,
    dates: &[DateMention],
    anchor: Option<NaiveDate>,
    newest_year: Option<i32>,
) -> bool {
    let has_day_date = dates.iter().any(|d| {
        matches!(
            d.words,
            DateWords::Full(_)
                | DateWords::MonthDay(..)
                | DateWords::Weekday(_)
                | DateWords::NamedDay(..)
        ) && !d.report
            && !d.period_start
            && !d.period_end
    });
    let reference_year = anchor.map(|a| chrono::Datelike::year(&a)).or(newest_year);
    // "the group blamed for the 2019 bombing attacked X on Wednesday": a past year that
    // names an earlier incident leaves the clause's own day to tell when it happened.
    let mut names_earlier_incident = false;
    for d in dates {
        match d.words {
            DateWords::Past(0) => return true,
            DateWords::Past(y) if reference_year.is_some_and(|r| y < r) => {
                if has_day_date && year_of_event_noun(clause.text, d) {
                    names_earlier_incident = true;
                } else {
                    return true;
                }
            }
            DateWords::Full(date) if anchor.is_some_and(|a| (a - date).num_days() > 120) => {
                return true
            }
            // "en décembre" in March: a month alone before the last one is the past.
            DateWords::Month(_) => {
                let (month, _) = super::dates::resolve(d.words, anchor, None);
                if month.is_some_and(|m| anchor.is_some_and(|a| (a - m.date).num_days() > 46)) {
                    return true;
                }
            }
            _ => {}
        }
    }
    let text = clause.text;
    let words = Words::from_spans(&clause.key, &clause.key_words);
    // "last March": a month of the past.
    let months = &lexicon().months;
    let last_month = words
        .iter()
        .zip(words.iter().skip(1))
        .any(|(a, b)| a == "last" && b.len() > 3 && months.contains_key(b));
    if last_month {
        return true;
    }
    // "depuis lundi", "fighting has raged since Monday": a span that opens on a day of
    // the article's days is an incident going on, not the past.
    let recent_span = dates
        .iter()
        .any(|d| d.period_start && d.words.within_the_week());
    if (has_day_date || recent_span) && !names_earlier_incident {
        return false;
    }
    // The perfect tense needs "has" or "have" ("have" holds no "has").
    let perfect = (text.contains("has") || text.contains("have")) && regex_perfect().is_match(text);
    perfect || history_cues().find(&words).next().is_some()
}

/// True when the year `d` dates an event noun of `events.tsv`: written between a
/// determiner and the noun ("the 2019 bombing", "its 2012 offensive", "a 2020 massacre",
/// "Boko Haram's 2014 raid") or after the noun and its connector ("the massacre of 2020",
/// "le massacre de 2020").
fn year_of_event_noun(text: &str, d: &DateMention) -> bool {
    let lx = lexicon();
    let words_before: Vec<String> = text[..d.start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .map(normalize)
        .collect();
    let word_after = text[d.end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(normalize);
    let is_event = |w: &str| lx.events.contains_key(w);
    let determiner = words_before
        .first()
        .is_some_and(|w| lx.definite.contains(w) || lx.indefinite_articles.contains(w));
    let connector = words_before.first().is_some_and(|w| {
        lx.place_generics.get(w.as_str()) == Some(&crate::lexicon::GenericRole::Connector)
    });
    (determiner && word_after.is_some_and(|w| is_event(&w)))
        || (connector && words_before.get(1).is_some_and(|w| is_event(w)))
}

fn regex_perfect() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| regex::Regex::new(r"(?-u:\b)(?:has|have)\s+(?:also\s+|long\s+|repeatedly\s+|already\s+)?(?:staged|targeted|carried|attacked|killed|struck|been)(?-u:\b)").unwrap_or_else(|e| panic!("{e}")))
}

/// The history and outlook cues of `background.tsv` ("since", "recalled", "the
/// deadliest", "likely to"), as keys: found as whole words of a clause's key, accents and
/// case aside.
fn history_cues() -> &'static Phrases {
    static P: OnceLock<Phrases> = OnceLock::new();
    P.get_or_init(|| {
        cues_with(|role| matches!(role, BackgroundRole::History | BackgroundRole::Outlook))
    })
}

/// The aftermath cues of `background.tsv` ("buried", "funeral", "obsèques"), as keys.
fn aftermath_cues() -> &'static Phrases {
    static P: OnceLock<Phrases> = OnceLock::new();
    P.get_or_init(|| cues_with(|role| *role == BackgroundRole::Aftermath))
}

/// The claim cues of `background.tsv` ("claimed", "revendiqué"), as keys.
fn claim_cues() -> &'static Phrases {
    static P: OnceLock<Phrases> = OnceLock::new();
    P.get_or_init(|| cues_with(|role| *role == BackgroundRole::Claim))
}

/// The cues of `background.tsv` whose role `keep` takes, as keys.
fn cues_with(keep: impl Fn(&BackgroundRole) -> bool) -> Phrases {
    Phrases::new(
        lexicon()
            .background
            .iter()
            .filter(|(_, role)| keep(role))
            .map(|(cue, _)| normalize(cue)),
    )
}

#[cfg(test)]
mod tests {
    use crate::article::Article;
    use crate::extract::doc::Doc;

    fn history(text: &str) -> bool {
        let article = Article::parse("a.txt", text);
        let doc = Doc::read(&article);
        let c = &doc.clauses[0];
        super::is_history(
            c,
            &crate::extract::annotate::dates::find_dates(c.text),
            None,
            None,
        )
    }

    #[test]
    fn history_cues_are_found_as_written_with_accents() {
        assert!(history(
            "La ville a déjà été attaquée à plusieurs reprises."
        ));
        assert!(history("Il a rappelé l’attaque contre la ville."));
        assert!(history("It recalled the attack on the town."));
        assert!(history("Gunmen attacked the town last March."));
        assert!(!history("Gunmen attacked the camp on Friday."));
        assert!(!history("Gunmen outlast March rains."));
    }
}
