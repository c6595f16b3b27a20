//! The features of extraction's scored decisions and their weights, read from
//! `lexicon/weights/link.tsv` (compiled into the binary). A candidate's score is the sum
//! of the weights of its features: [`Scored`] keeps each contribution, so that
//! `--explain` can say why a candidate won.
//!
//! ```
//! use incimap::extract::weights::{Feature, Scored};
//! let s = Scored::new([Feature::PlaceIncidentCue, Feature::PlacePoint]);
//! assert_eq!(s.score, Feature::PlaceIncidentCue.weight() + Feature::PlacePoint.weight());
//! assert_eq!(s.contributions().count(), 2);
//! ```

use std::sync::OnceLock;

/// A named feature of a candidate place, date or figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// The clause says the incident happened there ("in X", "attacked X").
    PlaceIncidentCue,
    /// A reference point ("40 km from X").
    PlaceReferenceCue,
    /// A town, village or site.
    PlacePoint,
    /// A second-level unit.
    PlaceAdmin2,
    /// A first-level unit.
    PlaceAdmin1,
    /// "The town": the last town named.
    PlaceBackReference,
    /// The place of the paragraph's incident.
    PlaceParagraph,
    /// The place of the section heading.
    PlaceSection,
    /// The article's first paragraph (its headline) names the place too.
    PlaceHeadline,
    /// The place lies in one of the article's main countries.
    PlaceHome,
    /// A date the clause gives.
    DateOwnClause,
    /// A date that names the event itself ("Friday's attack").
    DateAttached,
    /// The date told earlier in the paragraph.
    DateParagraph,
    /// Of a clause's own dates, the one nearest an event word.
    DateNearEvent,
    /// The date of the section heading.
    DateSection,
    /// The day a span the clause tells opened ("since Monday").
    DatePeriodStart,
    /// A plain figure.
    TollExact,
    /// "At least N".
    TollAtLeast,
    /// "More than N".
    TollMoreThan,
    /// "About N".
    TollAbout,
    /// "Up to N".
    TollAtMost,
    /// "Dozens".
    TollVague,
    /// A figure of the latest report among co-reports.
    TollLatestReport,
    /// A figure that counts only the attackers: a part of the toll, not a rival count.
    TollAttackersOnly,
    /// A count the text states as the whole: "in all", "au total", "a total of".
    TollTotal,
    /// A count told as more than another: "29 more bodies", "were also killed".
    TollMore,
    /// A later count: "the toll rose to 25", "a new toll", "le bilan s'est alourdi à".
    TollUpdated,
    /// A first count: "a first toll", "un bilan provisoire".
    TollFirst,
    /// A sum over several incidents: "taken together, the two raids killed 64".
    TollCombined,
}

impl Feature {
    /// Every feature, in the order of their weights in [`weights`].
    pub const ALL: [Feature; 29] = [
        Feature::PlaceIncidentCue,
        Feature::PlaceReferenceCue,
        Feature::PlacePoint,
        Feature::PlaceAdmin2,
        Feature::PlaceAdmin1,
        Feature::PlaceBackReference,
        Feature::PlaceParagraph,
        Feature::PlaceSection,
        Feature::PlaceHeadline,
        Feature::PlaceHome,
        Feature::DateOwnClause,
        Feature::DateAttached,
        Feature::DateParagraph,
        Feature::DateNearEvent,
        Feature::DateSection,
        Feature::DatePeriodStart,
        Feature::TollExact,
        Feature::TollAtLeast,
        Feature::TollMoreThan,
        Feature::TollAbout,
        Feature::TollAtMost,
        Feature::TollVague,
        Feature::TollLatestReport,
        Feature::TollAttackersOnly,
        Feature::TollTotal,
        Feature::TollMore,
        Feature::TollUpdated,
        Feature::TollFirst,
        Feature::TollCombined,
    ];

    /// The feature's name in the weights file.
    pub fn name(self) -> &'static str {
        match self {
            Feature::PlaceIncidentCue => "place.incident_cue",
            Feature::PlaceReferenceCue => "place.reference_cue",
            Feature::PlacePoint => "place.point",
            Feature::PlaceAdmin2 => "place.admin2",
            Feature::PlaceAdmin1 => "place.admin1",
            Feature::PlaceBackReference => "place.back_reference",
            Feature::PlaceParagraph => "place.paragraph",
            Feature::PlaceSection => "place.section",
            Feature::PlaceHeadline => "place.headline",
            Feature::PlaceHome => "place.home",
            Feature::DateOwnClause => "date.own_clause",
            Feature::DateAttached => "date.attached",
            Feature::DateParagraph => "date.paragraph",
            Feature::DateNearEvent => "date.near_event",
            Feature::DateSection => "date.section",
            Feature::DatePeriodStart => "date.period_start",
            Feature::TollExact => "toll.exact",
            Feature::TollAtLeast => "toll.at_least",
            Feature::TollMoreThan => "toll.more_than",
            Feature::TollAbout => "toll.about",
            Feature::TollAtMost => "toll.at_most",
            Feature::TollVague => "toll.vague",
            Feature::TollLatestReport => "toll.latest_report",
            Feature::TollAttackersOnly => "toll.attackers_only",
            Feature::TollTotal => "toll.total",
            Feature::TollMore => "toll.more",
            Feature::TollUpdated => "toll.updated",
            Feature::TollFirst => "toll.first",
            Feature::TollCombined => "toll.combined",
        }
    }

    /// The feature's weight.
    pub fn weight(self) -> f64 {
        weights()[self as usize]
    }
}

/// The weights, indexed by feature. A feature missing from the file, or a line that is
/// not `name<TAB>number<TAB>why`, is a defect of the shipped data: a test reads the file.
pub fn weights() -> &'static [f64; Feature::ALL.len()] {
    static W: OnceLock<[f64; Feature::ALL.len()]> = OnceLock::new();
    W.get_or_init(|| {
        parse(include_str!("../../lexicon/weights/link.tsv"))
            .unwrap_or_else(|e| panic!("lexicon/weights/link.tsv: {e}"))
    })
}

fn parse(text: &str) -> Result<[f64; Feature::ALL.len()], String> {
    let mut out = [f64::NAN; Feature::ALL.len()];
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (name, weight) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
        let feature = Feature::ALL
            .iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| format!("line {}: unknown feature {name:?}", n + 1))?;
        out[*feature as usize] = weight
            .trim()
            .parse()
            .map_err(|_| format!("line {}: {weight:?} is not a number", n + 1))?;
    }
    match Feature::ALL.iter().find(|f| out[**f as usize].is_nan()) {
        Some(f) => Err(format!("no weight for {}", f.name())),
        None => Ok(out),
    }
}

/// A candidate's features and the score they add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The features, in the order given.
    pub features: Vec<Feature>,
    /// The sum of their weights.
    pub score: f64,
}

impl Scored {
    /// Scores a set of features.
    pub fn new(features: impl IntoIterator<Item = Feature>) -> Scored {
        let features: Vec<Feature> = features.into_iter().collect();
        let score = features.iter().map(|f| f.weight()).sum();
        Scored { features, score }
    }

    /// Adds a feature and its weight.
    pub fn add(&mut self, feature: Feature) {
        self.features.push(feature);
        self.score += feature.weight();
    }

    /// Each feature with its weight.
    pub fn contributions(&self) -> impl Iterator<Item = (Feature, f64)> + '_ {
        self.features.iter().map(|f| (*f, f.weight()))
    }
}

/// The index of the best of some scored candidates: the highest score, the first on equal
/// scores.
pub fn best<'a>(scores: impl IntoIterator<Item = &'a Scored>) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, s) in scores.into_iter().enumerate() {
        if best.is_none_or(|(_, b)| s.score > b) {
            best = Some((i, s.score));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_name_every_feature() {
        let w = weights();
        assert!(w.iter().all(|x| x.is_finite()));
        assert!(Feature::PlaceIncidentCue.weight() > Feature::PlaceReferenceCue.weight());
    }

    #[test]
    fn bad_weight_files_are_refused_with_the_line() {
        assert!(parse("place.nonsense\t1\twhy")
            .unwrap_err()
            .contains("line 1"));
        assert!(parse("# c\nplace.point\tx\twhy")
            .unwrap_err()
            .contains("line 2"));
        assert!(parse("place.point\t1\twhy")
            .unwrap_err()
            .contains("no weight"));
    }

    #[test]
    fn the_first_of_equal_scores_wins() {
        let a = Scored::new([Feature::PlacePoint]);
        let b = Scored::new([Feature::PlacePoint]);
        let c = Scored::new([Feature::PlaceAdmin1]);
        assert_eq!(best([&c, &a, &b]), Some(1));
    }
}
