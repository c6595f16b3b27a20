//! The ACLED event type of an incident, decided by evidence rather than by the order of
//! rules: each word of the incident (an event word, a victim, a target, a ground
//! assault) is evidence, each piece of evidence adds a weight to one or more types
//! (`lexicon/weights/types.tsv`), and the type with the highest score wins. The sub-type
//! is the first one of the winning type, in the order of `lexicon/weights/subtypes.tsv`,
//! that an event word names.
//!
//! ```
//! use incimap::extract::event_type::decide;
//! let words: Vec<String> = ["attacked", "villagers"].iter().map(|w| w.to_string()).collect();
//! let d = decide(&words);
//! assert_eq!(d.event_type, "Violence against civilians");
//! assert!(d.evidence.iter().any(|e| e.name == "victim:civilian"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lexicon::{lexicon, VictimRole};

/// One piece of evidence: what kind of word, and the incident's words of that kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Its name in `types.tsv` ("word:Armed clash", "victim:civilian", "assault:ground").
    pub name: String,
    /// The incident's words that gave it, each counted once.
    pub words: Vec<String>,
    /// What it added to each type: the weight times how much its words count (a weak
    /// event word less than one, all of them together at most `words:cap`).
    pub adds: Vec<(String, f64)>,
}

/// The type chosen for an incident, and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TypeDecision {
    /// The ACLED event type.
    pub event_type: String,
    /// The ACLED sub-event type.
    pub sub_event_type: String,
    /// Each type's score, highest first (types in `types.tsv` order on equal scores).
    pub scores: Vec<(String, f64)>,
    /// The evidence the scores were added from.
    pub evidence: Vec<Evidence>,
}

/// The weights of `types.tsv` and the sub-types of `subtypes.tsv`.
struct Table {
    /// Evidence name → (type, weight) rows.
    weights: HashMap<String, Vec<(String, f64)>>,
    /// The types, in the order they are first named: the earlier wins a tie.
    types: Vec<String>,
    /// How much words of one kind count at most: more of them tell no more.
    cap: f64,
    /// How much an event word that marks an incident only with a toll or a victim
    /// (strength 1 in `events.tsv`: "drone", "bombs") counts, against 1 for the others.
    weak: f64,
    /// (type, sub-type) in order of precedence; the last of a type is its default.
    subtypes: Vec<(String, String)>,
}

/// The name of the row setting the cap on words counted per piece of evidence.
const CAP: &str = "words:cap";
/// The name of the row setting how much a weak event word counts.
const WEAK: &str = "words:weak";
/// Event types whose words tell violence: with a protest word, a riot.
const VIOLENT_TYPES: [&str; 3] = ["Battles", "Violence against civilians", "Riots"];
/// Event types whose words tell no harm done to people: without another event word,
/// the people an incident names are no victims ("civil society called a strike").
const HARMLESS_TYPES: [&str; 2] = ["Protests", "Strategic developments"];
/// Forces and armed groups both named: counted once, however many words name them.
const SIDES: &str = "sides:both";
/// Shelling told with an assault on the ground: counted once.
const SHELLING_GROUND: &str = "shelling:ground";
/// The sub-type of shelling, artillery and missiles.
const SHELLING: &str = "Shelling/artillery/missile attack";
/// The type of demonstrations.
const PROTESTS: &str = "Protests";
/// The sub-type of a strategic development that is violence done to things.
const PROPERTY_DESTRUCTION: &str = "Looting/property destruction";

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        parse(
            include_str!("../../lexicon/weights/types.tsv"),
            include_str!("../../lexicon/weights/subtypes.tsv"),
        )
        .unwrap_or_else(|e| panic!("lexicon/weights: {e}"))
    })
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

fn parse(types: &str, subtypes: &str) -> Result<Table, String> {
    let mut table = Table {
        weights: HashMap::new(),
        types: Vec::new(),
        cap: 1.0,
        weak: 1.0,
        subtypes: Vec::new(),
    };
    for (n, cols) in data_lines(types) {
        let [name, event_type, weight, ..] = cols[..] else {
            return Err(format!(
                "types.tsv line {n}: expected evidence, type, weight, why"
            ));
        };
        let weight: f64 = weight
            .trim()
            .parse()
            .map_err(|_| format!("types.tsv line {n}: {weight:?} is not a number"))?;
        match name {
            CAP => table.cap = weight,
            WEAK => table.weak = weight,
            _ => {}
        }
        if name == CAP || name == WEAK {
            continue;
        }
        if !table.types.iter().any(|t| t == event_type) {
            table.types.push(event_type.to_string());
        }
        table
            .weights
            .entry(name.to_string())
            .or_default()
            .push((event_type.to_string(), weight));
    }
    for (n, cols) in data_lines(subtypes) {
        let [event_type, sub, ..] = cols[..] else {
            return Err(format!("subtypes.tsv line {n}: expected type, sub-type"));
        };
        if !table.types.iter().any(|t| t == event_type) {
            return Err(format!(
                "subtypes.tsv line {n}: {event_type:?} has no weights"
            ));
        }
        table
            .subtypes
            .push((event_type.to_string(), sub.to_string()));
    }
    match table
        .types
        .iter()
        .find(|t| !table.subtypes.iter().any(|(s, _)| s == *t))
    {
        Some(t) => Err(format!("subtypes.tsv: no sub-type for {t:?}")),
        None => Ok(table),
    }
}

/// The names of the evidence one word gives: its event word's sub-type ("word:Armed
/// clash", "word:-" for a word that only says violence happened), its victim role
/// ("victim:force", or "target:force" for a thing hit such as a camp), and
/// "assault:ground" for a word of an assault on the ground.
fn evidence_of(word: &str) -> Vec<String> {
    let lx = lexicon();
    let mut names = Vec::new();
    if let Some(e) = lx.events.get(word) {
        let sub = if e.sub_event_type.is_empty() {
            "-"
        } else {
            e.sub_event_type.as_str()
        };
        names.push(format!("word:{sub}"));
    }
    if let Some(role) = lx.victims.get(word) {
        let kind = if lx.victim_targets.contains(word) {
            "target"
        } else {
            "victim"
        };
        let role = match role {
            VictimRole::Civilian => "civilian",
            VictimRole::Force => "force",
            VictimRole::Militant => "militant",
        };
        names.push(format!("{kind}:{role}"));
    }
    if lx.ground_assault.contains(word) {
        names.push("assault:ground".to_string());
    }
    names
}

/// The words of the evidence whose names end with `suffix`.
fn named(found: &[(String, Vec<String>)], suffix: &str) -> Vec<String> {
    found
        .iter()
        .filter(|(n, _)| n.ends_with(suffix))
        .flat_map(|(_, ws)| ws.iter().cloned())
        .collect()
}

/// The evidence of an incident's words (event and victim words, repeated as often as
/// its tellings said them; each word counts once; victims count only when a word tells
/// harm done, not a protest or an arrest alone). Besides one piece per kind of word,
/// "sides:both" stands for forces and armed groups both named (two organised sides),
/// "shelling:ground" for shelling told with an assault on the ground (part of a battle),
/// both counted once, and
/// "protest:violence" for the words of violence (a killing, an attack, looting) in an
/// incident that protest words tell: demonstrators engaging in violence.
pub fn evidence(words: &[String]) -> Vec<Evidence> {
    let t = table();
    let lx = lexicon();
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for w in words {
        if seen.contains(&w.as_str()) {
            continue;
        }
        seen.push(w);
        for name in evidence_of(w) {
            match found.iter_mut().find(|(n, _)| *n == name) {
                Some((_, ws)) => ws.push(w.clone()),
                None => found.push((name, vec![w.clone()])),
            }
        }
    }
    let typed = |w: &&str| lx.events.get(*w);
    let harm = seen
        .iter()
        .filter_map(typed)
        .any(|e| !HARMLESS_TYPES.contains(&e.event_type.as_str()));
    if !harm {
        found.retain(|(n, _)| !n.starts_with("victim:") && !n.starts_with("target:"));
    }
    let (forces, armed) = (named(&found, ":force"), named(&found, ":militant"));
    if !forces.is_empty() && !armed.is_empty() {
        found.push((SIDES.to_string(), [forces, armed].concat()));
    }
    let ground = named(&found, "assault:ground");
    if !ground.is_empty() && !named(&found, &format!("word:{SHELLING}")).is_empty() {
        found.push((SHELLING_GROUND.to_string(), ground));
    }
    let protest = seen
        .iter()
        .filter_map(typed)
        .any(|e| e.event_type == PROTESTS);
    let violence: Vec<String> = seen
        .iter()
        .filter(|w| {
            typed(w).is_some_and(|e| {
                e.event_type.is_empty()
                    || VIOLENT_TYPES.contains(&e.event_type.as_str())
                    || e.sub_event_type == PROPERTY_DESTRUCTION
            })
        })
        .map(|w| w.to_string())
        .collect();
    if protest && !violence.is_empty() {
        found.push(("protest:violence".to_string(), violence));
    }
    found
        .into_iter()
        .map(|(name, words)| {
            let once = name == SIDES || name == SHELLING_GROUND;
            let count: f64 = words
                .iter()
                .map(|w| match lx.events.get(w) {
                    Some(e) if e.strength < 2 && name.starts_with("word:") => t.weak,
                    _ => 1.0,
                })
                .sum::<f64>()
                .min(if once { 1.0 } else { t.cap });
            let adds = t
                .weights
                .get(&name)
                .map(|rows| rows.iter().map(|(ty, w)| (ty.clone(), w * count)).collect())
                .unwrap_or_default();
            Evidence { name, words, adds }
        })
        .collect()
}

/// Decides the type of an incident from its words (see the module's doc).
pub fn decide(words: &[String]) -> TypeDecision {
    let t = table();
    let evidence = evidence(words);
    let mut scores: Vec<(String, f64)> = t.types.iter().map(|ty| (ty.clone(), 0.0)).collect();
    for (ty, add) in evidence.iter().flat_map(|e| e.adds.iter()) {
        if let Some(s) = scores.iter_mut().find(|(t, _)| t == ty) {
            s.1 += add;
        }
    }
    // A stable sort keeps the file's order among equal scores.
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let event_type = scores[0].0.clone();
    let lx = lexicon();
    let told: Vec<&str> = words
        .iter()
        .filter_map(|w| lx.events.get(w))
        .filter(|e| e.event_type == event_type)
        .map(|e| e.sub_event_type.as_str())
        .collect();
    let mut of_type = t.subtypes.iter().filter(|(ty, _)| *ty == event_type);
    let sub_event_type = of_type
        .clone()
        .find(|(_, sub)| told.contains(&sub.as_str()))
        .or(of_type.next_back())
        .map(|(_, sub)| sub.clone())
        .unwrap_or_default();
    TypeDecision {
        event_type,
        sub_event_type,
        scores,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn shipped_tables_parse() {
        let t = table();
        assert!(t.types.len() >= 6);
        assert!(t.cap >= 1.0);
        assert!(t.weak > 0.0 && t.weak <= 1.0);
    }

    #[test]
    fn a_word_counts_once() {
        let once = decide(&words(&["attacked", "villagers"]));
        let twice = decide(&words(&["attacked", "villagers", "villagers"]));
        assert_eq!(once.scores, twice.scores);
    }

    #[test]
    fn sub_type_defaults_to_the_last_of_its_type() {
        let d = decide(&words(&["clashes"]));
        assert_eq!(
            (d.event_type.as_str(), d.sub_event_type.as_str()),
            ("Battles", "Armed clash")
        );
    }
}
