//! Events files checked once, when read: a feature the writer could not repeat, a date
//! that is no day, a count that is no count, a slash date without an order, a separator
//! other than a comma, a bad polygon or a file cut under a query is an error naming the
//! file and the place, whatever the query asks.

mod common;

use std::path::{Path, PathBuf};

use common::{run, stderr};
use incimap::filter::EventFilter;
use incimap::io::events_in::{load_events, load_events_in_with, InputFormat, LoadOptions};
use incimap::io::fields::DateOrder;

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A FeatureCollection of a good point in Bamako and, on line 3, `bad`.
fn collection(bad: &str) -> String {
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n\
         {{\"type\":\"Feature\",\"id\":\"ok\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[-8.0,12.6]}},\"properties\":{{}}}},\n\
         {bad}]}}\n"
    )
}

fn point_with(member: &str) -> String {
    format!(
        "{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[-6.3,13.4]}},{member}}}"
    )
}

fn load_error(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "e.geojson", text.as_bytes());
    match load_events(&[path], InputFormat::Auto, &EventFilter::default()) {
        Ok(set) => panic!("accepted ({} points): {text}", set.points.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn features_the_writer_could_not_repeat_are_refused_at_their_line() {
    for (member, why) in [
        (r#""id":null,"properties":{}"#, r#""id" is null"#),
        (r#""id":true,"properties":{}"#, r#""id" is true or false"#),
        (r#""id":[1],"properties":{}"#, r#""id" is an array"#),
        (r#""id":"x","properties":[]"#, "properties"),
        (
            r#""id":"x","properties":{"note":"\ud800"}"#,
            "half a surrogate pair",
        ),
        (r#""id":"x","bbox":["a"],"properties":{}"#, "invalid type"),
    ] {
        let err = load_error(&collection(&point_with(member)));
        assert!(
            err.starts_with("e.geojson:3:") || err.contains("/e.geojson:3:"),
            "{member}: {err}"
        );
        assert!(err.contains(why), "{member}: {err}");
    }
    let untyped =
        r#"{"id":"x","geometry":{"type":"Point","coordinates":[-6.3,13.4]},"properties":{}}"#;
    assert!(load_error(&collection(untyped)).contains(r#"no "type": "Feature""#));
}

#[test]
fn dates_must_exist_and_counts_must_be_counts() {
    for (props, why) in [
        (
            r#"{"event_date":"2024-02-30"}"#,
            "event_date '2024-02-30' is no day of the calendar",
        ),
        (r#"{"event_date":"soon"}"#, "event_date 'soon' is no date"),
        (r#"{"event_date":20240201}"#, "is a number, not a date"),
        (r#"{"fatalities":-5}"#, "fatalities -5 is not a count"),
        (
            r#"{"fatalities":"many"}"#,
            "fatalities \"many\" is not a count",
        ),
        (r#"{"injuries":2.5}"#, "injuries 2.5 is not a count"),
        (
            r#"{"source_count":true}"#,
            "source_count true or false is not a count",
        ),
    ] {
        let err = load_error(&collection(&point_with(&format!(
            "\"id\":\"x\",\"properties\":{props}"
        ))));
        assert!(err.contains("e.geojson:3:1: feature x: "), "{props}: {err}");
        assert!(err.contains(why), "{props}: {err}");
    }
}

#[test]
fn the_verdict_does_not_depend_on_the_query() {
    let dir = tempfile::tempdir().unwrap();
    let text = collection(&point_with(r#""id":null,"properties":{"fatalities":0}"#));
    let path = write(dir.path(), "e.geojson", text.as_bytes());
    // Far from Bamako and filtered out: the bad feature is in no answer, and still an error.
    let far = run(&[
        "near",
        "-20,-20",
        "--radius",
        "10km",
        path.to_str().unwrap(),
    ]);
    let filtered = run(&[
        "near",
        "12.6,-8.0",
        "--radius",
        "20000km",
        "--min-fatalities",
        "5",
        path.to_str().unwrap(),
    ]);
    for out in [far, filtered] {
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("e.geojson:3:1: feature 1: \"id\" is null"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn invalid_utf8_anywhere_in_a_sequence_is_named_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = point_with(r#""id":"a","properties":{}"#).into_bytes();
    text.extend_from_slice(b"\n");
    text.extend_from_slice(br#"{"type":"Feature","id":"b","geometry":null,"properties":{"x":"caf"#);
    text.extend_from_slice(b"\xE9\"}}\n");
    let path = write(dir.path(), "e.geojsonl", &text);
    let err = load_events(&[path], InputFormat::Auto, &EventFilter::default())
        .err()
        .unwrap();
    assert!(
        err.to_string().contains("e.geojsonl:2:66: invalid UTF-8"),
        "{err}"
    );
}

#[test]
fn slash_dates_need_an_order() {
    let dir = tempfile::tempdir().unwrap();
    let text = collection(&point_with(
        r#""id":"x","properties":{"event_date":"03/04/2024"}"#,
    ));
    let path = write(dir.path(), "e.geojson", text.as_bytes());
    let p = path.to_str().unwrap();
    let refused = run(&["near", "12.6,-8.0", "--radius", "500km", p]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("give --date-order dmy or mdy"),
        "{}",
        stderr(&refused)
    );
    // 3 April day first, 4 March month first: --since 2024-03-15 keeps it only day first.
    let count = |order: &str| {
        let out = run(&[
            "near",
            "12.6,-8.0",
            "--radius",
            "500km",
            "--since",
            "2024-03-15",
            "--date-order",
            order,
            p,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["features"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count("dmy"), 1);
    assert_eq!(count("mdy"), 0);
    let bad = run(&["near", "12.6,-8.0", "--date-order", "ymd", p]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn a_semicolon_csv_is_read_and_another_separator_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let semi = write(
        dir.path(),
        "e.csv",
        b"id;event_date;fatalities;latitude;longitude\na;2024-03-01;3;12.6;-8.0\n",
    );
    let set = load_events(&[semi], InputFormat::Auto, &EventFilter::default()).unwrap();
    assert_eq!(set.points.len(), 1);
    assert_eq!(
        set.feature(&set.points[0]).unwrap().properties.unwrap()["fatalities"],
        3
    );
    let piped = write(dir.path(), "p.csv", b"id|latitude|longitude\na|12.6|-8.0\n");
    let err = load_events(&[piped], InputFormat::Auto, &EventFilter::default())
        .err()
        .unwrap();
    assert!(
        err.to_string()
            .contains("p.csv:1: one column only: the header seems separated by '|'"),
        "{err}"
    );
}

#[test]
fn csv_rows_are_checked_like_features() {
    let dir = tempfile::tempdir().unwrap();
    for (row, why) in [
        (
            "a,2024-02-30,1,12.6,-8.0",
            "e.csv:3: row a: event_date '2024-02-30' is no day of the calendar",
        ),
        (
            "a,2024-02-03,-5,12.6,-8.0",
            "e.csv:3: row a: fatalities -5 is not a count",
        ),
        (
            "a,2024-02-03,many,12.6,-8.0",
            "e.csv:3: row a: fatalities many is not a count",
        ),
    ] {
        let text = format!(
            "id,event_date,fatalities,latitude,longitude\nz,2024-01-01,0,12.6,-8.0\n{row}\n"
        );
        let path = write(dir.path(), "e.csv", text.as_bytes());
        let options = LoadOptions {
            date_order: Some(DateOrder::DayFirst),
            ..LoadOptions::default()
        };
        let err = load_events_in_with(
            &[path],
            InputFormat::Auto,
            &EventFilter::default(),
            None,
            options,
        )
        .err()
        .unwrap();
        assert!(err.to_string().contains(why), "{row}: {err}");
    }
}

#[test]
fn a_bad_region_polygon_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let events = write(
        dir.path(),
        "e.geojson",
        collection(&point_with(r#""id":"x","properties":{}"#)).as_bytes(),
    );
    let bow_tie = write(
        dir.path(),
        "region.geojson",
        br#"{"type":"Polygon","coordinates":[[[-10,10],[-5,15],[-5,10],[-10,15],[-10,10]]]}"#,
    );
    let out = run(&[
        "within",
        "--polygon",
        bow_tie.to_str().unwrap(),
        events.to_str().unwrap(),
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out)
            .contains("region.geojson: feature 0: ring 0 meets itself, crossing at (-7.5, 12.5)"),
        "{}",
        stderr(&out)
    );
}

/// Run in a child process (the test re-runs itself with `INCIMAP_CUT_CHILD` set): loads
/// a file, then, while writing an output, cuts the file to nothing and repeats its
/// features, as a query's output does.
#[test]
fn a_file_cut_under_a_query_is_an_error_naming_it() {
    if let Ok(path) = std::env::var("INCIMAP_CUT_CHILD") {
        let path = PathBuf::from(path);
        let set = load_events(
            std::slice::from_ref(&path),
            InputFormat::Auto,
            &EventFilter::default(),
        )
        .unwrap();
        let out = path.with_file_name("out.geojsonl");
        let _ = incimap::io::atomic::write_atomic(&out, |w| {
            w.write_all(b"half an answer\n")?;
            std::fs::OpenOptions::new()
                .write(true)
                .open(&path)?
                .set_len(0)?;
            for p in &set.points {
                let _ = set.feature(p);
            }
            Ok(())
        });
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let line = point_with(r#""properties":{"fatalities":1}"#) + "\n";
    let path = write(dir.path(), "e.geojsonl", line.repeat(20_000).as_bytes());
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_file_cut_under_a_query_is_an_error_naming_it",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("INCIMAP_CUT_CHILD", &path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("e.geojsonl: the file was cut or replaced while incimap read it"),
        "{err}"
    );
    // Neither the output nor its temporary file is left.
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["e.geojsonl"]);
}
