//! Fusion: reports of one incident in several articles of a run become one event. Two
//! reports are one incident when they agree on place (same gazetteer id, within 5 km, or
//! one name within a town's extent, see [`one_place`]),
//! date (within a day, or one of them unknown, or a partial date that fits) and kind.
//! The event lists every source and the range of figures across them; an article
//! without a year takes it from a co-report, and so do its other incidents.
//!
//! An event's id is made from its earliest report (the article published first, then
//! the smaller text hash): that article's text hash and the clauses that told it there.
//! It does not change when articles are renamed or moved, nor when a later report
//! joins; a co-report published earlier than every report before it, read in a later
//! run, gives the event that report's id.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::confidence;
use crate::event::{round5, Event};
use crate::extract::annotate::dates::{PartialDate, ResolvedDate};
use crate::extract::annotate::figures::{Figure, Specificity};
use crate::extract::assemble::{one_place, Join, Told};
use crate::extract::event_type::TypeDecision;
use crate::extract::link::{DateDecision, PlaceDecision};
use crate::extract::weights::{Feature, Scored};
use crate::extract::{dates_compatible, Incident};
use crate::gazetteer::normalize::normalize;
use crate::gazetteer::{Gazetteer, Place};
use crate::lexicon::{CasualtyRole, TollStage, VictimRole};

/// One casualty figure an event's toll was chosen from.
#[derive(Debug, Clone, PartialEq)]
pub struct TollCandidate {
    /// The figure.
    pub figure: Figure,
    /// The article that gave it.
    pub source: String,
    /// Its features and score.
    pub scored: Scored,
}

/// How an event's toll (of the killed, or of the injured) was chosen: every figure
/// considered, scored by how specific it is and whether it is the latest report's, the
/// winner (the lowest on equal scores), and the range of all.
#[derive(Debug, Clone, PartialEq)]
pub struct TollDecision {
    /// Killed or injured.
    pub role: CasualtyRole,
    /// Every figure of that role.
    pub candidates: Vec<TollCandidate>,
    /// The winner, if any.
    pub chosen: Option<usize>,
    /// The attackers' own dead added to a winner that counts the other side only.
    pub added: Option<usize>,
    /// Figures told after the winner as more than it ("29 more bodies"), added to it.
    pub more: Vec<usize>,
    /// The lowest figure reported.
    pub low: Option<u64>,
    /// The highest figure reported (or the top of a range or vague quantity).
    pub high: Option<u64>,
}

impl TollDecision {
    /// Scores the figures of `role` given by `reports` (article name, figures, whether it
    /// is the latest report: tolls are revised upward as bodies are found).
    fn new<'a>(
        role: CasualtyRole,
        reports: impl IntoIterator<Item = (&'a str, &'a [Figure], bool)>,
    ) -> TollDecision {
        let mut candidates = Vec::new();
        for (source, figures, latest) in reports {
            for f in figures.iter().filter(|f| f.role == role) {
                let mut features = vec![specificity_feature(f.specificity)];
                if f.victims == Some(VictimRole::Militant) {
                    features.push(Feature::TollAttackersOnly);
                }
                if f.total {
                    features.push(Feature::TollTotal);
                }
                if f.more {
                    features.push(Feature::TollMore);
                }
                match f.stage {
                    Some(TollStage::Updated) => features.push(Feature::TollUpdated),
                    Some(TollStage::First) => features.push(Feature::TollFirst),
                    Some(TollStage::Combined) => features.push(Feature::TollCombined),
                    None => {}
                }
                if latest {
                    features.push(Feature::TollLatestReport);
                }
                candidates.push(TollCandidate {
                    figure: *f,
                    source: source.to_string(),
                    scored: Scored::new(features),
                });
            }
        }
        let chosen = candidates
            .iter()
            .enumerate()
            .max_by(|x, y| stronger(*x, *y))
            .map(|(i, _)| i);
        let added = chosen.and_then(|i| other_side(&candidates, i));
        let more = chosen.map_or_else(Vec::new, |i| told_as_more(&candidates, i, added));
        // A count told as more ("three more bodies") is no report of the whole: the
        // range is over the others, when there are others.
        let whole = |c: &&TollCandidate| !c.figure.more || candidates.iter().all(|c| c.figure.more);
        let low = candidates
            .iter()
            .filter(whole)
            .map(|c| c.figure.value)
            .min();
        let high = candidates
            .iter()
            .filter(whole)
            .map(|c| c.figure.high.max(c.figure.value))
            .max();
        let mut decision = TollDecision {
            role,
            candidates,
            chosen,
            added,
            more,
            low,
            high,
        };
        decision.high = decision.high.max(decision.value());
        decision
    }

    /// The chosen figure's value, with the attackers' dead added when the winner counts
    /// only their victims, and the figures told after it as more.
    pub fn value(&self) -> Option<u64> {
        let added: u64 = self
            .added
            .iter()
            .chain(&self.more)
            .map(|&i| self.candidates[i].figure.value)
            .sum();
        self.chosen
            .map(|i| self.candidates[i].figure.value.saturating_add(added))
    }
}

/// The figures of the winner's article told after it as more than a count ("12 soldiers
/// were killed … 29 more bodies were found" is 41): each adds to it, but not to a stated
/// total nor to a figure that is itself more, and not twice what `added` already took.
fn told_as_more(candidates: &[TollCandidate], chosen: usize, added: Option<usize>) -> Vec<usize> {
    let winner = &candidates[chosen];
    // A later count ("the toll has risen to 25, after rescuers pulled three more bodies
    // from the ruins") already holds what was found since.
    let whole = winner.figure.total || winner.figure.stage == Some(TollStage::Updated);
    if whole || winner.figure.more {
        return Vec::new();
    }
    candidates
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            c.figure.more
                && c.source == winner.source
                && c.figure.at > winner.figure.at
                && Some(i) != added
        })
        .map(|(i, _)| i)
        .collect()
}

/// The attackers' dead that a winning figure of the other side does not count: ACLED's
/// fatalities are both sides'. "96 terroristes neutralisés … quinze militaires ont été
/// tués" is 111 killed; "15 soldiers were killed; the army said 30 attackers died" is
/// 45. Only a winner that names its victims (soldiers, civilians) and is no stated
/// total takes them ("20 dead, among them 5 attackers" stays 20), and only from the same
/// article; of several such figures, the best scored, then the lowest.
fn other_side(candidates: &[TollCandidate], chosen: usize) -> Option<usize> {
    let winner = &candidates[chosen];
    let named_victims = matches!(
        winner.figure.victims,
        Some(VictimRole::Civilian | VictimRole::Force)
    );
    if !named_victims || winner.figure.total {
        return None;
    }
    candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.source == winner.source
                && c.figure.victims == Some(VictimRole::Militant)
                && !c.figure.total
        })
        .max_by(|x, y| stronger(*x, *y))
        .map(|(i, _)| i)
}

/// Of two figures, the better scored, then the lower (the more conservative), then the
/// one given first.
fn stronger(
    (i, a): (usize, &TollCandidate),
    (j, b): (usize, &TollCandidate),
) -> std::cmp::Ordering {
    a.scored
        .score
        .total_cmp(&b.scored.score)
        .then(b.figure.value.cmp(&a.figure.value))
        .then(j.cmp(&i))
}

fn specificity_feature(s: Specificity) -> Feature {
    match s {
        Specificity::Exact => Feature::TollExact,
        Specificity::AtLeast => Feature::TollAtLeast,
        Specificity::MoreThan => Feature::TollMoreThan,
        Specificity::About => Feature::TollAbout,
        Specificity::AtMost => Feature::TollAtMost,
        Specificity::Vague => Feature::TollVague,
    }
}

/// The toll of a set of figures: the most conservative specific figure, and the range.
///
/// "Most conservative specific": the lowest plain figure; failing that the lowest "at
/// least" figure, then "more than" (N + 1), "about", "up to", and last a vague quantity
/// (the weights of `lexicon/weights/link.tsv`).
///
/// ```
/// use incimap::extract::annotate::figures::{Figure, Specificity};
/// use incimap::fuse::toll;
/// use incimap::lexicon::CasualtyRole;
/// let f = |value, specificity| Figure { role: CasualtyRole::Killed, value, high: value, specificity, victims: None, at: 0, total: false, more: false, stage: None };
/// let t = toll(&[f(49, Specificity::AtLeast), f(54, Specificity::Exact), f(51, Specificity::MoreThan)], CasualtyRole::Killed);
/// assert_eq!(t, (Some(54), Some(49), Some(54)));
/// ```
pub fn toll(figures: &[Figure], role: CasualtyRole) -> (Option<u64>, Option<u64>, Option<u64>) {
    let d = TollDecision::new(role, [("", figures, false)]);
    (d.value(), d.low, d.high)
}

/// The toll of a fused event: the range over every report, and the most conservative
/// specific figure of the latest report that gives one (tolls are revised upward as
/// bodies are found: an early "27 dead" is superseded by a later report's "48").
fn fused_toll(group: &[Incident], role: CasualtyRole) -> TollDecision {
    let latest = group
        .iter()
        .filter(|m| m.figures.iter().any(|f| f.role == role))
        .max_by_key(|m| (m.published, std::cmp::Reverse(m.source.clone())))
        .map(|m| m.published);
    let several_days = group.iter().any(|o| Some(o.published) != latest);
    TollDecision::new(
        role,
        group.iter().map(|m| {
            (
                m.source.as_str(),
                m.figures.as_slice(),
                several_days && Some(m.published) == latest,
            )
        }),
    )
}

/// Reports without any date cannot be told apart from another incident at the same
/// place: they fuse only when both say something of the date.
fn has_date(i: &Incident) -> bool {
    i.date.is_some() || i.partial_date.is_some()
}

/// Reports of one place and day are one incident unless one is a protest or riot and
/// the other violence: readers of one attack may type it differently.
fn same_kind(a: &Incident, b: &Incident) -> bool {
    is_civic(a) == is_civic(b)
}

fn is_civic(i: &Incident) -> bool {
    matches!(i.event_type.as_str(), "Protests" | "Riots")
}

/// True when two dated reports are alike in everything that decides whether a third
/// joins them (place, date, kind): a group need only test one of them.
fn alike_for_matching(a: &Incident, b: &Incident) -> bool {
    fn place(i: &Incident) -> Option<(&str, &str, u64, u64)> {
        i.place.as_ref().map(|p| {
            (
                p.id.as_str(),
                p.name.as_str(),
                p.lat.to_bits(),
                p.lon.to_bits(),
            )
        })
    }
    place(a) == place(b)
        && a.date == b.date
        && a.partial_date == b.partial_date
        && is_civic(a) == is_civic(b)
}

fn year_near(anchor: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - anchor).num_days().abs())
}

/// Fusion done as incidents come: each joins the group of a co-report or starts one,
/// and [`Fusion::finish`] makes the events. Adding the same incidents in the same order
/// gives the same events, so a run can fuse while it still extracts.
///
/// ```
/// let fusion = incimap::fuse::Fusion::default();
/// let gaz = incimap::gazetteer::Gazetteer::default_only().unwrap();
/// assert!(fusion.finish(&gaz).events.is_empty());
/// ```
#[derive(Default)]
pub struct Fusion {
    /// Whether to keep, for each event, why it is as it is.
    explain: bool,
    groups: Vec<Vec<Incident>>,
    /// For each group member, why it joined the members before it (when explaining).
    reasons: Vec<Vec<Option<String>>>,
    /// For each group, one member of each kind that a newcomer is tested against (see
    /// `alike_for_matching`): a story told by a thousand reports is one test, not a
    /// thousand.
    testers: Vec<Vec<usize>>,
    group_sources: Vec<HashSet<String>>,
    /// The text hash of each article, by name.
    hashes: HashMap<String, String>,
    /// Groups are found through a grid of 0.1° cells: a place within 5 km of another
    /// lies in the same cell or a neighbouring one, so each incident is checked against
    /// a few groups, not all of them.
    grid: HashMap<(i32, i32), Vec<usize>>,
}

/// One article's report of an event, as assembly read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The article's file name.
    pub source: String,
    /// Why it joined the reports before it (None for the first).
    pub fused: Option<String>,
    /// How its place was chosen.
    pub place: Option<PlaceDecision>,
    /// How its date was chosen.
    pub date: Option<DateDecision>,
    /// Its date as resolved ("2024-03-01", or a month and day without a year).
    pub resolved_date: Option<String>,
    /// The tellings it was assembled from.
    pub tellings: Vec<Told>,
    /// How its type was decided.
    pub kind: Option<TypeDecision>,
}

/// Why an event is as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The articles' reports, the one whose place the event takes first.
    pub reports: Vec<Report>,
    /// How the death toll was chosen.
    pub fatalities: TollDecision,
    /// How the injury toll was chosen.
    pub injuries: TollDecision,
    /// The features the confidence was read from, with their values.
    pub confidence: Vec<(&'static str, f64)>,
}

/// The events of a run, and when asked, why each is as it is.
#[derive(Debug, Default)]
pub struct Fused {
    /// The events, in a stable order.
    pub events: Vec<Event>,
    /// The explanation of each event, aligned with `events` (empty unless explaining).
    pub explanations: Vec<Explanation>,
}

/// Why a report joins a co-report: the place, the date and the kind, in words.
fn fuse_reason(m: &Incident, inc: &Incident) -> String {
    let (a, b) = (m.place.as_ref(), inc.place.as_ref());
    let place = match (a, b) {
        (Some(a), Some(b)) if a.id == b.id && a.name == b.name => {
            format!("the same place ({}, gazetteer {})", a.name, a.id)
        }
        (Some(a), Some(b)) => format!(
            "places {:.1} km apart ({} and {})",
            crate::distance::haversine_km(a.lat, a.lon, b.lat, b.lon),
            a.name,
            b.name
        ),
        _ => "no place".into(),
    };
    let date = match (m.date, inc.date) {
        (Some(x), Some(y)) => format!("days {} apart", (x.date - y.date).num_days().abs()),
        _ => "dates that agree as far as they are known".into(),
    };
    let kind = if is_civic(m) {
        "both protests or riots"
    } else {
        "both violence"
    };
    format!("{place}, {date}, {kind}")
}

impl Fusion {
    /// A fusion that keeps, for each event, why it is as it is (see [`Explanation`]).
    pub fn explaining() -> Fusion {
        Fusion {
            explain: true,
            ..Fusion::default()
        }
    }

    /// Adds one incident of the article whose text has the hash `article_hash` (see
    /// [`crate::pipeline::text_hash`]).
    pub fn add(&mut self, inc: Incident, article_hash: &str) {
        if !self.hashes.contains_key(&inc.source) {
            self.hashes
                .insert(inc.source.clone(), article_hash.to_string());
        }
        let cell = |p: &Place| ((p.lat * 10.0).floor() as i32, (p.lon * 10.0).floor() as i32);
        let Some(here) = inc.place.as_ref().map(cell) else {
            self.groups.push(vec![inc]);
            self.reasons.push(vec![None]);
            self.testers.push(Vec::new());
            self.group_sources.push(HashSet::new());
            return;
        };
        let (groups, testers, group_sources) =
            (&mut self.groups, &mut self.testers, &mut self.group_sources);
        let mut candidates: Vec<usize> = (-1..=1)
            .flat_map(|dy| (-1..=1).map(move |dx| (here.0 + dy, here.1 + dx)))
            .filter_map(|c| self.grid.get(&c))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let found = candidates.into_iter().find_map(|gi| {
            if group_sources[gi].contains(&inc.source) || !has_date(&inc) {
                return None;
            }
            testers[gi].iter().map(|&t| &groups[gi][t]).find_map(|m| {
                let joins = has_date(m)
                    && one_place(m.place.as_ref(), inc.place.as_ref())
                    && dates_compatible(m.date, m.partial_date, inc.date, inc.partial_date)
                    && same_kind(m, &inc);
                joins.then(|| (gi, self.explain.then(|| fuse_reason(m, &inc))))
            })
        });
        let gi = match found {
            Some((gi, reason)) => {
                self.reasons[gi].push(reason);
                gi
            }
            None => {
                groups.push(Vec::new());
                self.reasons.push(vec![None]);
                testers.push(Vec::new());
                group_sources.push(HashSet::new());
                groups.len() - 1
            }
        };
        if has_date(&inc)
            && !testers[gi]
                .iter()
                .any(|&t| alike_for_matching(&groups[gi][t], &inc))
        {
            testers[gi].push(groups[gi].len());
        }
        group_sources[gi].insert(inc.source.clone());
        let cells = self.grid.entry(here).or_default();
        if !cells.contains(&gi) {
            cells.push(gi);
        }
        groups[gi].push(inc);
    }

    /// The events of the incidents added, in a stable order, with their explanations
    /// when explaining.
    pub fn finish(self, gaz: &Gazetteer) -> Fused {
        let (groups, reasons, explain, hashes) =
            (self.groups, self.reasons, self.explain, self.hashes);
        // A date for each group, and what each source learns of its year from co-reports.
        let mut dates: Vec<Option<ResolvedDate>> = groups.iter().map(|g| group_date(g)).collect();
        let mut learned: HashMap<String, NaiveDate> = HashMap::new();
        for (g, date) in groups.iter().zip(&dates) {
            if let Some(d) = date {
                for m in g.iter().filter(|m| m.date.is_none()) {
                    learned.entry(m.source.clone()).or_insert(d.date);
                }
            }
        }
        for (g, date) in groups.iter().zip(dates.iter_mut()) {
            if date.is_some() {
                continue;
            }
            *date = g
                .iter()
                .find_map(|m| match (m.partial_date, learned.get(&m.source)) {
                    (Some(PartialDate::MonthDay(month, day)), Some(anchor)) => {
                        year_near(*anchor, month, day).map(|d| ResolvedDate {
                            date: d,
                            precision: 1,
                        })
                    }
                    _ => None,
                });
        }
        // Groups become events side by side: a large run ends with thousands of them.
        let made: Vec<(Event, confidence::Signals, Option<Explanation>)> = groups
            .into_par_iter()
            .zip(dates)
            .zip(reasons)
            .map(|((g, d), r)| to_event(g, d, r, gaz, explain, &hashes))
            .collect();
        // Two events of one article at one place: at most one of them is likely the
        // incident the article tells there.
        let mut by_source: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (e, _, _)) in made.iter().enumerate() {
            for s in &e.sources {
                by_source.entry(s.as_str()).or_default().push(i);
            }
        }
        // And one far from all the others of its articles is a separate incident.
        let mut twins = vec![false; made.len()];
        let mut nearest = vec![f64::INFINITY; made.len()];
        for list in by_source.values() {
            for (k, &i) in list.iter().enumerate() {
                for &j in &list[k + 1..] {
                    let (a, b) = (&made[i].0, &made[j].0);
                    let km = crate::distance::haversine_km(
                        a.latitude,
                        a.longitude,
                        b.latitude,
                        b.longitude,
                    );
                    if km <= 25.0 {
                        twins[i] = true;
                        twins[j] = true;
                    }
                    nearest[i] = nearest[i].min(km);
                    nearest[j] = nearest[j].min(km);
                }
            }
        }
        drop(by_source);
        let mut made: Vec<(Event, Option<Explanation>, usize)> = made
            .into_iter()
            .zip(twins.into_iter().zip(nearest))
            .map(
                |((mut event, mut signals, mut explanation), (twin, nearest))| {
                    signals.twin = twin;
                    signals.apart = nearest.is_finite() && nearest > confidence::APART_KM;
                    let features = signals.features();
                    event.confidence =
                        (confidence::probability(&features) * 1000.0).round() / 1000.0;
                    if let Some(x) = explanation.as_mut() {
                        x.confidence = features;
                    }
                    (event, explanation, signals.rank)
                },
            )
            .collect();
        // By date, country and place; events alike in those by their first source and
        // where it tells them.
        made.sort_by(|(a, _, ra), (b, _, rb)| {
            (
                &a.event_date,
                &a.country_code,
                &a.location,
                &a.sources,
                ra,
                &a.event_id,
            )
                .cmp(&(
                    &b.event_date,
                    &b.country_code,
                    &b.location,
                    &b.sources,
                    rb,
                    &b.event_id,
                ))
        });
        // Two incidents told by the same clauses of one text are one event in the output;
        // should two ids still agree, the later in the order is numbered.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (event, _, _) in &mut made {
            let n = seen.entry(event.event_id.clone()).or_default();
            *n += 1;
            if *n > 1 {
                event.event_id = format!("{}-{n}", event.event_id);
            }
        }
        let (events, explanations): (Vec<Event>, Vec<Option<Explanation>>) =
            made.into_iter().map(|(e, x, _)| (e, x)).unzip();
        Fused {
            events,
            explanations: explanations.into_iter().flatten().collect(),
        }
    }
}

fn group_date(group: &[Incident]) -> Option<ResolvedDate> {
    let mut votes: BTreeMap<(u8, NaiveDate), usize> = BTreeMap::new();
    for m in group {
        if let Some(d) = m.date {
            *votes.entry((d.precision, d.date)).or_default() += 1;
        }
    }
    let best_precision = votes.keys().map(|k| k.0).min()?;
    votes
        .into_iter()
        .filter(|((p, _), _)| *p == best_precision)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0 .1.cmp(&a.0 .1)))
        .map(|((precision, date), _)| ResolvedDate { date, precision })
}

/// The key of the name a candidate place was written as, generic words off.
fn written_key(c: &crate::extract::link::PlaceCandidate) -> String {
    crate::gazetteer::parse_query(&c.written).key
}

/// What the confidence of an event is read from: how its lead report's place was
/// linked, and what the whole group found.
fn signals(group: &[Incident], lead: &Incident, event: &Event) -> confidence::Signals {
    use crate::extract::link::{DateSource, PlaceSource};
    let best = lead.place_decision.as_ref().and_then(|d| d.best());
    let source = best.map(|b| b.source);
    let reference = best.is_some_and(|b| b.scored.features.contains(&Feature::PlaceReferenceCue));
    confidence::Signals {
        precision: lead.geo_precision,
        own_place: source == Some(PlaceSource::Clause) && !reference,
        reference_place: reference,
        inherited_place: matches!(source, Some(PlaceSource::Paragraph | PlaceSource::Section)),
        back_reference: matches!(
            source,
            Some(PlaceSource::BackReference | PlaceSource::CityPart)
        ),
        learned_place: lead.place.as_ref().is_some_and(|p| p.score == 0.0),
        home: best.is_some_and(|b| b.home),
        rivals: lead.place_decision.as_ref().map_or(0, |d| {
            d.candidates
                .iter()
                .enumerate()
                .filter(|(i, c)| c.source.own() && !d.chosen.contains(i))
                .count()
        }),
        dated: event.event_date.is_some(),
        own_date: lead
            .date_decision
            .as_ref()
            .and_then(|d| d.best())
            .is_some_and(|d| d.source == DateSource::Clause),
        toll: event.fatalities.is_some(),
        tellings: group.iter().map(|m| m.tellings.len()).sum(),
        sources: event.source_count,
        lede: group
            .iter()
            .flat_map(|m| &m.tellings)
            .any(|t| t.paragraph <= 2),
        corroborated: group.iter().flat_map(|m| &m.tellings).any(|t| {
            matches!(
                t.join,
                Join::Reference | Join::Paragraph | Join::Kind | Join::Undated
            )
        }),
        civic: matches!(
            event.event_type.as_str(),
            "Protests" | "Riots" | "Strategic developments"
        ),
        strike: event.event_type == "Explosions/Remote violence",
        attacker: event.actor1.is_some(),
        french: lead.lang == "fr",
        capital: lead
            .place
            .as_ref()
            .is_some_and(|p| p.kind == crate::gazetteer::Kind::Capital),
        population: lead.place.as_ref().map_or(0, |p| p.population),
        headline: best.is_some_and(|b| b.in_headline),
        article_incidents: lead.article_incidents,
        strong_word: group.iter().any(|m| m.strong_word()),
        rank: lead.rank,
        fuzzy_name: best.is_some_and(|b| {
            b.source == PlaceSource::Clause && written_key(b) != normalize(&b.place.matched_name)
        }),
        alias_name: best.is_some_and(|b| {
            b.source == PlaceSource::Clause
                && written_key(b) == normalize(&b.place.matched_name)
                && written_key(b) != normalize(&b.place.name)
        }),
        twin: false,
        speech: lead
            .tellings
            .first()
            .is_some_and(|t| crate::lexicon::lexicon().speaks(&t.text)),
        apart: false,
        local_place: lead.place.as_ref().is_some_and(|p| {
            use crate::gazetteer::Kind;
            matches!(
                p.kind,
                Kind::PopulatedPlace | Kind::Military | Kind::Camp | Kind::Airport | Kind::Well
            )
        }),
    }
}

/// The evidence of an event: in each report (the lead's first), the clauses that gave
/// the event word, the place, the date and the chosen figures, each once.
fn evidence_notes(group: &[Incident], lead: &Incident, tolls: [&TollDecision; 2]) -> String {
    let chosen_at = |m: &Incident| -> Vec<usize> {
        tolls
            .iter()
            .filter_map(|d| d.chosen.map(|i| &d.candidates[i]))
            .filter(|c| c.source == m.source)
            .map(|c| c.figure.at)
            .collect()
    };
    let mut notes: Vec<&str> = Vec::new();
    for m in std::iter::once(lead).chain(group.iter().filter(|m| !std::ptr::eq(*m, lead))) {
        for t in m.evidence(&chosen_at(m)) {
            if !notes.contains(&t.text.as_str()) {
                notes.push(&t.text);
            }
        }
    }
    notes.join(" … ")
}

/// The id of an event: a hash of its earliest report's article text (see
/// [`crate::pipeline::text_hash`]) and the clauses that told it there, which neither a
/// file's name nor a later co-report changes.
fn event_id(group: &[Incident], hashes: &HashMap<String, String>) -> String {
    let hash = |m: &Incident| hashes.get(&m.source).map_or("", String::as_str);
    let earliest = group
        .iter()
        .min_by_key(|m| {
            (
                m.published.is_none(),
                m.published,
                hash(m),
                m.tellings.iter().map(|t| t.start).min(),
            )
        })
        .unwrap_or(&group[0]);
    let mut hasher = Sha256::new();
    hasher.update(hash(earliest));
    let mut tellings: Vec<(usize, &str)> = earliest
        .tellings
        .iter()
        .map(|t| (t.start, t.text.as_str()))
        .collect();
    tellings.sort_unstable();
    for (start, text) in tellings {
        hasher.update(format!("\n{start}\n{text}"));
    }
    let digest = hasher.finalize();
    format!(
        "ev-{}",
        digest
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    )
}

fn to_event(
    group: Vec<Incident>,
    date: Option<ResolvedDate>,
    reasons: Vec<Option<String>>,
    gaz: &Gazetteer,
    explain: bool,
    hashes: &HashMap<String, String>,
) -> (Event, confidence::Signals, Option<Explanation>) {
    let lead = group
        .iter()
        .min_by_key(|m| m.geo_precision)
        .unwrap_or(&group[0]);
    let killed = fused_toll(&group, CasualtyRole::Killed);
    let injured = fused_toll(&group, CasualtyRole::Injured);
    let mut sources: Vec<String> = group.iter().map(|m| m.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let place = lead.place.as_ref();
    let text = |f: fn(&Place) -> &String| place.map(f).cloned().unwrap_or_default();
    let country_code = text(|p| &p.country_code);
    let gazetteer_id = text(|p| &p.id);
    let event_date = date.map(|d| d.date.format("%Y-%m-%d").to_string());
    let event = Event {
        event_id: event_id(&group, hashes),
        event_date,
        time_precision: date.map(|d| d.precision),
        event_type: lead.event_type.clone(),
        sub_event_type: lead.sub_event_type.clone(),
        actor1: group.iter().find_map(|m| m.actor1.clone()),
        actor2: group.iter().find_map(|m| m.actor2.clone()),
        location: text(|p| &p.name),
        admin1: text(|p| &p.admin1),
        country: gaz
            .country_name(&country_code)
            .unwrap_or(&country_code)
            .to_string(),
        country_code,
        geo_precision: lead.geo_precision,
        location_basis: lead.location_basis.as_str().to_string(),
        gazetteer_id,
        fatalities: killed.value(),
        fatalities_low: killed.low,
        fatalities_high: killed.high,
        injuries: injured.value(),
        injuries_low: injured.low,
        injuries_high: injured.high,
        source_count: sources.len(),
        sources,
        notes: evidence_notes(&group, lead, [&killed, &injured]),
        confidence: 0.0,
        latitude: round5(place.map_or(0.0, |p| p.lat)),
        longitude: round5(place.map_or(0.0, |p| p.lon)),
    };
    let signals = signals(&group, lead, &event);
    if !explain {
        return (event, signals, None);
    }
    let lead_index = group
        .iter()
        .position(|m| std::ptr::eq(m, lead))
        .unwrap_or(0);
    let explanation = Explanation {
        reports: reports(group, lead_index, reasons),
        fatalities: killed,
        injuries: injured,
        confidence: Vec::new(),
    };
    (event, signals, Some(explanation))
}

/// The reports of a group for its explanation, the lead's first.
fn reports(group: Vec<Incident>, lead_index: usize, reasons: Vec<Option<String>>) -> Vec<Report> {
    let mut order: Vec<usize> = (0..group.len()).collect();
    order.sort_by_key(|&i| i != lead_index);
    let mut members: Vec<Option<Incident>> = group.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| {
            let m = members[i].take()?;
            let resolved_date = match (m.date, m.partial_date) {
                (Some(d), _) => Some(d.date.to_string()),
                (None, Some(PartialDate::MonthDay(month, day))) => {
                    Some(format!("{month:02}-{day:02}, year unknown"))
                }
                (None, Some(PartialDate::Weekday(w))) => Some(format!("weekday {w}, week unknown")),
                (None, None) => None,
            };
            Some(Report {
                source: m.source,
                fused: reasons.get(i).cloned().flatten(),
                place: m.place_decision,
                date: m.date_decision,
                resolved_date,
                tellings: m.tellings,
                kind: m.type_decision,
            })
        })
        .collect()
}
