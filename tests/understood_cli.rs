//! Saying what was understood, run as a user would: a place taken far from what was
//! likely meant and an unknown `--country` are warnings; `extract` reads a piped stdin;
//! `--since`/`--until` take ACLED's dates too; `-q` drops the summary; `incimap score`
//! measures events against gold files with the project's rules.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{bin, root, run, stderr, stdout};

fn seeds() -> String {
    root().join("seeds").to_str().unwrap().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The seeds extracted once into `dir`.
fn extracted(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("events.geojson");
    let out = run(&["extract", &seeds(), "-o", s(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    path
}

#[test]
fn a_place_far_from_what_was_likely_meant_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let events = extracted(dir.path());
    let out = run(&["near", "Atlantis", "--radius", "100km", s(&events)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: Atlantis was taken for Atlantis (Western Cape, ZA) (the name also means Atlantis (Florida, US)), and the nearest event is"),
        "{err}"
    );
    let out = run(&["nearest", "Atlantis", "-k", "1", s(&events)]);
    assert!(
        stderr(&out).contains("warning: Atlantis was taken for"),
        "{}",
        stderr(&out)
    );
    // A place near the events, with one meaning, says nothing of the kind.
    for args in [
        ["near", "Kati", "--radius", "100km"],
        ["near", "Kati", "--radius", "1km"],
        ["nearest", "Kati", "-k", "1"],
    ] {
        let mut args = args.to_vec();
        args.push(s(&events));
        let out = run(&args);
        assert!(
            !stderr(&out).contains("warning"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn an_unknown_country_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let events = extracted(dir.path());
    let out = run(&[
        "within",
        "--bbox",
        "-12,10,5,20",
        "--country",
        "ZZ",
        s(&events),
    ]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("warning: --country ZZ: no country has this code or name"),
        "{}",
        stderr(&out)
    );
    for known in ["ML", "Mali"] {
        let out = run(&[
            "within",
            "--bbox",
            "-12,10,5,20",
            "--country",
            known,
            s(&events),
        ]);
        assert!(
            !stderr(&out).contains("warning"),
            "{known}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn extract_reads_a_piped_stdin_when_no_path_is_given() {
    let text = std::fs::read(root().join("seeds/000_391ef576e53338a5.txt")).unwrap();
    let mut child = Command::new(bin())
        .arg("extract")
        .env(
            "INCIMAP_DATA_DIR",
            root().join("target/no-installed-gazetteers"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let piped = child.wait_with_output().unwrap();
    assert!(piped.status.success(), "{}", stderr(&piped));
    let named = run(&["extract", s(&root().join("seeds/000_391ef576e53338a5.txt"))]);
    let features = |o: &std::process::Output| {
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        doc["features"].as_array().unwrap().len()
    };
    assert!(features(&piped) > 0);
    assert_eq!(features(&piped), features(&named));
    assert!(stdout(&piped).contains("\"sources\":\"stdin\""));
}

#[test]
fn since_and_until_take_the_date_forms_of_the_readme() {
    let dir = tempfile::tempdir().unwrap();
    let events = extracted(dir.path());
    let ids = |args: &[&str]| {
        let mut all = vec![
            "within",
            "--bbox",
            "-180,-90,180,90",
            s(&events),
            "-f",
            "csv",
        ];
        all.extend_from_slice(args);
        let out = run(&all);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let iso = ids(&["--since", "2019-11-01", "--until", "2019-11-07"]);
    assert_eq!(
        ids(&["--since", "1 November 2019", "--until", "November 7, 2019"]),
        iso
    );
    // The header and the seeds' three events of that week (Indelimane, Andéramboukane and
    // the Gao road bomb, dated by the story's day).
    assert_eq!(iso.lines().count(), 4, "{iso}");
    let bad = run(&[
        "within",
        "--bbox",
        "-12,10,5,20",
        "--since",
        "soon",
        s(&events),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("'soon' is not a date"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn quiet_drops_the_summary_but_not_the_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["extract", "-q", &seeds(), &seeds()]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(!err.contains("articles read"), "{err}");
    assert!(err.contains("given twice"), "{err}");
    let events = extracted(dir.path());
    let out = run(&["near", "Kati", "--radius", "100km", s(&events), "-q"]);
    assert!(!stderr(&out).contains("within 100 km"), "{}", stderr(&out));
    let loud = run(&["near", "Kati", "--radius", "100km", s(&events)]);
    assert!(stderr(&loud).contains("within 100 km"), "{}", stderr(&loud));
}

/// The strict F1 on the last line of `incimap score`'s report.
fn strict_f1(report: &str) -> f64 {
    let last = report.lines().last().unwrap();
    assert!(last.starts_with("strict F1"), "{report}");
    last.split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
fn score_measures_events_against_gold_with_the_projects_rules() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("dev.geojson");
    let corpus = root().join("tests/corpus/dev");
    let out = run(&["extract", s(&corpus.join("articles")), "-o", s(&events)]);
    assert!(out.status.success());
    let scored = run(&["score", s(&events), s(&corpus.join("gold"))]);
    assert!(scored.status.success(), "{}", stderr(&scored));
    let report = stdout(&scored);
    // The library's score of the same events (tests/corpus_score.rs uses it too).
    let doc: geojson::FeatureCollection =
        std::fs::read_to_string(&events).unwrap().parse().unwrap();
    let predictions: Vec<_> = doc
        .features
        .iter()
        .filter_map(incimap::score::Prediction::from_feature)
        .collect();
    let gold = incimap::score::read_gold(&corpus.join("gold")).unwrap();
    let expected = incimap::score::score(&predictions, &gold);
    assert!(expected.strict_f1 >= 0.75, "{expected:?}");
    assert!(
        (strict_f1(&report) - expected.strict_f1).abs() < 5e-4,
        "{report}"
    );
    assert!(
        report.contains(&format!("precision        {:.3}", expected.precision)),
        "{report}"
    );
    // Events that find nothing score 0, every required event missed.
    let none = dir.path().join("none.geojson");
    std::fs::write(&none, r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
    let zero = stdout(&run(&["score", s(&none), s(&corpus.join("gold"))]));
    assert_eq!(strict_f1(&zero), 0.0);
    assert_eq!(
        zero.lines().filter(|l| l.starts_with("MISS ")).count(),
        expected.required
    );
}

#[test]
fn a_bad_gold_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let events = extracted(dir.path());
    let gold = dir.path().join("gold");
    std::fs::create_dir(&gold).unwrap();
    std::fs::write(
        gold.join("a.json"),
        r#"{"article": "a.txt", "events": [{"lat": "north"}]}"#,
    )
    .unwrap();
    let out = run(&["score", s(&events), s(&gold)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("a.json:1:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a gold file"), "{}", stderr(&out));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = run(&["score", s(&events), s(&empty)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no gold file"), "{}", stderr(&out));
}
