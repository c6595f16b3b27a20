//! Distances from a place, in digits or in words, with or without a direction, in every
//! language of the lexicon (`lexicon/*/distances.tsv`): "some 35 km north-west of Kati",
//! "about thirty kilometres from Mopti", "a dozen miles to the south-east of Gao", "à une
//! trentaine de kilomètres au sud-ouest de Gao", "à 11 km au nord d'Adab-Dab". The place
//! after such a phrase is a reference point: the incident is near it, or, with a
//! direction, at the point that far from it that way.
//!
//! ```
//! use incimap::extract::annotate::distances::find_distances;
//! let text = "Gunmen attacked a village some thirty kilometres north-west of Kati.";
//! let d = find_distances(text)[0];
//! assert_eq!((d.km, d.bearing_deg), (30.0, Some(315.0)));
//! assert_eq!(&text[d.place_at..d.place_at + 4], "Kati");
//! let d = find_distances("à une trentaine de kilomètres au sud de Gao")[0];
//! assert_eq!((d.km, d.bearing_deg), (30.0, Some(180.0)));
//! let d = find_distances("the camp lies 47 km from Seytenga")[0];
//! assert_eq!((d.km, d.bearing_deg), (47.0, None));
//! assert!(find_distances("They drove 35 km of bad road.").is_empty());
//! let d = find_distances("fields 40 km (25 miles) north of Maiduguri")[0];
//! assert_eq!((d.km, d.bearing_deg), (40.0, Some(0.0)));
//! ```

use super::numbers::number_words_at;
use crate::extract::doc::{plain_digits, Tokenized, Word};
use crate::gazetteer::normalize::with_key;
use crate::lexicon::lexicon;

/// A distance from a place, as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distance {
    /// Byte offset in the clause of the distance's number.
    pub start: usize,
    /// Byte offset in the clause of the name of the place it is measured from.
    pub place_at: usize,
    /// How far, in kilometres.
    pub km: f64,
    /// Which way from the place, in degrees clockwise from north, when the text says.
    pub bearing_deg: Option<f64>,
}

/// The farthest offset that still places an incident. A direction in words is one of
/// eight, so the point may be off by about 0.4 times the distance across the way (±22.5°),
/// and news gives road distances; beyond 100 km that is more than any usual tolerance.
/// "1,500 km north-east of Bamako" says which part of a country, not where.
pub const MAX_OFFSET_KM: f64 = 100.0;

/// The distance within which a place measured from stands for the incident without a
/// direction ("about thirty kilometres from Mopti": at Mopti, approximately), and within
/// which an offset with a direction says more than the district the text names.
pub const NEAR_KM: f64 = 50.0;

impl Distance {
    /// True when the distance is short enough ([`NEAR_KM`]) that the place measured from,
    /// or the offset from it, is close to the incident.
    pub fn is_near(&self) -> bool {
        self.km <= NEAR_KM
    }

    /// Where the distance puts a point measured from (`lat`, `lon`): `km` along the
    /// bearing turned by `turn_deg` (great circle), or, without a bearing, the place
    /// itself when it is near. None when the offset is too far to place anything
    /// ([`MAX_OFFSET_KM`], [`NEAR_KM`]).
    ///
    /// ```
    /// use incimap::extract::annotate::distances::Distance;
    /// let north = Distance { start: 0, place_at: 0, km: 55.6, bearing_deg: Some(0.0) };
    /// let (lat, lon) = north.point_from(10.0, 5.0, 0.0).unwrap();
    /// assert!((lat - 10.5).abs() < 0.01 && (lon - 5.0).abs() < 1e-9);
    /// // Turned east across the antimeridian, the longitude wraps.
    /// let (_, lon) = north.point_from(0.0, 179.9, 90.0).unwrap();
    /// assert!((lon - -179.6).abs() < 0.01, "{lon}");
    /// let near = Distance { km: 30.0, bearing_deg: None, ..north };
    /// assert_eq!(near.point_from(10.0, 5.0, 0.0), Some((10.0, 5.0)));
    /// let far = Distance { km: 20_000.0, ..north };
    /// assert_eq!(far.point_from(10.0, 179.9, 90.0), None);
    /// ```
    pub fn point_from(&self, lat: f64, lon: f64, turn_deg: f64) -> Option<(f64, f64)> {
        let Some(bearing) = self.bearing_deg else {
            return self.is_near().then_some((lat, lon));
        };
        if self.km > MAX_OFFSET_KM {
            return None;
        }
        Some(crate::distance::destination_km(
            lat,
            lon,
            bearing + turn_deg,
            self.km,
        ))
    }
}

/// Every distance of a text read on its own.
pub fn find_distances(text: &str) -> Vec<Distance> {
    if !may_measure(text) {
        return Vec::new();
    }
    distances_in(&Tokenized::new(text))
}

/// True when a text may give a distance: a word that starts like a length unit. A cheap
/// test before tokenising.
pub fn may_measure(text: &str) -> bool {
    let units = &lexicon().distance_units;
    // A word (a run of letters) that starts at byte `i`, looked up as a unit.
    let unit_at = |i: usize| {
        !text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
            && {
                let w = text[i..]
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                // One lookup of the word's key, not a comparison with every unit.
                w.len() <= 12 && with_key(w, |key| units.contains_key(key))
            }
    };
    // The bytes k and m, either case, found by memchr rather than byte by byte.
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'k', b'K', b'm', bytes).any(unit_at)
        || memchr::memchr_iter(b'M', bytes).any(unit_at)
}

/// Every distance of a clause, offsets counted in the clause.
pub fn distances_in(tokens: &Tokenized) -> Vec<Distance> {
    let lx = lexicon();
    let words = tokens.words();
    let mut out = Vec::new();
    for (u, w) in words.iter().enumerate() {
        let Some(&per_unit) = lx.distance_units.get(w.key) else {
            continue;
        };
        let Some((value, first)) = quantity_before(&words, u) else {
            continue;
        };
        let Some((bearing_deg, name)) = toward_a_place(&words, after_conversion(&words, u + 1))
        else {
            continue;
        };
        let offset = |k: usize| tokens.tokens[k].start - tokens.start;
        out.push(Distance {
            start: offset(first),
            place_at: offset(name),
            km: value * per_unit,
            bearing_deg,
        });
    }
    out
}

/// The quantity that ends right before a unit at `u` ("35", "2.5", "thirty", "a dozen",
/// "une trentaine de"): its value and its first word.
fn quantity_before(words: &[Word], u: usize) -> Option<(f64, usize)> {
    let lx = lexicon();
    // "une trentaine de kilomètres": a word of the links may stand before the unit.
    let end = match u.checked_sub(1)? {
        j if lx.distance_links.contains(words[j].key) => j.checked_sub(1)?,
        j => j,
    };
    let last = &words[end];
    if last.text.starts_with(|c: char| c.is_ascii_digit()) {
        return plain_digits(last.text).parse().ok().map(|v| (v, end));
    }
    // A vague quantity ("une trentaine", "des dizaines"): the least it can mean.
    if end >= 1 {
        let pair = format!("{} {}", words[end - 1].key, last.key);
        if let Some(&value) = lx.quantities.get(&pair) {
            return Some((value as f64, end - 1));
        }
    }
    (end.saturating_sub(4)..=end).find_map(|k| match number_words_at(words, k) {
        Some((v, n)) if k + n == end + 1 => Some((v as f64, k)),
        _ => None,
    })
}

/// Where the words after a unit go on, from `at`: past the same length in another unit
/// in brackets ("40 km (25 miles) north of X", "60 miles (100 km) from X"), else `at`.
fn after_conversion(words: &[Word], at: usize) -> usize {
    let lx = lexicon();
    let opens = words.get(at).is_some_and(|w| w.text == "(");
    let close = words
        .iter()
        .enumerate()
        .skip(at + 1)
        .take(4)
        .find(|(_, w)| w.text == ")")
        .map(|(k, _)| k);
    match close {
        Some(k)
            if opens
                && words[at + 1..k]
                    .iter()
                    .any(|w| lx.distance_units.contains_key(w.key)) =>
        {
            k + 1
        }
        _ => at,
    }
}

/// After a unit, from `at`: link words, place generics and at most one direction, then
/// a capitalised name, within ten words ("75 km by road to the south-east of the city
/// of Beni", "à 75 km par la route au sud-est de la ville de Beni"). The direction, if
/// any, and the name's word.
fn toward_a_place(words: &[Word], at: usize) -> Option<(Option<f64>, usize)> {
    const REACH_WORDS: usize = 10;
    let lx = lexicon();
    let mut bearing = None;
    for (k, w) in words.iter().enumerate().skip(at).take(REACH_WORDS) {
        if let Some(&deg) = lx.bearings.get(w.key) {
            if bearing.replace(deg).is_some() {
                return None;
            }
        } else if w.text.starts_with(char::is_uppercase) {
            return Some((bearing, k));
        } else if !lx.distance_links.contains(w.key) && !lx.place_generics.contains_key(w.key) {
            return None;
        }
    }
    None
}
