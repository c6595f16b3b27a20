//! Scores the extractor against the gold corpora with the matching rules of
//! `shared/tools/score.py`: a prediction that lists the article can match one gold
//! event of it within the gold tolerance, pairs taken closest first (date-penalised),
//! one to one; dates within the window; tolls inside the gold range. Precision counts
//! predicted (event, article) pairs; recall counts required gold events.

mod common;

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use incimap::event::Event;
use incimap::gazetteer::Gazetteer;
use incimap::io::articles;
use incimap::pipeline::{run, RunOptions};
use serde_json::Value;

#[derive(Debug)]
struct Score {
    precision: f64,
    recall: f64,
    strict_f1: f64,
    missed_required: Vec<String>,
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str()
        .and_then(|s| NaiveDate::parse_from_str(&s[..s.len().min(10)], "%Y-%m-%d").ok())
}

fn in_range(value: Option<u64>, low: &Value, high: &Value) -> bool {
    if low.is_null() && high.is_null() {
        return true;
    }
    let Some(v) = value else { return false };
    let v = v as f64;
    !(low.as_f64().is_some_and(|l| v < l) || high.as_f64().is_some_and(|h| v > h))
}

fn score(events: &[Event], gold_dir: &Path) -> Score {
    let (mut req_total, mut req_matched, mut req_strict, mut pair_total, mut pair_right) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut missed = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for file in files {
        let g: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let article = g["article"].as_str().unwrap();
        let mine: Vec<(usize, &Event)> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.sources.iter().any(|s| s == article))
            .collect();
        pair_total += mine.len();
        let gold = g["events"].as_array().unwrap();
        let mut pairs = Vec::new();
        for (gi, e) in gold.iter().enumerate() {
            for (pi, p) in &mine {
                let d = common::km(
                    e["lat"].as_f64().unwrap(),
                    e["lon"].as_f64().unwrap(),
                    p.latitude,
                    p.longitude,
                );
                if d <= e["tolerance_km"].as_f64().unwrap_or(25.0) {
                    let (gd, pd) = (
                        date(&e["date"]),
                        p.event_date
                            .as_deref()
                            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()),
                    );
                    let dd = match (gd, pd) {
                        (Some(a), Some(b)) => (a - b).num_days().abs(),
                        (Some(_), None) => 9999,
                        _ => 0,
                    };
                    // Equal costs go to a required event before an optional one, then to
                    // the pair whose toll agrees (as score.py does).
                    let optional = !e["required"].as_bool().unwrap_or(true);
                    let toll_off =
                        !in_range(p.fatalities, &e["fatalities_low"], &e["fatalities_high"]);
                    pairs.push((d + 10.0 * dd.min(30) as f64, optional, toll_off, gi, *pi));
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
        let mut matched = std::collections::HashMap::new();
        for (_, _, _, gi, pi) in pairs {
            if used_g.contains(&gi) || used_p.contains(&pi) {
                continue;
            }
            used_g.insert(gi);
            used_p.insert(pi);
            matched.insert(gi, pi);
        }
        pair_right += used_p.len();
        for (gi, e) in gold.iter().enumerate() {
            let required = e["required"].as_bool().unwrap_or(true);
            req_total += usize::from(required);
            let Some(pi) = matched.get(&gi) else {
                if required {
                    missed.push(format!("{article}: {}", e["key"]));
                }
                continue;
            };
            let p = &events[*pi];
            let window = e["date_window_days"].as_i64().unwrap_or(1);
            let date_ok = match date(&e["date"]) {
                None => true,
                Some(gd) => p
                    .event_date
                    .as_deref()
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                    .is_some_and(|pd| (gd - pd).num_days().abs() <= window),
            };
            let fat_ok = in_range(p.fatalities, &e["fatalities_low"], &e["fatalities_high"]);
            if required {
                req_matched += 1;
                req_strict += usize::from(date_ok && fat_ok);
            }
        }
    }
    let f1 = |p: f64, r: f64| {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    let precision = if pair_total > 0 {
        pair_right as f64 / pair_total as f64
    } else {
        0.0
    };
    let recall = if req_total > 0 {
        req_matched as f64 / req_total as f64
    } else {
        0.0
    };
    let strict_recall = if req_total > 0 {
        req_strict as f64 / req_total as f64
    } else {
        0.0
    };
    Score {
        precision,
        recall,
        strict_f1: f1(precision, strict_recall),
        missed_required: missed,
    }
}

/// A figure rounded to three decimals, as score.py prints it.
fn rounded(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn extract(dir: &Path) -> Vec<Event> {
    let gaz = Gazetteer::default_only().unwrap();
    let sources = articles::collect(&[dir.to_path_buf()], articles::Walk::default())
        .unwrap()
        .sources;
    run(&sources, &gaz, &RunOptions::default(), &|| {}).0.events
}

#[test]
fn seeds_strict_f1_at_least_0_9_and_every_required_event_found() {
    let root = common::root();
    let s = score(
        &extract(&root.join("seeds")),
        &root.join("tests/corpus/seeds/gold"),
    );
    eprintln!("seeds: {s:?}");
    assert!(
        s.missed_required.is_empty(),
        "missed: {:?}",
        s.missed_required
    );
    assert!(s.strict_f1 >= 0.9, "seeds strict F1 {:.3}", s.strict_f1);
}

/// Issue 4 asks for strict F1 >= 0.75 on the development set.
#[test]
fn development_set_strict_f1_at_least_0_75() {
    let root = common::root();
    let s = score(
        &extract(&root.join("tests/corpus/dev/articles")),
        &root.join("tests/corpus/dev/gold"),
    );
    eprintln!("development set: {s:?}");
    assert!(
        s.strict_f1 >= 0.75,
        "development strict F1 {:.3}",
        s.strict_f1
    );
    assert!(
        s.precision >= 0.75 && s.recall >= 0.75,
        "precision {:.3} recall {:.3}",
        s.precision,
        s.recall
    );
}

/// The score of one corpus under `tests/corpus/`.
fn corpus(name: &str) -> Score {
    let root = common::root().join("tests/corpus").join(name);
    let s = score(&extract(&root.join("articles")), &root.join("gold"));
    eprintln!("{name}: {s:?}");
    s
}

/// `dev2` was written from real incidents and never tuned on; the stages issue asks that
/// no change bring it below where it stood (strict F1 0.373).
#[test]
fn second_development_set_no_lower_than_before() {
    let s = corpus("dev2");
    assert!(
        rounded(s.strict_f1) >= 0.373,
        "dev2 strict F1 {:.3}",
        s.strict_f1
    );
}

/// The French set (strict F1 0.259 when the stages issue was filed).
#[test]
fn french_set_no_lower_than_before() {
    let s = corpus("dev-fr");
    assert!(
        rounded(s.strict_f1) >= 0.259,
        "dev-fr strict F1 {:.3}",
        s.strict_f1
    );
}
