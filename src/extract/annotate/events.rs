//! Event words, victims and actors: the words of a clause that say an incident is told
//! ("attacked", "ambush", "villagers"), how strongly, whether it refers back to one told
//! already ("the attack", "Friday's raid"), and who took part (the alias table of
//! `actors.tsv`). Read from the clause's normalised key, word by word.

use std::sync::OnceLock;

use crate::extract::doc::Clause;
use crate::extract::phrases::{Phrases, Words};
use crate::gazetteer::normalize::normalize;
use crate::lexicon::lexicon;

/// The cues of one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cues {
    /// 2: an incident on its own; 1: with a toll or victims; 0: none.
    pub strength: u8,
    /// The event words found (normalised).
    pub words: Vec<String>,
    /// True when an event word refers back ("the attack", "Friday's raid"): the
    /// sentence tells more of an incident already told.
    pub definite: bool,
    /// True when an indefinite article and an ordinal come shortly before an event word
    /// ("a second blast", "a third, smaller device exploded", "une seconde explosion"):
    /// the clause tells one more incident than those told so far, never one of them, and
    /// tells it on its own even with a word that otherwise needs a toll.
    pub another: bool,
    /// The type the words suggest, if any.
    pub event_type: Option<String>,
    /// True when victim words are present.
    pub has_victims: bool,
    /// Actor names found (canonical, with `{country}` unfilled).
    pub actors: Vec<String>,
}

struct Matchers {
    events: Phrases,
    event_keys: Vec<String>,
    actors: Phrases,
    actor_names: Vec<String>,
}

/// Builds the event and actor matchers now rather than at the first sentence (see
/// [`super::prepare`]).
pub(crate) fn prepare() {
    matchers();
}

fn matchers() -> &'static Matchers {
    static M: OnceLock<Matchers> = OnceLock::new();
    M.get_or_init(|| {
        let lx = lexicon();
        let mut event_keys: Vec<String> = lx.events.keys().cloned().collect();
        event_keys.extend(lx.victims.keys().cloned());
        event_keys.sort();
        event_keys.dedup();
        let events = Phrases::new(&event_keys);
        let actors = Phrases::new(lx.actors.iter().map(|(alias, _)| alias));
        Matchers {
            events,
            event_keys,
            actors,
            actor_names: lx.actors.iter().map(|(_, c)| c.clone()).collect(),
        }
    })
}

/// Reads the event, victim and actor words of a text (for a clause of a document,
/// [`clause_cues`] reads the key it already has).
///
/// ```
/// let c = incimap::extract::annotate::events::read_cues("Gunmen on motorbikes attacked the army base.");
/// assert_eq!(c.strength, 2);
/// assert!(c.has_victims);
/// ```
pub fn read_cues(sentence: &str) -> Cues {
    let key = normalize(sentence);
    cues(sentence, &key, &Words::new(&key))
}

/// Reads the event, victim and actor words of a clause.
pub fn clause_cues(clause: &Clause) -> Cues {
    cues(
        clause.text,
        &clause.key,
        &Words::from_spans(&clause.key, &clause.key_words),
    )
}

fn cues(sentence: &str, key: &str, words: &Words) -> Cues {
    let lx = lexicon();
    let m = matchers();
    let mut cues = Cues::default();
    // Looked for once per clause, not at each event word.
    let apostrophe = sentence.contains(['’', '\'']);
    for hit in m.events.find(words) {
        let word = &m.event_keys[hit.pattern];
        if is_date_month(key, word, hit.start, hit.end) {
            continue;
        }
        if let Some(e) = lx.events.get(word) {
            if written_only_as(sentence, &e.homograph, word) {
                continue;
            }
            cues.words.push(word.clone());
            if e.strength > cues.strength {
                cues.strength = e.strength;
            }
            let before = key[..hit.start]
                .split(' ')
                .rev()
                .find(|w| !w.is_empty())
                .unwrap_or("");
            if lx.definite.contains(before)
                || (before.ends_with('s') && apostrophe)
                    && before.len() > 3
                    && lx.weekdays.contains_key(before.trim_end_matches('s'))
            {
                cues.definite = true;
            }
            if one_more(key, hit.start) {
                cues.another = true;
                cues.strength = 2;
            }
            if !e.event_type.is_empty() && cues.event_type.is_none() {
                cues.event_type = Some(e.event_type.clone());
            }
        }
        if lx.victims.contains_key(word) {
            cues.has_victims = true;
            cues.words.push(word.clone());
        }
    }
    // "a second blast": "second" refers back only after "the" ("the second attack").
    if cues.another {
        cues.definite = false;
    }
    for hit in m.actors.find(words) {
        cues.actors.push(m.actor_names[hit.pattern].clone());
    }
    cues
}

/// True when an indefinite article and an ordinal stand among the four words before the
/// event word at `start` of `key`, with no victim word or number between the ordinal and
/// it: "a second blast", "a second, smaller device exploded", "une deuxième attaque", but
/// not "a second soldier was killed" (one more victim of the same incident).
fn one_more(key: &str, start: usize) -> bool {
    let lx = lexicon();
    let before: Vec<&str> = key[..start].split_whitespace().rev().take(4).collect();
    before.iter().enumerate().skip(1).any(|(i, w)| {
        lx.indefinite_articles.contains(*w)
            && lx.ordinals.contains_key(before[i - 1])
            && before[..i - 1].iter().all(|between| {
                !lx.victims.contains_key(*between)
                    && !lx.numbers.contains_key(*between)
                    && !between.bytes().all(|b| b.is_ascii_digit())
            })
    })
}

/// True when the sentence writes the event word's key only as its accented homograph
/// (`homograph` in `events.tsv`): "au marché de T" names a market, not a march ("marche"),
/// which stripping accents would read.
fn written_only_as(sentence: &str, homograph: &str, word: &str) -> bool {
    if homograph.is_empty() {
        return false;
    }
    let lower = sentence.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphanumeric());
    let (mut as_homograph, mut as_itself) = (false, false);
    for w in words.by_ref() {
        as_homograph |= w == homograph;
        as_itself |= w == word;
    }
    as_homograph && !as_itself
}

/// True when an event word is a month's name beside a day: "21 March", "March 21".
fn is_date_month(key: &str, word: &str, start: usize, end: usize) -> bool {
    let numeric =
        |w: Option<&str>| w.is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()));
    lexicon().months.contains_key(word)
        && (numeric(key[..start].split_whitespace().next_back())
            || numeric(key[end..].split_whitespace().next()))
}
