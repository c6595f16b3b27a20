//! The annotators. Each reads the document and the layers below its own, and adds one
//! layer of typed spans, clause by clause:
//!
//! 1. [`dates`]: date expressions, and whether each is a report's or a period's day;
//! 2. [`distances`]: distances from a place ("some thirty kilometres north-west of X");
//! 3. [`places`]: place mentions, with the cue that marks each ("in", "near", a distance
//!    before it, "the village of", a speech venue, a destination);
//! 4. [`resolve`]: each mention's place in the gazetteer, in the article's countries, or
//!    from what the article says of a place the gazetteer lacks;
//! 5. [`background`]: clauses that tell the past or what may come;
//! 6. [`events`]: event words (how strongly they mark an incident, whether they refer
//!    back), victim words and actors;
//! 7. [`figures`]: casualty figures (killed or injured, hedges, whom they count).

pub mod background;
pub mod dates;
pub mod distances;
pub mod events;
pub mod figures;
pub(crate) mod numbers;
pub mod places;
pub mod resolve;

use crate::extract::doc::Doc;
use crate::gazetteer::Gazetteer;
use dates::{DateMention, DateWords};
use distances::Distance;
use events::Cues;
use figures::Figure;
use places::Mention;
use resolve::PlaceContext;

/// The annotation layers of one document, each indexed by clause.
#[derive(Debug)]
pub struct Layers {
    /// Date expressions.
    pub dates: Vec<Vec<DateMention>>,
    /// Place mentions, resolved.
    pub places: Vec<Vec<Mention>>,
    /// The article's countries, and the places learned from its words.
    pub context: PlaceContext,
    /// True for a clause that tells background (the past, a forecast).
    pub background: Vec<bool>,
    /// Event words, victims and actors (empty for photo captions).
    pub events: Vec<Cues>,
    /// Casualty figures (none in captions and background).
    pub figures: Vec<Vec<Figure>>,
}

/// Runs every annotator over a document, in order.
///
/// ```
/// use incimap::{article::Article, extract::{annotate, doc::Doc}, gazetteer::Gazetteer};
/// let gaz = Gazetteer::default_only().unwrap();
/// let article = Article::parse("a.txt", "Gunmen killed 12 villagers in Kati on Friday.");
/// let doc = Doc::read(&article);
/// let layers = annotate::annotate(&doc, &gaz);
/// assert_eq!(layers.places[0][0].place.as_ref().unwrap().name, "Kati");
/// assert_eq!(layers.figures[0][0].value, 12);
/// assert_eq!(layers.events[0].strength, 1);
/// ```
pub fn annotate(doc: &Doc, gaz: &Gazetteer) -> Layers {
    let article = doc.article;
    let dates: Vec<Vec<DateMention>> = doc
        .clauses
        .iter()
        .map(|c| dates::find_dates(c.text))
        .collect();
    let distances: Vec<Vec<Distance>> = doc
        .clauses
        .iter()
        .map(|c| {
            if distances::may_measure(c.text) {
                distances::distances_in(&doc.tokens(c))
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut places: Vec<Vec<Mention>> = doc
        .clauses
        .iter()
        .zip(&distances)
        .map(|(c, d)| places::spot_with(c.text, d))
        .collect();
    let context =
        resolve::resolve_article(gaz, &doc.clauses, &mut places, article.dateline.as_deref());
    let newest_year = dates
        .iter()
        .flatten()
        .filter_map(|d| match d.words {
            DateWords::Past(y) if y > 0 => Some(y),
            DateWords::Full(date) => Some(chrono::Datelike::year(&date)),
            _ => None,
        })
        .chain(article.year_hints.iter().copied())
        .max();
    let anchor = article.anchor();
    let mut background = Vec::with_capacity(doc.clauses.len());
    // Whether an earlier clause of the current sentence is background, kept as the
    // clauses go rather than looked for in each.
    let mut sentence_background = None;
    for (ci, c) in doc.clauses.iter().enumerate() {
        if sentence_background.is_some_and(|(s, _)| s != c.sentence) {
            sentence_background = None;
        }
        // A clause joined by ", and" shares its sentence's history ("The strike recalled
        // the missile on Kremenchuk …, and the attack on Vinnytsia that killed …").
        let joined = c.text.starts_with(", and ") && sentence_background.is_some_and(|(_, b)| b);
        let is = joined || background::is_history(c, &dates[ci], anchor, newest_year);
        background.push(is);
        let earlier = sentence_background.is_some_and(|(_, b)| b);
        sentence_background = Some((c.sentence, earlier || is));
    }
    let caption = |ci: usize| doc.paragraphs[doc.clauses[ci].paragraph].caption;
    let events = doc
        .clauses
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            if caption(ci) {
                Cues::default()
            } else {
                events::clause_cues(c)
            }
        })
        .collect();
    let figures = doc
        .clauses
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            if caption(ci) || background[ci] || !figures::has_casualty_word(c.text) {
                Vec::new()
            } else {
                let mut found = figures::figures_in(&doc.tokens(c).words());
                for f in &mut found {
                    f.at = c.start;
                }
                found
            }
        })
        .collect();
    Layers {
        dates,
        places,
        context,
        background,
        events,
        figures,
    }
}
