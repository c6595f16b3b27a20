//! Scores the extractor against the gold corpora with the project's scoring rules
//! ([`incimap::score`], those of `incimap score` and `shared/tools/score.py`).

mod common;

use std::path::Path;

use incimap::event::Event;
use incimap::gazetteer::Gazetteer;
use incimap::io::articles;
use incimap::pipeline::{run, RunOptions};
use incimap::score::{read_gold, Prediction, Score};

fn score(events: &[Event], gold_dir: &Path) -> Score {
    let predictions: Vec<Prediction> = events.iter().map(Prediction::from_event).collect();
    incimap::score::score(&predictions, &read_gold(gold_dir).unwrap())
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
