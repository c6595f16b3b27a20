//! Incident extraction, in stages: the article is read into a document of clauses and
//! tokens ([`doc`]), annotators add their layers of places, dates, figures and event
//! words ([`annotate`]), and incidents are assembled from the clauses around them (a
//! toll in the next sentence, a date in the paragraph's header, "the attack" that
//! refers back to an incident already told).

pub mod annotate;
pub mod doc;
pub mod gate;
pub mod kinds;
pub mod names;
pub mod phrases;

use chrono::NaiveDate;

use crate::article::Article;
use crate::gazetteer::{Gazetteer, Kind, Place};
use annotate::dates::{self, DateMention, DateWords, PartialDate, ResolvedDate};
use annotate::events::Cues;
use annotate::figures::Figure;
use annotate::places::{self, Mention, Role};
use doc::Doc;

/// One incident as one article reports it, before fusion with other reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// The article's file name.
    pub source: String,
    /// Where it happened, if the article says.
    pub place: Option<Place>,
    /// 1 the place itself, 2 near it or part of it, 3 only its region.
    pub geo_precision: u8,
    /// When, resolved.
    pub date: Option<ResolvedDate>,
    /// When, partly (no year in the article).
    pub partial_date: Option<PartialDate>,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Attacker or initiator.
    pub actor1: Option<String>,
    /// The other side or the victims.
    pub actor2: Option<String>,
    /// Figures reported, killed and injured.
    pub figures: Vec<Figure>,
    /// The sentences it was read from.
    pub notes: Vec<String>,
    /// When its article was published, if known.
    pub published: Option<NaiveDate>,
    words: Vec<String>,
    actors: Vec<String>,
    /// The earliest day a source spoke of it ("officials said on Thursday"): its date
    /// when the text gives no other, since an incident cannot postdate its report.
    reported_on: Option<NaiveDate>,
    /// The last paragraph that told of it.
    paragraph: usize,
}

impl Incident {
    /// Notes a day the incident was spoken of.
    fn reported(&mut self, on: Option<NaiveDate>) {
        if let Some(day) = on {
            self.reported_on = Some(self.reported_on.map_or(day, |r| r.min(day)));
        }
    }

    /// Takes in one more sentence about this incident: its figures, actors and event
    /// words, and its date when the incident has none yet.
    fn absorb(
        &mut self,
        text: &str,
        figures: &[Figure],
        cues: &Cues,
        date: Option<ResolvedDate>,
        partial: Option<PartialDate>,
    ) {
        self.figures.extend(figures.iter().copied());
        self.actors.extend(cues.actors.iter().cloned());
        self.words.extend(cues.words.iter().cloned());
        self.notes.push(text.to_string());
        if self.date.is_none() && self.partial_date.is_none() {
            self.date = date;
            self.partial_date = partial;
        }
    }
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleIncidents {
    /// Incidents with a place at region level or finer.
    pub incidents: Vec<Incident>,
    /// Incidents dropped for want of a place.
    pub dropped_without_place: usize,
    /// Incidents dropped for want of a day and a toll (see [`extract_article`]).
    pub dropped_vague: usize,
}

struct Sentence<'a> {
    text: &'a str,
    /// The sentence this clause belongs to (clauses of one sentence share it).
    sentence: usize,
    paragraph: usize,
    /// The heading paragraph above this one, if any.
    section: Option<usize>,
    caption: bool,
    mentions: &'a [Mention],
    dates: &'a [DateMention],
    background: bool,
    cues: &'a Cues,
    figures: &'a [Figure],
}

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
    let steps: [fn(); 8] = [
        crate::article::prepare,
        doc::prepare,
        annotate::dates::prepare,
        annotate::places::prepare,
        annotate::resolve::prepare,
        annotate::background::prepare,
        annotate::events::prepare,
        annotate::figures::prepare,
    ];
    steps.par_iter().for_each(|step| step());
}

/// Extracts the incidents of one article: sentences with event words become incidents at
/// the places they name (or their paragraph's), later sentences add tolls, dates and
/// actors to the incident they tell of, and places with neither a day nor a toll are
/// left out (counted in `dropped_vague`).
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
    let anchor = article.anchor();
    let doc = Doc::read(article);
    let layers = annotate::annotate(&doc, gaz);
    let mut sentences: Vec<Sentence<'_>> = Vec::with_capacity(doc.clauses.len());
    let mut section = None;
    for (ci, c) in doc.clauses.iter().enumerate() {
        let p = doc.paragraphs[c.paragraph];
        // A heading that tells an event itself ("Gunmen kill 12 in Kati", a deck under
        // the headline) is a headline, not a label for the paragraphs below it.
        if p.heading && (ci == 0 || doc.clauses[ci - 1].paragraph != c.paragraph) {
            let label = doc.clauses[ci..]
                .iter()
                .zip(&layers.events[ci..])
                .take_while(|(o, _)| o.paragraph == c.paragraph)
                .all(|(_, cues)| cues.strength == 0);
            section = label.then_some(c.paragraph);
        }
        sentences.push(Sentence {
            text: c.text,
            sentence: c.sentence,
            paragraph: c.paragraph,
            section,
            caption: p.caption,
            mentions: &layers.places[ci],
            dates: &layers.dates[ci],
            background: layers.background[ci],
            cues: &layers.events[ci],
            figures: &layers.figures[ci],
        });
    }

    let mut out = ArticleIncidents::default();
    let mut incidents: Vec<Incident> = Vec::new();
    let mut current: Option<usize> = None;
    let mut paragraph_place: Option<(usize, Place, u8)> = None;
    // The sentence whose incident set `paragraph_place`, if an incident did: another clause
    // of that sentence with no place of its own tells another incident ("gathered in
    // Bamako … after 50 soldiers died in an attack in the north").
    let mut place_from: Option<usize> = None;
    // The sentence that set `paragraph_date`.
    let mut date_from: Option<usize> = None;
    let mut paragraph_date: Option<(usize, DateMention)> = None;
    let mut section_place: Option<(usize, Place, u8)> = None;
    let mut section_date: Option<(usize, DateMention)> = None;
    let mut last_date: Option<NaiveDate> = None;
    let mut placeless: Vec<Incident> = Vec::new();

    // The last town named before each sentence: what "the town" refers back to.
    let mut town_before: Vec<Option<&Place>> = Vec::with_capacity(sentences.len());
    let mut last_town: Option<&Place> = None;
    for s in &sentences {
        town_before.push(last_town);
        if let Some(p) = s
            .mentions
            .iter()
            .filter_map(|m| m.place.as_ref())
            .rfind(|p| !p.kind.is_area())
        {
            last_town = Some(p);
        }
    }

    for (si, s) in sentences.iter().enumerate() {
        if s.caption {
            continue;
        }
        // A paragraph's place and date end with it, but a heading's hold for its section.
        if let Some((p, place, precision)) = paragraph_place.take() {
            if p == s.paragraph {
                paragraph_place = Some((p, place, precision));
            } else if Some(p) == s.section {
                section_place = Some((p, place, precision));
            }
        }
        if let Some((p, date)) = paragraph_date.take() {
            if p == s.paragraph {
                paragraph_date = Some((p, date));
            } else if Some(p) == s.section {
                section_date = Some((p, date));
            }
        }
        if paragraph_place.is_none() {
            paragraph_place = section_place
                .clone()
                .filter(|(p, _, _)| Some(*p) == s.section);
        }
        if paragraph_date.is_none() {
            paragraph_date = section_date.filter(|(p, _)| Some(*p) == s.section);
        }
        if s.background {
            continue;
        }
        let cues = s.cues;
        let figures = s.figures;
        let mut event_dates: Vec<&DateMention> = s
            .dates
            .iter()
            .filter(|d| !d.report && !d.period_start && !matches!(d.words, DateWords::Past(_)))
            .collect();
        event_dates.sort_by_key(|d| !d.possessive);
        let resolve_first =
            |previous: Option<NaiveDate>| -> (Option<ResolvedDate>, Option<PartialDate>) {
                match event_dates.first() {
                    Some(d) => dates::resolve(d.words, anchor, previous),
                    None => (None, None),
                }
            };
        let reported_on = s
            .dates
            .iter()
            .find(|d| d.report)
            .and_then(|d| dates::resolve(d.words, anchor, None).0)
            .map(|r| r.date);
        let places_here = below_country(s.mentions, Role::Incident);
        let reference_places = below_country(s.mentions, Role::Reference);
        let is_trigger =
            cues.strength >= 2 || (cues.strength == 1 && (!figures.is_empty() || cues.has_victims));
        let definite = cues.definite;

        if !is_trigger {
            if let Some(ci) = current {
                let inc = &mut incidents[ci];
                // A clause without a place is where its sentence is ("Soldiers fired on
                // migrants in Chiapas; six dead").
                let sentence_places: Vec<&Mention> = if places_here.is_empty() {
                    sentences
                        .iter()
                        .filter(|o| o.sentence == s.sentence)
                        .flat_map(|o| below_country(o.mentions, Role::Incident))
                        .collect()
                } else {
                    places_here.clone()
                };
                let same_place = sentence_places.is_empty()
                    || sentence_places
                        .iter()
                        .any(|m| same_place(m.place.as_ref(), inc.place.as_ref()));
                if same_place && (!figures.is_empty() || !cues.actors.is_empty()) {
                    inc.figures.extend(figures.iter().copied());
                    inc.actors.extend(cues.actors.iter().cloned());
                    if !figures.is_empty() {
                        inc.notes.push(s.text.to_string());
                    }
                }
                // "The strike hit the Yarmouk neighbourhood on Saturday": a reference back
                // dates an incident that has no date yet.
                if same_place && definite && inc.date.is_none() && inc.partial_date.is_none() {
                    if let Some(d) = event_dates.first() {
                        (inc.date, inc.partial_date) = dates::resolve(d.words, anchor, last_date);
                    }
                }
            }
            // The paragraph's place: its finest (a town before its region).
            if let Some(m) = places_here
                .iter()
                .find(|m| !m.place.as_ref().is_some_and(|p| p.kind.is_area()))
                .or(places_here.first())
            {
                paragraph_place = m.place.clone().map(|p| (s.paragraph, p, m.precision));
                place_from = None;
            }
            if let Some(d) = event_dates.first() {
                paragraph_date = Some((s.paragraph, **d));
                date_from = Some(s.sentence);
            }
            continue;
        }

        // The places this sentence ties to an incident: points before areas.
        let mut targets: Vec<(Place, u8)> = Vec::new();
        let points: Vec<&&Mention> = places_here
            .iter()
            .filter(|m| !m.place.as_ref().is_some_and(|p| p.kind.is_area()))
            .enumerate()
            .filter(|(i, m)| *i == 0 || listed_after_another(s.text, s.mentions, m))
            .map(|(_, m)| m)
            .collect();
        if !points.is_empty() {
            for m in points {
                if let Some(p) = &m.place {
                    if !targets.iter().any(|(t, _)| same_place(Some(t), Some(p))) {
                        targets.push((p.clone(), m.precision));
                    }
                }
            }
        } else if let Some(m) = places_here.last() {
            if let Some(p) = &m.place {
                targets.push((
                    p.clone(),
                    m.precision.max(if p.kind == Kind::Admin1 { 3 } else { 2 }),
                ));
            }
        } else if let Some(m) = reference_places.first() {
            if let Some(p) = &m.place {
                targets.push((p.clone(), 2));
            }
        } else if let Some(town) = town_before[si] {
            if places::refers_to_settlement(s.text) {
                targets.push((town.clone(), 1));
            }
        }

        let (mut date, mut partial) = resolve_first(last_date);
        // "The ceasefire came into effect on Sunday, hours after an air strike killed 17":
        // a clause that opens on "after" tells something earlier than its sentence's date.
        let earlier_clause = date_from == Some(s.sentence)
            && s.text
                .trim_start_matches([',', ' '])
                .split(' ')
                .next()
                .is_some_and(|w| matches!(w, "after" | "following" | "before"));
        if date.is_none() && partial.is_none() && !earlier_clause {
            if let Some((_, d)) = &paragraph_date {
                (date, partial) = dates::resolve(d.words, anchor, last_date);
            }
        }
        // A paragraph tells one incident: a later sentence of it without a date of its own
        // ("Abakar was seized in El Geneina") takes the date told before ("Wednesday's
        // killing of Khamis Abakar").
        if let Some(d) = event_dates.first() {
            paragraph_date = Some((s.paragraph, **d));
            date_from = Some(s.sentence);
        }

        let mut inherited = false;
        if targets.is_empty() {
            let same_sentence = place_from == Some(s.sentence);
            match (
                current,
                definite || paragraph_place.is_none() || same_sentence,
            ) {
                // "The attack …" tells the incident before, unless its day is another.
                (Some(ci), true)
                    if event_dates.is_empty()
                        || (definite
                            && dates_within(
                                incidents[ci].date,
                                incidents[ci].partial_date,
                                date,
                                partial,
                                0,
                            )) =>
                {
                    incidents[ci].absorb(s.text, figures, cues, date, partial);
                    incidents[ci].reported(reported_on);
                    continue;
                }
                _ => {}
            }
            if let Some((_, p, precision)) = paragraph_place.as_ref().filter(|_| !same_sentence) {
                targets.push((p.clone(), *precision));
                inherited = true;
            }
        }
        if targets.is_empty() {
            // Unplaced, it still dates what follows ("the day before the Pa Zi Gyi raid").
            if let Some(d) = date {
                last_date = Some(d.date);
            }
            placeless.push(new_incident(
                article, s.text, None, 0, date, partial, figures, cues,
            ));
            continue;
        }
        for (ti, (place, precision)) in targets.into_iter().enumerate() {
            let figures_here: &[Figure] = if ti == 0 { figures } else { &[] };
            // An undated mention of a place (a headline, "the attack on X") is the
            // incident told there, whatever words it uses.
            let undated = (date.is_none() && partial.is_none())
                || incidents.iter().any(|inc| {
                    same_place(inc.place.as_ref(), Some(&place))
                        && inc.date.is_none()
                        && inc.partial_date.is_none()
                });
            // A toll told in the paragraph of an incident, of its place and day, is its
            // toll ("gave a toll of 58 dead and one injured, with two vehicles burned");
            // so is a sentence of that paragraph that names no place of its own ("they
            // were attacked from the rear with rocket-propelled grenades").
            let existing = incidents.iter().position(|inc| {
                same_place(inc.place.as_ref(), Some(&place))
                    && dates_within(inc.date, inc.partial_date, date, partial, 0)
                    && (definite
                        || (inc.paragraph == s.paragraph && (cues.strength < 2 || inherited))
                        || kinds::types_compatible(&inc.words, &cues.words)
                        || (undated && kinds::types_loosely_compatible(&inc.words, &cues.words)))
            });
            let index = match existing {
                Some(i) => {
                    incidents[i].absorb(s.text, figures_here, cues, date, partial);
                    i
                }
                None => {
                    incidents.push(new_incident(
                        article,
                        s.text,
                        Some(place.clone()),
                        precision,
                        date,
                        partial,
                        figures_here,
                        cues,
                    ));
                    incidents.len() - 1
                }
            };
            incidents[index].reported(reported_on);
            incidents[index].paragraph = s.paragraph;
            if ti == 0 {
                current = Some(index);
                let finer = paragraph_place
                    .as_ref()
                    .is_none_or(|(_, p, _)| p.kind.is_area() || !place.kind.is_area());
                if finer {
                    paragraph_place = Some((s.paragraph, place, precision));
                    place_from = Some(s.sentence);
                }
            }
        }
        if let Some(d) = incidents[current.unwrap_or(0)].date {
            last_date = Some(d.date);
        }
    }
    out.dropped_without_place = placeless.len();
    let incidents = fold_coarse_tellings(incidents);
    for mut inc in incidents {
        if inc.date.is_none() && inc.partial_date.is_none() {
            inc.date = inc
                .reported_on
                .map(|date| ResolvedDate { date, precision: 2 });
        }
        // A place with neither a day nor a toll, in an article that has a date to tell
        // days by (or a region in any article), is a place talked about, not where an
        // incident happened ("violence in Tillabéri region", "celebrations in Kyiv were
        // banned for fear of strikes").
        let region = inc.place.as_ref().is_some_and(|p| p.kind == Kind::Admin1);
        let vague = (region || anchor.is_some())
            && inc.date.is_none()
            && inc.partial_date.is_none()
            && inc.figures.is_empty();
        if vague {
            out.dropped_vague += 1;
            continue;
        }
        kinds::finish(&mut inc, gaz);
        out.incidents.push(inc);
    }
    out
}

/// Folds an incident placed only at a region into the article's incident at a place in
/// that region on a compatible day and of a like toll: the headline or summary telling
/// it coarsely ("massacre in Pont-Sondé (Artibonite) kills at least 70" where Pont-Sondé
/// is unknown, then the section on Saint-Marc commune). With one such incident, its
/// figures join it; with several, the region's telling is a summary of them and is left
/// out. A toll far from the place's ("also the death of a French soldier" beside 49
/// dead at a base) tells another incident. An undated telling with a toll (a headline)
/// folds the same way into a dated incident within 50 km of a like toll and kind.
fn fold_coarse_tellings(incidents: Vec<Incident>) -> Vec<Incident> {
    let killed = |inc: &Incident| {
        inc.figures
            .iter()
            .filter(|f| f.role == crate::lexicon::CasualtyRole::Killed)
            .map(|f| f.value)
            .max()
    };
    // Two death tolls within a factor of two; `unknown` when either is missing.
    let like_tolls = |a: &Incident, b: &Incident, unknown: bool| match (killed(a), killed(b)) {
        (Some(x), Some(y)) => x.max(y) <= 2 * x.min(y),
        _ => unknown,
    };
    let within = |region: &Incident, inc: &Incident| {
        let (Some(r), Some(p)) = (region.place.as_ref(), inc.place.as_ref()) else {
            return false;
        };
        !p.kind.is_area()
            && r.country_code == p.country_code
            && r.admin1 == p.admin1
            && like_tolls(region, inc, true)
            && dates_within(
                region.date,
                region.partial_date,
                inc.date,
                inc.partial_date,
                1,
            )
    };
    let is_region = |inc: &Incident| inc.place.as_ref().is_some_and(|p| p.kind == Kind::Admin1);
    let dated = |inc: &Incident| inc.date.is_some() || inc.partial_date.is_some();
    // A headline or summary with a toll and no day ("Mali says 132 civilians killed in
    // raids on villages near Bankass") is the dated incident nearby with a like toll.
    let near_and_like = |told: &Incident, inc: &Incident| {
        let (Some(a), Some(b)) = (told.place.as_ref(), inc.place.as_ref()) else {
            return false;
        };
        dated(inc)
            && like_tolls(told, inc, false)
            && kinds::types_loosely_compatible(&told.words, &inc.words)
            && crate::distance::haversine_km(a.lat, a.lon, b.lat, b.lon) <= 50.0
    };
    // First regions into places, then undated tellings into dated incidents.
    let (coarse, mut kept): (Vec<Incident>, Vec<Incident>) =
        incidents.into_iter().partition(|inc| is_region(inc));
    fold(coarse, &mut kept, within);
    let (undated, mut kept): (Vec<Incident>, Vec<Incident>) = kept
        .into_iter()
        .partition(|inc| !dated(inc) && killed(inc).is_some());
    fold(undated, &mut kept, near_and_like);
    kept
}

/// Folds each coarse telling into the one incident `home` accepts for it; with several
/// homes it is a summary and is left out; with none it stays an incident of its own.
fn fold(
    coarse: Vec<Incident>,
    kept: &mut Vec<Incident>,
    home: impl Fn(&Incident, &Incident) -> bool,
) {
    for told in coarse {
        let homes: Vec<usize> = (0..kept.len()).filter(|&i| home(&told, &kept[i])).collect();
        match homes.as_slice() {
            [] => kept.push(told),
            [one] => {
                let home = &mut kept[*one];
                home.figures.extend(told.figures);
                home.actors.extend(told.actors);
                home.words.extend(told.words);
                home.notes.extend(told.notes);
                if home.date.is_none() && home.partial_date.is_none() {
                    home.date = told.date;
                    home.partial_date = told.partial_date;
                }
                home.reported(told.reported_on);
            }
            _ => {}
        }
    }
}

/// The resolved mentions of one role finer than a country.
fn below_country(mentions: &[Mention], role: Role) -> Vec<&Mention> {
    mentions
        .iter()
        .filter(|m| m.role == role && m.place.as_ref().is_some_and(|p| p.kind != Kind::Country))
        .collect()
}

/// True when a mention follows another in a list ("in Mopti, …, as well as in Sokolo
/// and Kalumba"): a second place of the incident rather than a landmark near the first.
/// The ends of a stretch ("between X and Y") are one place.
fn listed_after_another(sentence: &str, mentions: &[Mention], m: &Mention) -> bool {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = R.get_or_init(|| {
        regex::Regex::new(r"^\s*(?:,|,?\s*and|,?\s*or|,?\s*as well as)\s*(?:in\s+|at\s+)?$")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    mentions
        .iter()
        .filter(|o| o.end <= m.start)
        .max_by_key(|o| o.end)
        .is_some_and(|prev| {
            // "on the highway between X and Y": one stretch, one incident.
            let between = sentence[..prev.start]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "between" | "entre"));
            !between && re.is_match(&sentence[prev.end..m.start])
        })
}

#[allow(clippy::too_many_arguments)]
fn new_incident(
    article: &Article,
    text: &str,
    place: Option<Place>,
    precision: u8,
    date: Option<ResolvedDate>,
    partial: Option<PartialDate>,
    figures: &[Figure],
    cues: &Cues,
) -> Incident {
    Incident {
        source: article.source.clone(),
        place,
        geo_precision: precision.max(1),
        date,
        partial_date: partial,
        event_type: String::new(),
        sub_event_type: String::new(),
        actor1: None,
        actor2: None,
        figures: figures.to_vec(),
        notes: vec![text.to_string()],
        published: article.anchor(),
        words: cues.words.clone(),
        actors: cues.actors.clone(),
        reported_on: None,
        paragraph: 0,
    }
}

/// True when two places are one: the same gazetteer place under the same name, or
/// within 5 km. (A place the gazetteer lacks, placed by what the article says of it,
/// keeps its own name and the id of the place it was placed from.)
pub fn same_place(a: Option<&Place>, b: Option<&Place>) -> bool {
    match (a, b) {
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
