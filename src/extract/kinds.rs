//! What kind of incident an assembled incident is, and who took part: its words decide
//! the ACLED type ([`super::event_type`] weighs them), types decide which tellings may
//! be one incident, and an alias table names the actors.

use super::event_type::decide;
use super::Incident;
use crate::gazetteer::Gazetteer;
use crate::lexicon::lexicon;

fn type_of(words: &[String]) -> String {
    decide(words).event_type
}

/// Like [`types_compatible`], but words that leave the type open ("strike", "killed",
/// "raids") agree with any violent type: a headline's few words against the story's.
pub fn types_loosely_compatible(a: &[String], b: &[String]) -> bool {
    let lx = lexicon();
    let typed = |words: &[String]| {
        words
            .iter()
            .any(|w| lx.events.get(w).is_some_and(|e| !e.event_type.is_empty()))
    };
    let violent = |words: &[String]| {
        matches!(
            type_of(words).as_str(),
            "Battles" | "Violence against civilians" | "Explosions/Remote violence"
        )
    };
    match (typed(a), typed(b)) {
        (true, true) => types_compatible(a, b),
        (false, true) => a.is_empty() || violent(b),
        (true, false) => b.is_empty() || violent(a),
        (false, false) => true,
    }
}

/// True when the words of two sentences may tell one incident (no clash of types): the
/// same type, or two of one family (battles and violence against civilians are both
/// fighting told from one side or the other; protests and riots one demonstration, told
/// before and after it turned violent).
pub fn types_compatible(a: &[String], b: &[String]) -> bool {
    const FAMILIES: [[&str; 2]; 2] = [
        ["Battles", "Violence against civilians"],
        ["Protests", "Riots"],
    ];
    let ta = type_of(a);
    let tb = type_of(b);
    ta == tb
        || FAMILIES
            .iter()
            .any(|f| f.contains(&ta.as_str()) && f.contains(&tb.as_str()))
}

/// True for the forces of a state or of a mission of states (`state` in `actors.tsv`).
fn is_state(actor: &str) -> bool {
    lexicon()
        .state_actors
        .iter()
        .any(|p| actor.starts_with(p.as_str()))
}

/// Sets the type and actors of an assembled incident.
pub fn finish(inc: &mut Incident, gaz: &Gazetteer) {
    let decision = decide(&inc.words);
    inc.event_type = decision.event_type.clone();
    inc.sub_event_type = decision.sub_event_type.clone();
    inc.type_decision = Some(decision);
    let country = inc
        .place
        .as_ref()
        .map(|p| p.country_code.clone())
        .unwrap_or_default();
    let country_name = gaz.country_name(&country).unwrap_or(&country).to_string();
    let mut actors: Vec<String> = Vec::new();
    for a in &inc.actors {
        let a = a.replace("{country}", &country_name);
        if !actors.contains(&a) {
            actors.push(a);
        }
    }
    let named_groups: Vec<&String> = actors
        .iter()
        .filter(|a| {
            !is_state(a)
                && !a.starts_with("Civilians")
                && !a.starts_with("Protesters")
                && !a.starts_with("Unidentified")
        })
        .collect();
    let unidentified = actors.iter().find(|a| a.starts_with("Unidentified"));
    let state = actors.iter().find(|a| is_state(a));
    let civilians = actors.iter().find(|a| a.starts_with("Civilians"));
    let protesters = actors.iter().find(|a| a.starts_with("Protesters"));
    let (a1, a2) = match inc.event_type.as_str() {
        "Protests" | "Riots" => (
            protesters
                .cloned()
                .or_else(|| Some(format!("Protesters ({country_name})"))),
            None,
        ),
        "Explosions/Remote violence"
            if inc.sub_event_type == "Air/drone strike"
                || inc.sub_event_type.starts_with("Shelling") =>
        {
            (
                named_groups
                    .first()
                    .map(|s| s.to_string())
                    .or(state.cloned()),
                civilians.cloned(),
            )
        }
        "Battles" => (
            named_groups
                .first()
                .map(|s| s.to_string())
                .or(unidentified.cloned()),
            state.cloned(),
        ),
        "Strategic developments" => (
            state
                .cloned()
                .or(named_groups.first().map(|s| s.to_string())),
            None,
        ),
        _ => (
            named_groups
                .first()
                .map(|s| s.to_string())
                .or(unidentified.cloned())
                .or(state.cloned()),
            civilians
                .cloned()
                .or_else(|| Some(format!("Civilians ({country_name})"))),
        ),
    };
    inc.actor1 = a1;
    inc.actor2 = a2.filter(|a| Some(a) != inc.actor1.as_ref());
}

/// Which of ACLED's kinds of disorder a list of event words tells: political violence
/// (0), demonstrations (1) or strategic developments (2); none when it tells none or
/// several. Words of a stated type count, and words that only say violence happened
/// ("attack", "raid") where they mark an incident on their own; with `own_only`, only
/// words that mark an incident on their own count.
fn disorder(words: &[String], own_only: bool) -> Option<usize> {
    let lx = lexicon();
    let mut kinds = [false; 3];
    for e in words.iter().filter_map(|w| lx.events.get(w)) {
        let kind = match e.event_type.as_str() {
            "Protests" | "Riots" => 1,
            "Strategic developments" => 2,
            _ => 0,
        };
        let typed = !e.event_type.is_empty() && !own_only;
        if typed || e.strength >= 2 {
            kinds[kind] = true;
        }
    }
    let mut told = (0..3).filter(|&k| kinds[k]);
    match (told.next(), told.next()) {
        (Some(k), None) => Some(k),
        _ => None,
    }
}

/// True when a clause's words tell an incident of another kind of disorder than an
/// incident's: "after more than 50 soldiers died in an attack on an army post" told
/// after a march in the soldiers' support is another incident, not the march's toll;
/// demonstrators told after a withdrawal of troops are not the withdrawal. Casualty
/// words alone ("three demonstrators died") tell no incident of their own.
///
/// ```
/// use incimap::extract::kinds::another_disorder;
/// let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert!(another_disorder(&words(&["march"]), &words(&["died", "attack"])));
/// assert!(another_disorder(&words(&["withdrew"]), &words(&["demonstrators"])));
/// assert!(!another_disorder(&words(&["demonstrators"]), &words(&["died"])));
/// assert!(!another_disorder(&words(&["attack"]), &words(&["ambush", "killed"])));
/// ```
pub fn another_disorder(incident: &[String], clause: &[String]) -> bool {
    matches!(
        (disorder(incident, false), disorder(clause, true)),
        (Some(a), Some(b)) if a != b
    )
}
