//! Extracts every corpus the project has (the seeds, `dev`, `dev2`, `dev-fr`) and compares
//! what comes out with the last accepted output in `tests/snapshots/`, one line per event
//! (sources, place, point, date, type, tolls) and a line of counts. A change of behaviour
//! then shows as a difference, and is made deliberate by accepting it:
//!
//!     INCIMAP_ACCEPT=1 cargo test --release --test corpus_snapshot
//!
//! rewrites the snapshots; the difference is then reviewed in `git diff` and committed
//! with the change that caused it.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use incimap::event::Event;
use incimap::gazetteer::Gazetteer;
use incimap::io::articles;
use incimap::pipeline::{run, RunOptions};

fn range(best: Option<u64>, low: Option<u64>, high: Option<u64>) -> String {
    match best {
        None => "-".into(),
        Some(b) if low == high && low == Some(b) => b.to_string(),
        Some(b) => format!(
            "{b} [{}-{}]",
            low.map_or("?".into(), |v| v.to_string()),
            high.map_or("?".into(), |v| v.to_string())
        ),
    }
}

fn line(e: &Event) -> String {
    format!(
        "{} | {} ({}, {}) p{} {:.3},{:.3} | {} | {} / {} | killed {} | injured {} | confidence {:.1}",
        e.sources.join(","),
        e.location,
        e.admin1,
        e.country_code,
        e.geo_precision,
        e.latitude,
        e.longitude,
        e.event_date.as_deref().unwrap_or("-"),
        e.event_type,
        e.sub_event_type,
        range(e.fatalities, e.fatalities_low, e.fatalities_high),
        range(e.injuries, e.injuries_low, e.injuries_high),
        e.confidence,
    )
}

/// The snapshot text of one folder of articles.
fn render(dir: &Path) -> String {
    let gaz = Gazetteer::default_only().expect("the default gazetteer");
    let sources = articles::collect(&[dir.to_path_buf()], articles::Walk::default())
        .expect("the corpus folder")
        .sources;
    let (fused, summary) = run(&sources, &gaz, &RunOptions::default(), &|| {});
    let events = fused.events;
    let mut lines: Vec<String> = events.iter().map(line).collect();
    lines.sort();
    let mut out = format!(
        "# {} articles, {} incidents, {} events, {} dropped for want of a place, {} for want of a day and a toll\n",
        summary.articles,
        summary.incidents,
        events.len(),
        summary.dropped_without_place,
        summary.dropped_vague
    );
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    out
}

/// The lines of `old` missing from `new` (-) and the lines of `new` missing from `old` (+).
fn difference(old: &str, new: &str) -> String {
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (old.lines().collect(), new.lines().collect());
    let mut out = String::new();
    for l in &old_lines {
        if !new_lines.contains(l) {
            let _ = writeln!(out, "- {l}");
        }
    }
    for l in &new_lines {
        if !old_lines.contains(l) {
            let _ = writeln!(out, "+ {l}");
        }
    }
    out
}

fn check(corpus: &str, articles: &str) {
    let root = common::root();
    let now = render(&root.join(articles));
    let path = root.join("tests/snapshots").join(format!("{corpus}.txt"));
    if std::env::var_os("INCIMAP_ACCEPT").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("the snapshot folder");
        std::fs::write(&path, &now).expect("the snapshot is written");
        return;
    }
    let accepted = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        accepted == now,
        "{corpus}: extraction differs from {} (accept with INCIMAP_ACCEPT=1 once reviewed):\n{}",
        path.display(),
        difference(&accepted, &now)
    );
}

#[test]
fn seeds_as_accepted() {
    check("seeds", "seeds");
}

#[test]
fn dev_as_accepted() {
    check("dev", "tests/corpus/dev/articles");
}

#[test]
fn dev2_as_accepted() {
    check("dev2", "tests/corpus/dev2/articles");
}

#[test]
fn dev_fr_as_accepted() {
    check("dev-fr", "tests/corpus/dev-fr/articles");
}
