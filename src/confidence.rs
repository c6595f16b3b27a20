//! The calibrated confidence of an event: the probability that it is a real incident of
//! its articles, placed within the usual tolerance. A logistic model over a few features
//! of how the event was read (how its place was linked, how precise it is and of what
//! kind, whether the clause that told it names its day, whether the clause speaks of a
//! statement, how far the article's other events lie, whether it is a strike and its
//! attacker is named, whether it is told in the lead and told again), with weights fitted on the development sets by
//! `lexicon/weights/fit_confidence.py` and shipped in `lexicon/weights/confidence.tsv`,
//! each with why it is weighed; the features without a weight there are printed by
//! `--explain` but weigh nothing, having added nothing held out. The README shows its
//! reliability table.
//!
//! ```
//! use incimap::confidence::{probability, Signals};
//! let strong = Signals { own_place: true, own_date: true, attacker: true, corroborated: true, toll: true, tellings: 3, sources: 2, ..Signals::default() };
//! let weak = Signals { inherited_place: true, precision: 3, ..Signals::default() };
//! assert!(probability(&strong.features()) > probability(&weak.features()));
//! ```

use std::sync::OnceLock;

/// What an event's confidence is read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    /// 1 the place itself, 2 near it or part of it, 3 only its region (0: unknown).
    pub precision: u8,
    /// The place is where a clause says it happened ("in X").
    pub own_place: bool,
    /// The place is a reference point ("40 km from X").
    pub reference_place: bool,
    /// The place was lent by the paragraph or section.
    pub inherited_place: bool,
    /// The place is "the town" referred back to.
    pub back_reference: bool,
    /// The place was learned from the article's words, not found in the gazetteer.
    pub learned_place: bool,
    /// The place lies in one of the article's main countries.
    pub home: bool,
    /// Other places the clause itself named, which lost.
    pub rivals: usize,
    /// A day was found.
    pub dated: bool,
    /// The clause that dated it names the day itself ("on Tuesday", "le 4 janvier"),
    /// rather than taking the paragraph's or section's: an incident told as it happened,
    /// not one mentioned in passing. Read whether or not the day resolved to a date.
    pub own_date: bool,
    /// A death toll was found.
    pub toll: bool,
    /// Tellings it was assembled from, over all articles.
    pub tellings: usize,
    /// Articles that report it.
    pub sources: usize,
    /// Told in the headline or the first paragraphs.
    pub lede: bool,
    /// Another clause tells it again at the same place (and day, when it has one): an
    /// incident the article comes back to, not one named in passing.
    pub corroborated: bool,
    /// A protest, riot or strategic development.
    pub civic: bool,
    /// An explosion or remote violence (a bombing, an air or drone strike, shelling):
    /// told at the place struck, which the text names.
    pub strike: bool,
    /// The text says who did it (an armed group, an army, protesters): the clause tells an
    /// attack, not a death or a place mentioned beside one.
    pub attacker: bool,
    /// The article is in French.
    pub french: bool,
    /// The place is a national capital (often where someone spoke, not where it happened).
    pub capital: bool,
    /// The place's population (0 unknown).
    pub population: u32,
    /// The article's first paragraph names the place too.
    pub headline: bool,
    /// How many incidents the lead article gave.
    pub article_incidents: usize,
    /// An event word that marks an incident on its own ("attacked", "ambush").
    pub strong_word: bool,
    /// Its rank among the lead article's incidents by where it is first told (0 first).
    pub rank: usize,
    /// The place's name matched the text only loosely (a respelling, a transliteration).
    pub fuzzy_name: bool,
    /// The text names the place by another of its names than its own ("Tombouctou").
    pub alias_name: bool,
    /// Another event of one of its articles lies within 25 km.
    pub twin: bool,
    /// The clause that told it first has a speech cue ("said", "in a statement"): it may
    /// tell where someone spoke of an incident rather than where one happened.
    pub speech: bool,
    /// Its articles give other events, all more than [`APART_KM`] away: events of one
    /// article close together are more often one incident told twice, or an incident and
    /// a town named beside it, than ones far apart (a digest's separate incidents).
    pub apart: bool,
    /// The place is a town, village, camp or post, not a capital, a seat of government
    /// or a division: the kind of place an incident is told at.
    pub local_place: bool,
}

/// How far an event lies from every other event of its articles to be [`Signals::apart`].
pub const APART_KM: f64 = 150.0;

impl Signals {
    /// The feature values, by name: what the weights file weighs.
    pub fn features(&self) -> Vec<(&'static str, f64)> {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        vec![
            ("bias", 1.0),
            ("precision2", flag(self.precision == 2)),
            ("precision3", flag(self.precision >= 3)),
            ("own_place", flag(self.own_place)),
            ("reference_place", flag(self.reference_place)),
            ("inherited_place", flag(self.inherited_place)),
            ("back_reference", flag(self.back_reference)),
            ("learned_place", flag(self.learned_place)),
            ("home", flag(self.home)),
            ("rivals", self.rivals.min(3) as f64 / 3.0),
            ("dated", flag(self.dated)),
            ("own_date", flag(self.own_date)),
            ("toll", flag(self.toll)),
            ("tellings", (self.tellings as f64).ln_1p()),
            ("sources", (self.sources.max(1) as f64).ln()),
            ("lede", flag(self.lede)),
            ("corroborated", flag(self.corroborated)),
            ("civic", flag(self.civic)),
            ("strike", flag(self.strike)),
            ("attacker", flag(self.attacker)),
            ("french", flag(self.french)),
            ("capital", flag(self.capital)),
            (
                "population",
                (f64::from(self.population) + 1.0).log10() / 7.0,
            ),
            ("headline", flag(self.headline)),
            ("article_incidents", (self.article_incidents as f64).ln_1p()),
            ("strong_word", flag(self.strong_word)),
            ("later", self.rank.min(4) as f64 / 4.0),
            ("fuzzy_name", flag(self.fuzzy_name)),
            ("alias_name", flag(self.alias_name)),
            ("twin", flag(self.twin)),
            ("speech", flag(self.speech)),
            ("apart", flag(self.apart)),
            ("local_place", flag(self.local_place)),
        ]
    }
}

/// The weights of the shipped model, by feature name (the file's first two columns; the
/// third says why); a feature without a weight weighs 0.
fn weights() -> &'static [(String, f64)] {
    static W: OnceLock<Vec<(String, f64)>> = OnceLock::new();
    W.get_or_init(|| {
        include_str!("../lexicon/weights/confidence.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let name = cols.next()?.trim().to_string();
                let weight = cols.next()?.trim().parse().ok()?;
                Some((name, weight))
            })
            .collect()
    })
}

/// The weight of one feature.
pub fn weight(name: &str) -> f64 {
    weights()
        .iter()
        .find(|(n, _)| n == name)
        .map_or(0.0, |(_, w)| *w)
}

/// The model's probability for some feature values.
pub fn probability(features: &[(&str, f64)]) -> f64 {
    let z: f64 = features.iter().map(|(n, x)| weight(n) * x).sum();
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_weight_names_a_feature() {
        let known: Vec<&str> = Signals::default()
            .features()
            .iter()
            .map(|(n, _)| *n)
            .collect();
        for (name, w) in weights() {
            assert!(known.contains(&name.as_str()), "unknown feature {name}");
            assert!(w.is_finite());
        }
    }

    #[test]
    fn probabilities_lie_in_zero_one() {
        let p = probability(&Signals::default().features());
        assert!((0.0..=1.0).contains(&p));
    }
}
