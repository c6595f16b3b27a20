//! Scoring extracted events against gold annotations, with the rules of the project's
//! scorer (`score.py`): article by article, a predicted event that lists the article
//! among its sources can match one gold event of it when its point lies within the gold
//! event's `tolerance_km` (25 when absent); pairs are taken cheapest first (distance plus
//! 10 km per day of date difference, at most 30 days; equal costs to a required event
//! before an optional one, then to the pair whose toll agrees), one to one. A match's
//! date is right when the gold date is null or the predicted date is within
//! `date_window_days` (1 when absent); its toll when the gold range is null or holds it.
//! Precision counts predicted (event, article) pairs that matched; recall counts
//! required gold events; strict recall those whose date and toll are both right.
//!
//! A gold file is one JSON object per article: `{"article": "name.txt", "events": [{"key",
//! "lat", "lon", "tolerance_km", "date", "date_window_days", "fatalities_low",
//! "fatalities_high", "required"}, ...]}`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::event::Event;

/// What the scorer needs of a predicted event.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// The articles it was read from (matched by file name: a path's folders aside).
    pub sources: Vec<String>,
    /// Its date.
    pub date: Option<NaiveDate>,
    /// Its death toll.
    pub fatalities: Option<u64>,
}

impl Prediction {
    /// The prediction an extracted event makes.
    pub fn from_event(e: &Event) -> Prediction {
        Prediction {
            lat: e.latitude,
            lon: e.longitude,
            sources: e.sources.clone(),
            date: e.event_date.as_deref().and_then(parse_date),
            fatalities: e.fatalities,
        }
    }

    /// The prediction a GeoJSON feature makes (a Point with incimap's properties:
    /// `sources` joined by `; ` or a list, `event_date`, `fatalities`); None for a feature
    /// that is not a point.
    ///
    /// ```
    /// let f: geojson::Feature = serde_json::from_str(r#"{"type":"Feature",
    ///   "geometry":{"type":"Point","coordinates":[1.5,15.8]},
    ///   "properties":{"sources":"a.txt; b/c.txt","event_date":"2019-11-01","fatalities":49}}"#).unwrap();
    /// let p = incimap::score::Prediction::from_feature(&f).unwrap();
    /// assert_eq!(p.sources, ["a.txt", "b/c.txt"]);
    /// assert_eq!(p.fatalities, Some(49));
    /// ```
    pub fn from_feature(f: &geojson::Feature) -> Option<Prediction> {
        let geojson::GeometryValue::Point { coordinates: c } = &f.geometry.as_ref()?.value else {
            return None;
        };
        let property = |k: &str| f.properties.as_ref().and_then(|p| p.get(k));
        let sources = match property("sources") {
            Some(serde_json::Value::String(s)) => s
                .split([';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            Some(serde_json::Value::Array(list)) => list
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from))
                .collect(),
            _ => Vec::new(),
        };
        Some(Prediction {
            lon: *c.as_slice().first()?,
            lat: *c.as_slice().get(1)?,
            sources,
            date: property("event_date")
                .and_then(|v| v.as_str())
                .and_then(parse_date),
            fatalities: property("fatalities").and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            }),
        })
    }

    /// True when it lists the article (by file name).
    fn lists(&self, article: &str) -> bool {
        self.sources
            .iter()
            .any(|s| s == article || Path::new(s).file_name().is_some_and(|n| n == article))
    }
}

/// A date as gold files and events write it (a time after the day is ignored).
fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// One gold event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldEvent {
    /// Its name in the gold file.
    #[serde(default)]
    pub key: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// How far a prediction may lie, km.
    #[serde(default = "default_tolerance")]
    pub tolerance_km: f64,
    /// Its date, if known.
    #[serde(default)]
    pub date: Option<String>,
    /// How many days a predicted date may be off.
    #[serde(default = "default_window")]
    pub date_window_days: i64,
    /// The lowest right toll.
    #[serde(default)]
    pub fatalities_low: Option<f64>,
    /// The highest right toll.
    #[serde(default)]
    pub fatalities_high: Option<f64>,
    /// False for an event a prediction may find but need not.
    #[serde(default = "default_required")]
    pub required: bool,
}

fn default_tolerance() -> f64 {
    25.0
}

fn default_window() -> i64 {
    1
}

fn default_required() -> bool {
    true
}

/// The gold events of one article.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldArticle {
    /// The article's file name.
    pub article: String,
    /// Its events.
    pub events: Vec<GoldEvent>,
}

/// Reads every `.json` file of a folder as a gold article, in file name order. A file
/// that is not one is an error naming it.
pub fn read_gold(dir: &Path) -> anyhow::Result<Vec<GoldArticle>> {
    let entries = std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        anyhow::bail!("{}: no gold file (.json) in it", dir.display());
    }
    files
        .iter()
        .map(|f| {
            let text = std::fs::read(f).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
            serde_json::from_slice(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}:{}:{}: not a gold file: {e}",
                    f.display(),
                    e.line(),
                    e.column()
                )
            })
        })
        .collect()
}

/// How predictions fare against gold.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Required gold events.
    pub required: usize,
    /// Predicted (event, article) pairs.
    pub pairs: usize,
    /// Matched pairs over predicted pairs.
    pub precision: f64,
    /// Matched required events over required events.
    pub recall: f64,
    /// Required events matched with the right date and toll, over required events.
    pub strict_recall: f64,
    /// The harmonic mean of precision and recall.
    pub f1: f64,
    /// The harmonic mean of precision and strict recall.
    pub strict_f1: f64,
    /// The required gold events not matched, as "article: key".
    pub missed_required: Vec<String>,
}

fn in_range(value: Option<u64>, low: Option<f64>, high: Option<f64>) -> bool {
    if low.is_none() && high.is_none() {
        return true;
    }
    let Some(v) = value else { return false };
    let v = v as f64;
    !(low.is_some_and(|l| v < l) || high.is_some_and(|h| v > h))
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores predictions against gold articles (see the module's rules).
///
/// ```
/// use incimap::score::{score, GoldArticle, GoldEvent, Prediction};
/// let gold: GoldArticle = serde_json::from_str(r#"{"article":"a.txt","events":[
///   {"key":"k","lat":15.8,"lon":1.5,"date":"2019-11-01","fatalities_low":49,"fatalities_high":54}]}"#).unwrap();
/// let p = Prediction { lat: 15.81, lon: 1.52, sources: vec!["news/a.txt".into()],
///   date: chrono::NaiveDate::from_ymd_opt(2019, 11, 2), fatalities: Some(49) };
/// let s = score(&[p], &[gold]);
/// assert_eq!((s.precision, s.recall, s.strict_f1), (1.0, 1.0, 1.0));
/// ```
pub fn score(predictions: &[Prediction], gold: &[GoldArticle]) -> Score {
    let (mut required, mut matched_required, mut strict_required) = (0usize, 0usize, 0usize);
    let (mut pairs_total, mut pairs_right) = (0usize, 0usize);
    let mut missed = Vec::new();
    for g in gold {
        let mine: Vec<usize> = (0..predictions.len())
            .filter(|&i| predictions[i].lists(&g.article))
            .collect();
        pairs_total += mine.len();
        let mut pairs = Vec::new();
        for (gi, e) in g.events.iter().enumerate() {
            for &pi in &mine {
                let p = &predictions[pi];
                let d = crate::distance::haversine_km(e.lat, e.lon, p.lat, p.lon);
                if d <= e.tolerance_km {
                    let days = match (e.date.as_deref().and_then(parse_date), p.date) {
                        (Some(a), Some(b)) => (a - b).num_days().abs(),
                        (Some(_), None) => 9999,
                        _ => 0,
                    };
                    let toll_off = !in_range(p.fatalities, e.fatalities_low, e.fatalities_high);
                    pairs.push((
                        d + 10.0 * days.min(30) as f64,
                        !e.required,
                        toll_off,
                        gi,
                        pi,
                    ));
                }
            }
        }
        pairs.sort_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
                .then(a.4.cmp(&b.4))
        });
        let (mut used_g, mut used_p) = (HashSet::new(), HashSet::new());
        let mut matched = HashMap::new();
        for (_, _, _, gi, pi) in pairs {
            if used_g.contains(&gi) || used_p.contains(&pi) {
                continue;
            }
            used_g.insert(gi);
            used_p.insert(pi);
            matched.insert(gi, pi);
        }
        pairs_right += used_p.len();
        for (gi, e) in g.events.iter().enumerate() {
            required += usize::from(e.required);
            let Some(&pi) = matched.get(&gi) else {
                if e.required {
                    missed.push(format!("{}: {}", g.article, e.key));
                }
                continue;
            };
            let p = &predictions[pi];
            let date_ok = match e.date.as_deref().and_then(parse_date) {
                None => true,
                Some(gd) => p
                    .date
                    .is_some_and(|pd| (gd - pd).num_days().abs() <= e.date_window_days),
            };
            let toll_ok = in_range(p.fatalities, e.fatalities_low, e.fatalities_high);
            if e.required {
                matched_required += 1;
                strict_required += usize::from(date_ok && toll_ok);
            }
        }
    }
    let precision = ratio(pairs_right, pairs_total);
    let recall = ratio(matched_required, required);
    let strict_recall = ratio(strict_required, required);
    Score {
        required,
        pairs: pairs_total,
        precision,
        recall,
        strict_recall,
        f1: f1(precision, recall),
        strict_f1: f1(precision, strict_recall),
        missed_required: missed,
    }
}
