//! Fusion: reports of one incident in several articles of a run become one event. Two
//! reports are one incident when they agree on place (same gazetteer id or within 5 km),
//! date (within a day, or one of them unknown, or a partial date that fits) and kind.
//! The event lists every source and the range of figures across them; an article
//! without a year takes it from a co-report, and so do its other incidents.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::event::{round5, Event};
use crate::extract::annotate::dates::{PartialDate, ResolvedDate};
use crate::extract::annotate::figures::{Figure, Specificity};
use crate::extract::{dates_compatible, same_place, Incident};
use crate::gazetteer::{Gazetteer, Place};
use crate::lexicon::CasualtyRole;

/// The toll of a set of figures: the most conservative specific figure, and the range.
///
/// "Most conservative specific": the lowest plain figure; failing that the lowest "at
/// least" figure, then "more than" (N + 1), "about", "up to", and last a vague quantity.
///
/// ```
/// use incimap::extract::annotate::figures::{Figure, Specificity};
/// use incimap::fuse::toll;
/// use incimap::lexicon::CasualtyRole;
/// let f = |value, specificity| Figure { role: CasualtyRole::Killed, value, high: value, specificity, victims: None };
/// let t = toll(&[f(49, Specificity::AtLeast), f(54, Specificity::Exact), f(51, Specificity::MoreThan)], CasualtyRole::Killed);
/// assert_eq!(t, (Some(54), Some(49), Some(54)));
/// ```
pub fn toll(figures: &[Figure], role: CasualtyRole) -> (Option<u64>, Option<u64>, Option<u64>) {
    let of_role: Vec<&Figure> = figures.iter().filter(|f| f.role == role).collect();
    if of_role.is_empty() {
        return (None, None, None);
    }
    let best_class = of_role
        .iter()
        .map(|f| f.specificity)
        .min()
        .unwrap_or(Specificity::Vague);
    let best = of_role
        .iter()
        .filter(|f| f.specificity == best_class)
        .map(|f| f.value)
        .min();
    let low = of_role.iter().map(|f| f.value).min();
    let high = of_role.iter().map(|f| f.high.max(f.value)).max();
    (best, low, high)
}

/// The toll of a fused event: the range over every report, and the most conservative
/// specific figure of the latest report that gives one (tolls are revised upward as
/// bodies are found: an early "27 dead" is superseded by a later report's "48").
fn fused_toll(
    group: &[Incident],
    figures: &[Figure],
    role: CasualtyRole,
) -> (Option<u64>, Option<u64>, Option<u64>) {
    let (_, low, high) = toll(figures, role);
    let latest = group
        .iter()
        .filter(|m| m.figures.iter().any(|f| f.role == role))
        .max_by_key(|m| (m.published, std::cmp::Reverse(m.source.clone())));
    let best = match latest {
        Some(m) if group.iter().any(|o| o.published != m.published) => {
            let theirs: Vec<Figure> = group
                .iter()
                .filter(|o| o.published == m.published)
                .flat_map(|o| o.figures.iter().copied())
                .collect();
            toll(&theirs, role).0
        }
        _ => toll(figures, role).0,
    };
    (best, low, high)
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
/// assert!(fusion.finish(&gaz).is_empty());
/// ```
#[derive(Default)]
pub struct Fusion {
    groups: Vec<Vec<Incident>>,
    /// For each group, one member of each kind that a newcomer is tested against (see
    /// `alike_for_matching`): a story told by a thousand reports is one test, not a
    /// thousand.
    testers: Vec<Vec<usize>>,
    group_sources: Vec<HashSet<String>>,
    /// Groups are found through a grid of 0.1° cells: a place within 5 km of another
    /// lies in the same cell or a neighbouring one, so each incident is checked against
    /// a few groups, not all of them.
    grid: HashMap<(i32, i32), Vec<usize>>,
}

impl Fusion {
    /// Adds one incident.
    pub fn add(&mut self, inc: Incident) {
        let cell = |p: &Place| ((p.lat * 10.0).floor() as i32, (p.lon * 10.0).floor() as i32);
        let Some(here) = inc.place.as_ref().map(cell) else {
            self.groups.push(vec![inc]);
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
        let found = candidates.into_iter().find(|&gi| {
            !group_sources[gi].contains(&inc.source)
                && has_date(&inc)
                && testers[gi].iter().map(|&t| &groups[gi][t]).any(|m| {
                    has_date(m)
                        && same_place(m.place.as_ref(), inc.place.as_ref())
                        && dates_compatible(m.date, m.partial_date, inc.date, inc.partial_date)
                        && same_kind(m, &inc)
                })
        });
        let gi = match found {
            Some(gi) => gi,
            None => {
                groups.push(Vec::new());
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

    /// The events of the incidents added, in a stable order.
    pub fn finish(self, gaz: &Gazetteer) -> Vec<Event> {
        let groups = self.groups;
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
        let mut events: Vec<Event> = groups
            .into_par_iter()
            .zip(dates)
            .map(|(g, d)| to_event(g, d, gaz))
            .collect();
        events.sort_by(|a, b| {
            (&a.event_date, &a.country_code, &a.location, &a.event_id).cmp(&(
                &b.event_date,
                &b.country_code,
                &b.location,
                &b.event_id,
            ))
        });
        events
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

fn to_event(group: Vec<Incident>, date: Option<ResolvedDate>, gaz: &Gazetteer) -> Event {
    let lead = group
        .iter()
        .min_by_key(|m| m.geo_precision)
        .unwrap_or(&group[0]);
    let place = lead.place.clone();
    let figures: Vec<Figure> = group
        .iter()
        .flat_map(|m| m.figures.iter().copied())
        .collect();
    let (fatalities, fatalities_low, fatalities_high) =
        fused_toll(&group, &figures, CasualtyRole::Killed);
    let (injuries, injuries_low, injuries_high) =
        fused_toll(&group, &figures, CasualtyRole::Injured);
    let mut sources: Vec<String> = group.iter().map(|m| m.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let mut notes: Vec<&str> = Vec::new();
    for m in &group {
        for n in &m.notes {
            if !notes.contains(&n.as_str()) {
                notes.push(n);
            }
        }
    }
    let (lat, lon, location, admin1, country_code, gazetteer_id) = match &place {
        Some(p) => (
            p.lat,
            p.lon,
            p.name.clone(),
            p.admin1.clone(),
            p.country_code.clone(),
            p.id.clone(),
        ),
        None => (
            0.0,
            0.0,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
    };
    let event_date = date.map(|d| d.date.format("%Y-%m-%d").to_string());
    let actor1 = group.iter().find_map(|m| m.actor1.clone());
    let actor2 = group.iter().find_map(|m| m.actor2.clone());
    let mut hasher = Sha256::new();
    hasher.update(sources.join("\n"));
    hasher.update(format!(
        "\n{gazetteer_id}\n{event_date:?}\n{}\n{}",
        lead.event_type,
        notes.first().unwrap_or(&"")
    ));
    let digest = hasher.finalize();
    let event_id = format!(
        "ev-{}",
        digest
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    Event {
        event_id,
        event_date,
        time_precision: date.map(|d| d.precision),
        event_type: lead.event_type.clone(),
        sub_event_type: lead.sub_event_type.clone(),
        actor1,
        actor2,
        location,
        admin1,
        country: gaz
            .country_name(&country_code)
            .unwrap_or(&country_code)
            .to_string(),
        country_code,
        geo_precision: lead.geo_precision,
        gazetteer_id,
        fatalities,
        fatalities_low,
        fatalities_high,
        injuries,
        injuries_low,
        injuries_high,
        source_count: sources.len(),
        sources,
        notes: notes.join(" … "),
        latitude: round5(lat),
        longitude: round5(lon),
    }
}
