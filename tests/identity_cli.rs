//! One identity per article and per event, run as a user would: an article read twice
//! (the same folder twice, one text under two names, a story pasted twice) counts once
//! with a warning; folders are walked with loop detection, links followed only with
//! `--follow`, extensions in any case, a warning for a folder with no article; `sources`
//! names a file by its path under the folder given; event ids do not change when files
//! are renamed or when a co-report joins.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{root, run, stderr};

fn seeds() -> String {
    root().join("seeds").to_str().unwrap().to_string()
}

/// The features of a run's GeoJSON output.
fn features(out: &std::process::Output) -> Vec<serde_json::Value> {
    assert!(out.status.success(), "{}", stderr(out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["features"].as_array().unwrap().clone()
}

fn ids(features: &[serde_json::Value]) -> Vec<String> {
    features
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn no_duplicate_ids(features: &[serde_json::Value]) {
    let all = ids(features);
    let distinct: BTreeSet<&String> = all.iter().collect();
    assert_eq!(distinct.len(), all.len(), "duplicate ids: {all:?}");
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_folder_given_twice_is_read_once_with_a_warning() {
    let once = run(&["extract", &seeds()]);
    let twice = run(&["extract", &seeds(), &seeds()]);
    assert_eq!(once.stdout, twice.stdout);
    assert!(
        stderr(&twice).contains("given twice; read once"),
        "{}",
        stderr(&twice)
    );
    no_duplicate_ids(&features(&twice));
}

#[test]
fn one_text_under_two_names_is_read_once_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(root().join("seeds/000_391ef576e53338a5.txt")).unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::write(dir.path().join("a/report.txt"), &text).unwrap();
    std::fs::write(dir.path().join("copy.txt"), &text).unwrap();
    let out = run(&["extract", path(dir.path())]);
    let err = stderr(&out);
    assert!(
        err.contains("copy.txt: the same text as a/report.txt; read once"),
        "{err}"
    );
    assert!(err.contains("1 articles read"), "{err}");
    let fs = features(&out);
    no_duplicate_ids(&fs);
    for f in &fs {
        assert_eq!(f["properties"]["sources"], "a/report.txt", "{f}");
    }
}

#[test]
fn a_story_pasted_twice_in_one_file_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let story =
        "Gunmen killed 12 villagers in Indelimane, Mali on 1 November 2019, officials said.";
    let file = dir.path().join("pasted.txt");
    std::fs::write(&file, format!("{story}\n\n{story}\n")).unwrap();
    let once = dir.path().join("once.txt");
    std::fs::write(&once, format!("{story}\n")).unwrap();
    let out = run(&["extract", path(&file)]);
    assert!(
        stderr(&out).contains("(line 3 repeats line 1); read once"),
        "{}",
        stderr(&out)
    );
    let fs = features(&out);
    assert_eq!(fs.len(), 1, "{fs:?}");
    let single = features(&run(&["extract", path(&once)]));
    assert_eq!(single.len(), 1);
    assert_eq!(
        fs[0]["properties"]["fatalities"],
        single[0]["properties"]["fatalities"]
    );
}

#[test]
fn sources_name_files_by_their_path_under_the_folder_given() {
    let dir = tempfile::tempdir().unwrap();
    for (sub, name) in [
        ("mali", "000_391ef576e53338a5.txt"),
        ("niger", "001_4a4f2ddd6b6ee95b.txt"),
    ] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(
            root().join("seeds").join(name),
            dir.path().join(sub).join("report.txt"),
        )
        .unwrap();
    }
    let fs = features(&run(&["extract", path(dir.path())]));
    let sources: BTreeSet<String> = fs
        .iter()
        .flat_map(|f| {
            f["properties"]["sources"]
                .as_str()
                .unwrap()
                .split("; ")
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        sources,
        BTreeSet::from([
            "mali/report.txt".to_string(),
            "niger/report.txt".to_string()
        ])
    );
}

#[test]
fn extensions_count_in_any_case_and_a_folder_without_articles_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("seeds/000_391ef576e53338a5.txt"),
        dir.path().join("REPORT.TXT"),
    )
    .unwrap();
    let out = run(&["extract", path(dir.path())]);
    assert!(!features(&out).is_empty());
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("page.html"), "<p>Gunmen killed 3.</p>").unwrap();
    let out = run(&["extract", path(empty.path())]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("no article in it (.txt or .md files; 1 other file(s))"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn links_are_followed_only_when_asked_and_a_loop_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("inner");
    std::fs::create_dir(&inner).unwrap();
    std::fs::copy(
        root().join("seeds/000_391ef576e53338a5.txt"),
        inner.join("report.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), inner.join("loop")).unwrap();
    let plain = run(&["extract", path(dir.path())]);
    assert!(
        stderr(&plain).contains("1 symbolic link(s) not followed"),
        "{}",
        stderr(&plain)
    );
    assert!(
        stderr(&plain).contains("1 articles read"),
        "{}",
        stderr(&plain)
    );
    let followed = run(&["extract", "--follow", path(dir.path())]);
    let err = stderr(&followed);
    assert!(err.contains("a link back to"), "{err}");
    assert!(err.contains("1 articles read"), "{err}");
    assert_eq!(plain.stdout, followed.stdout);
}

#[test]
fn ids_do_not_change_when_files_are_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let mut names: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    // New names in the reverse order, so that the articles are also read in another order.
    for (i, p) in names.iter().enumerate() {
        let renamed = dir
            .path()
            .join(format!("{:03}_renamed.txt", names.len() - i));
        std::fs::copy(p, renamed).unwrap();
    }
    let before: BTreeSet<String> = ids(&features(&run(&["extract", &seeds()])))
        .into_iter()
        .collect();
    let after: BTreeSet<String> = ids(&features(&run(&["extract", path(dir.path())])))
        .into_iter()
        .collect();
    assert_eq!(before, after);
}

#[test]
fn an_event_keeps_its_id_when_co_reports_join() {
    // Three seed articles report the Indelimane attack.
    let files = [
        "000_391ef576e53338a5.txt",
        "001_4a4f2ddd6b6ee95b.txt",
        "003_79f011f0f223f87e.txt",
    ];
    let seed = |n: &str| root().join("seeds").join(n).to_str().unwrap().to_string();
    let indelimane = |args: &[String]| -> (String, usize) {
        let mut all = vec!["extract".to_string()];
        all.extend(args.iter().cloned());
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let fs = features(&run(&all));
        let f = fs
            .iter()
            .find(|f| f["properties"]["location"] == "Indelimane")
            .expect("the Indelimane event");
        (
            f["id"].as_str().unwrap().to_string(),
            f["properties"]["source_count"].as_u64().unwrap() as usize,
        )
    };
    let (joined, count) = indelimane(&files.map(seed));
    assert_eq!(count, 3);
    // The id is that of one article read alone (the earliest report)...
    let alone: Vec<String> = files.iter().map(|f| indelimane(&[seed(f)]).0).collect();
    let earliest = alone
        .iter()
        .position(|id| *id == joined)
        .unwrap_or_else(|| panic!("{joined} is none of {alone:?}"));
    // ...and stays so whichever co-report joins it.
    for (i, other) in files.iter().enumerate() {
        if i != earliest {
            let (id, count) = indelimane(&[seed(files[earliest]), seed(other)]);
            assert_eq!(count, 2);
            assert_eq!(id, joined, "with {other}");
        }
    }
}

#[test]
fn an_article_pasted_twice_in_one_file_gives_its_events_once() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join("seeds/001_4a4f2ddd6b6ee95b.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    let pasted = dir.path().join("pasted.txt");
    std::fs::write(&pasted, format!("{text}\n\n{text}")).unwrap();
    let out = run(&["extract", path(&pasted)]);
    assert!(
        stderr(&out).contains("repeat earlier ones word for word"),
        "{}",
        stderr(&out)
    );
    let twice = features(&out);
    let once = features(&run(&["extract", path(&seed)]));
    assert_eq!(twice.len(), once.len(), "{twice:?}");
}
