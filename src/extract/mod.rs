//! Incident extraction, in stages: the article is read into a document of clauses and
//! tokens ([`doc`]), annotators add their layers of places, dates, figures and event
//! words ([`annotate`]), and incidents are assembled from the clauses around them (a
//! toll in the next sentence, a date in the paragraph's header, "the attack" that
//! refers back to an incident already told).

pub mod annotate;
pub mod assemble;
pub mod doc;
pub mod event_type;
pub mod gate;
pub mod kinds;
pub mod link;
pub mod names;
pub mod phrases;
pub mod weights;

use crate::article::Article;
use crate::gazetteer::{Gazetteer, Place};
use annotate::dates::{PartialDate, ResolvedDate};
use annotate::Layers;
use assemble::Assembly;
pub use assemble::{ArticleIncidents, Incident};
use doc::Doc;
use link::Linker;

/// Builds now what extraction otherwise builds on first use: the lexicon, and each
/// step's patterns and automata, the steps side by side on rayon's threads, so that the
/// first articles of a run do not wait while one thread builds them all. Calling it is
/// never needed, only quicker.
///
/// ```
/// incimap::extract::prepare();
/// ```
pub fn prepare() {
    use rayon::prelude::*;
    let steps: [fn(); 7] = [
        crate::article::prepare,
        doc::prepare,
        annotate::dates::prepare,
        annotate::resolve::prepare,
        annotate::background::prepare,
        annotate::events::prepare,
        annotate::figures::prepare,
    ];
    steps.par_iter().for_each(|step| step());
}

/// Extracts the incidents of one article, stage by stage: the article is read into a
/// document ([`doc`]), annotated ([`annotate`]), each clause linked to its place and date
/// ([`link`]), and the tellings assembled into incidents ([`assemble`]); places with
/// neither a day nor a toll are left out (counted in `dropped_vague`).
///
/// ```
/// use incimap::{article::Article, extract::extract_article, gazetteer::Gazetteer};
/// let gaz = Gazetteer::default_only().unwrap();
/// let text = "# Attack in Kati\n\nPublished at: **2022-07-23T10:00:00+00:00**\n\n\
///     Gunmen attacked the army camp in Kati, near Bamako, on Friday, killing one soldier.";
/// let found = extract_article(&Article::parse("kati.txt", text), &gaz);
/// let kati = &found.incidents[0];
/// assert_eq!(kati.place.as_ref().unwrap().name, "Kati");
/// assert_eq!(kati.date.unwrap().date.to_string(), "2022-07-22");
/// ```
pub fn extract_article(article: &Article, gaz: &Gazetteer) -> ArticleIncidents {
    let doc = Doc::read(article);
    let layers = annotate::annotate(&doc, gaz);
    let mut linker = Linker::new(&doc, &layers);
    let mut assembly = Assembly::new(&doc);
    for (ci, clause) in doc.clauses.iter().enumerate() {
        match linker.link(ci) {
            Some(telling) => assembly.take(telling, &mut linker),
            None if layers.background[ci] && tells_incident(&layers, ci) => {
                assembly.background(clause.start, clause.text);
            }
            None => {}
        }
    }
    assembly.finish(gaz)
}

/// True when a clause's words tell an incident: an event word, or a weaker one with a
/// toll or victims.
fn tells_incident(layers: &Layers, ci: usize) -> bool {
    let cues = &layers.events[ci];
    cues.strength >= 2 || (cues.strength == 1 && cues.has_victims)
}

/// True when two places are one: the same gazetteer place under the same name, or
/// within 5 km. A place the gazetteer lacks, placed by what the article says of it
/// ([`Place::unlisted`]), is one only with the places of its name: two villages of one
/// district are two places, and neither is the district.
pub fn same_place(a: Option<&Place>, b: Option<&Place>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if a.unlisted || b.unlisted => {
            a.unlisted == b.unlisted && a.name == b.name
        }
        (Some(a), Some(b)) => {
            (a.id == b.id && a.name == b.name)
                || crate::distance::haversine_km(a.lat, a.lon, b.lat, b.lon) <= 5.0
        }
        _ => false,
    }
}

/// True when two dates may be one day: equal within a day, or either unknown, or
/// partial dates that agree.
pub fn dates_compatible(
    a: Option<ResolvedDate>,
    ap: Option<PartialDate>,
    b: Option<ResolvedDate>,
    bp: Option<PartialDate>,
) -> bool {
    dates_within(a, ap, b, bp, 1)
}

/// Like [`dates_compatible`], with `day_slack` days allowed between two day-precise dates:
/// 1 across reports (one says "late on Sunday", another "Monday"), 0 inside one article,
/// where "Sunday" and "Monday" are two nights.
pub fn dates_within(
    a: Option<ResolvedDate>,
    ap: Option<PartialDate>,
    b: Option<ResolvedDate>,
    bp: Option<PartialDate>,
    day_slack: i64,
) -> bool {
    use chrono::Datelike;
    match (a, b) {
        (Some(a), Some(b)) => {
            (a.date - b.date).num_days().abs()
                <= i64::from(a.precision.max(b.precision).saturating_sub(1)) * 7 + day_slack
        }
        (Some(a), None) => match bp {
            Some(PartialDate::MonthDay(m, d)) => a.date.month() == m && a.date.day() == d,
            Some(PartialDate::Weekday(w)) => a.date.weekday().number_from_monday() == w,
            None => true,
        },
        (None, Some(_)) => dates_within(b, bp, a, ap, day_slack),
        (None, None) => match (ap, bp) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        },
    }
}
