//! Reading a place query: the name itself, and the generic words around it ("Mopti
//! region", "région de Ménaka", "the town of Kati") that say what kind of place it is.

use super::normalize::normalize;
use crate::lexicon::{lexicon, GenericRole};

/// What the generic words around a name say the place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A first-level division ("region", "state", "province").
    Admin1,
    /// An administrative area ("district", "cercle", "department").
    Area,
    /// A settlement ("town", "village").
    Settlement,
}

/// A place name with its generic words taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceQuery {
    /// The whole query, normalised ("mopti region").
    pub full_key: String,
    /// The name without generic words ("mopti").
    pub key: String,
    /// What the generic words say, if any.
    pub cue: Option<Cue>,
}

/// Splits generic words off a place name.
///
/// ```
/// use incimap::gazetteer::parse_query;
/// assert_eq!(parse_query("Mopti region").key, "mopti");
/// assert_eq!(parse_query("région de Ménaka").key, "menaka");
/// assert_eq!(parse_query("the cercle of Douentza").key, "douentza");
/// assert_eq!(parse_query("Region").key, "region");
/// assert_eq!(parse_query("La Paz").key, "la paz");
/// ```
pub fn parse_query(name: &str) -> PlaceQuery {
    let full_key = normalize(name);
    // A key's words are single-spaced, so a run of them is a slice of the key.
    let words: Vec<&str> = full_key.split(' ').filter(|w| !w.is_empty()).collect();
    let span = |from: usize, to: usize| -> &str {
        let start = words[from].as_ptr() as usize - full_key.as_ptr() as usize;
        let end =
            words[to - 1].as_ptr() as usize - full_key.as_ptr() as usize + words[to - 1].len();
        &full_key[start..end]
    };
    let generics = &lexicon().place_generics;
    let role = |w: &str| generics.get(w).copied();
    let mut start = 0;
    let mut end = words.len();
    let mut cue = None;
    let note = |r: GenericRole, cue: &mut Option<Cue>| {
        let c = match r {
            GenericRole::Admin1 => Cue::Admin1,
            GenericRole::Area => Cue::Area,
            GenericRole::Settlement => Cue::Settlement,
            GenericRole::Connector => return,
        };
        if cue.is_none() {
            *cue = Some(c);
        }
    };
    // Leading generics and connectors: "the town of", "région de", "cercle de".
    // A connector goes only next to a generic word, so "La Paz" keeps its article.
    let mut after_generic = false;
    while end - start > 1 {
        let next_is_generic = role(words[start + 1]).is_some_and(|r| r != GenericRole::Connector);
        match role(words[start]) {
            Some(GenericRole::Connector) if after_generic || next_is_generic => start += 1,
            Some(r) if r != GenericRole::Connector => {
                note(r, &mut cue);
                after_generic = true;
                start += 1;
            }
            _ => break,
        }
    }
    // Trailing generics: "Mopti region", "Kajuru local government area".
    while end > start + 1 {
        let two = (end >= start + 3).then(|| span(end - 2, end));
        let three = (end >= start + 4).then(|| span(end - 3, end));
        if let Some(r) = three
            .and_then(role)
            .filter(|r| *r != GenericRole::Connector)
        {
            note(r, &mut cue);
            end -= 3;
        } else if let Some(r) = two.and_then(role).filter(|r| *r != GenericRole::Connector) {
            note(r, &mut cue);
            end -= 2;
        } else if let Some(r) = role(words[end - 1]).filter(|r| *r != GenericRole::Connector) {
            note(r, &mut cue);
            end -= 1;
        } else {
            break;
        }
    }
    let key = if start < end {
        span(start, end).to_string()
    } else {
        full_key.clone()
    };
    PlaceQuery { full_key, key, cue }
}
