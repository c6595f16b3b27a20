//! Background: whether a clause tells the past or what may come rather than an incident
//! of the article's days. A past year or month, a full date months before publication,
//! "last <month>", the perfect tense ("has attacked"), or a history or outlook cue of
//! `background.tsv` ("since", "recalled", "the deadliest", "likely to") make a clause
//! background, unless it names an incident's day.

use chrono::NaiveDate;

use super::dates::{DateMention, DateWords};
use crate::lexicon::{lexicon, BackgroundRole, WordList};

/// Builds the background patterns now rather than at the first sentence (see
/// [`crate::extract::prepare`]).
pub(crate) fn prepare() {
    history_cue("");
    regex_perfect();
}

/// True when a clause tells background: `dates` are its date mentions, `anchor` the
/// publication date, `newest_year` the latest year the article names.
pub fn is_history(
    text: &str,
    dates: &[DateMention],
    anchor: Option<NaiveDate>,
    newest_year: Option<i32>,
) -> bool {
    let has_day_date = dates.iter().any(|d| {
        matches!(
            d.words,
            DateWords::Full(_) | DateWords::MonthDay(..) | DateWords::Weekday(_)
        ) && !d.report
            && !d.period_start
    });
    let reference_year = anchor.map(|a| chrono::Datelike::year(&a)).or(newest_year);
    for d in dates {
        match d.words {
            DateWords::Past(0) => return true,
            DateWords::Past(y) if reference_year.is_some_and(|r| y < r) => return true,
            DateWords::Full(date) if anchor.is_some_and(|a| (a - date).num_days() > 120) => {
                return true
            }
            _ => {}
        }
    }
    let says_last = text
        .as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b" last "));
    if says_last {
        let lower = text.to_lowercase();
        if lexicon()
            .months
            .keys()
            .any(|m| m.len() > 3 && lower.contains(&format!("last {m}")))
        {
            return true;
        }
    }
    if has_day_date {
        return false;
    }
    // The perfect tense needs "has" or "have" ("have" holds no "has").
    let perfect = (text.contains("has") || text.contains("have")) && regex_perfect().is_match(text);
    perfect || history_cue(text)
}

fn regex_perfect() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| regex::Regex::new(r"(?-u:\b)(?:has|have)\s+(?:also\s+|long\s+|repeatedly\s+|already\s+)?(?:staged|targeted|carried|attacked|killed|struck|been)(?-u:\b)").unwrap_or_else(|e| panic!("{e}")))
}

/// True when a sentence holds a history or outlook cue of `background.tsv` as whole
/// words, case aside ("since", "recalled", "the deadliest", "likely to"), found in one
/// pass.
fn history_cue(text: &str) -> bool {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = AC.get_or_init(|| {
        // Each cue as keyed and as written ("rappele", "rappelé").
        let lx = lexicon();
        let cues: Vec<&str> = lx
            .background
            .iter()
            .filter(|(_, role)| matches!(role, BackgroundRole::History | BackgroundRole::Outlook))
            .flat_map(|(cue, _)| lx.written_forms(WordList::Background, cue))
            .collect();
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(cues)
            .unwrap_or_else(|e| panic!("history cues: {e}"))
    });
    ac.find_overlapping_iter(text).any(|m| {
        !text[..m.start()].ends_with(|c: char| c.is_alphanumeric())
            && !text[m.end()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn history_cues_are_found_as_written_with_accents() {
        assert!(super::history_cue(
            "La ville a déjà été attaquée à plusieurs reprises."
        ));
        assert!(super::history_cue("Il a rappelé l’attaque de 2019."));
        assert!(super::history_cue("It recalled the 2019 attack."));
        assert!(!super::history_cue("Gunmen attacked the camp on Friday."));
    }
}
