//! Outputs that are safe, run as a user would: a closed pipe ends quietly with exit 0,
//! an output that is an input is refused, an existing output keeps its mode, an
//! interrupted run leaves no temporary file, and one a killed run left is named.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{bin, root, run, stderr};

fn seeds() -> String {
    root().join("seeds").to_str().unwrap().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs incimap with stdout to a pipe of which `keep` bytes are read before it is closed;
/// returns the exit status and stderr.
fn closed_after(args: &[&str], keep: usize) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(bin())
        .args(args)
        .env_remove("INCIMAP_GAZETTEER")
        .env(
            "INCIMAP_DATA_DIR",
            root().join("target/no-installed-gazetteers"),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = vec![0u8; keep];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap(), err)
}

/// An events file of `n` points with long notes: large enough that writing it takes a
/// while.
fn many_events(path: &Path, n: usize) {
    let notes = "x".repeat(200);
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "{{\"type\":\"Feature\",\"id\":\"e{i}\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{},{}]}},\"properties\":{{\"event_date\":\"2024-01-01\",\"notes\":\"{notes}\"}}}}\n",
            (i % 360) as f64 - 179.5,
            (i % 170) as f64 - 84.5
        ));
    }
    std::fs::write(path, text).unwrap();
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".incimap-"))
        .collect()
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let (status, err) = closed_after(&["extract", &seeds()], 10);
    assert!(status.success(), "{status:?} {err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.geojsons");
    many_events(&events, 20_000);
    for args in [
        vec!["near", "0,0", "--radius", "20000km", s(&events)],
        vec!["convert", s(&events)],
        vec![
            "within",
            "--bbox",
            "-180,-90,180,90",
            s(&events),
            "-f",
            "table",
        ],
    ] {
        let (status, err) = closed_after(&args, 1);
        assert!(status.success(), "{args:?}: {status:?} {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.geojson");
    let out = run(&["extract", &seeds(), "-o", s(&events)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = std::fs::read(&events).unwrap();
    let same = dir.path().join(".").join("events.geojson");
    for args in [
        vec!["convert", s(&events), "-o", s(&same)],
        vec![
            "near",
            "Kati",
            "--radius",
            "100km",
            s(&events),
            "-o",
            s(&same),
        ],
        vec!["map", s(&events), "-o", s(&same)],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("the output is also an input"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&events).unwrap(), before, "{args:?}");
    }
    let article = dir.path().join("article.txt");
    std::fs::copy(root().join("seeds/000_391ef576e53338a5.txt"), &article).unwrap();
    let out = run(&["extract", s(&article), "-f", "geojson", "-o", s(&article)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the output is also an input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(&article).unwrap(),
        std::fs::read(root().join("seeds/000_391ef576e53338a5.txt")).unwrap()
    );
}

#[cfg(unix)]
#[test]
fn an_existing_output_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.geojson");
    std::fs::write(&events, "old").unwrap();
    std::fs::set_permissions(&events, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = run(&["extract", &seeds(), "-o", s(&events)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        events.metadata().unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(std::fs::read_to_string(&events)
        .unwrap()
        .contains("FeatureCollection"));
}

#[test]
fn a_temporary_file_left_by_a_killed_run_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".incimap-AbC123.tmp");
    std::fs::write(&stale, "half an output").unwrap();
    let out = run(&[
        "extract",
        &seeds(),
        "-o",
        s(&dir.path().join("events.geojson")),
    ]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(".incimap-AbC123.tmp: a temporary file left by an interrupted incimap run"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_removes_its_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("many.geojsons");
    let target = dir.path().join("out.geojson");
    // Runs `convert` and sends it `signal` once its temporary file is there.
    let interrupted = |signal: &str| {
        let mut child = Command::new(bin())
            .args(["convert", s(&events), "-o", s(&target)])
            .env(
                "INCIMAP_DATA_DIR",
                root().join("target/no-installed-gazetteers"),
            )
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while temporaries(dir.path()).is_empty() {
            if child.try_wait().unwrap().is_some() || started.elapsed().as_secs() > 60 {
                panic!("the run ended before its temporary file was seen");
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let killed = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        child.wait().unwrap()
    };
    for signal in ["-INT", "-TERM"] {
        many_events(&events, 200_000);
        let mut status = interrupted(signal);
        if status.success() {
            // On a loaded machine the run may end between the sight of its temporary
            // file and the signal: once more with four times the events.
            std::fs::remove_file(&target).unwrap();
            many_events(&events, 800_000);
            status = interrupted(signal);
        }
        assert_eq!(status.code(), Some(130), "{signal}: {status:?}");
        assert_eq!(temporaries(dir.path()), Vec::<String>::new(), "{signal}");
        assert!(!target.exists(), "{signal}");
    }
}
