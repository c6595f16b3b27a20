//! `incimap map`, run as a user would: every input feature in the page, text that cannot
//! break out of it, no events, skipped features named, bad input files, stdin, CSV, links.
//! (`tests/browser/check_map.mjs` opens the pages in a real browser.)

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{root, run, stderr, stdout};
use serde_json::{json, Value};

/// The text of the `<script type="application/json" id="ID">` element of a page, parsed.
fn json_block(page: &str, id: &str) -> Value {
    let open = format!(r#"<script type="application/json" id="{id}">"#);
    let start = page.find(&open).unwrap_or_else(|| panic!("no {id} block")) + open.len();
    let end = start + page[start..].find("</script>").expect("block closed");
    serde_json::from_str(&page[start..end]).unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn page_features(page: &str) -> Vec<Value> {
    json_block(page, "incimap-events")["features"]
        .as_array()
        .expect("features")
        .clone()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

fn map_to_file(dir: &Path, input: &Path, extra: &[&str]) -> (Output, String) {
    let html = dir.join("map.html");
    let mut args = vec!["map", input.to_str().unwrap(), "-o", html.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    (out, std::fs::read_to_string(&html).expect("page written"))
}

fn point(id: &str, lon: f64, lat: f64, props: Value) -> Value {
    json!({"type": "Feature", "id": id, "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props})
}

#[test]
fn every_feature_of_the_seeds_is_in_the_page_whole_and_the_page_is_small() {
    let dir = tempfile::tempdir().unwrap();
    let geojson = dir.path().join("seeds.geojson");
    let extracted = run(&[
        "extract",
        root().join("seeds").to_str().unwrap(),
        "-o",
        geojson.to_str().unwrap(),
    ]);
    assert!(extracted.status.success(), "{}", stderr(&extracted));
    let input: Value = serde_json::from_str(&std::fs::read_to_string(&geojson).unwrap()).unwrap();
    let input = input["features"].as_array().unwrap().clone();
    assert!(input.len() >= 5, "the seeds give events");
    let (out, page) = map_to_file(dir.path(), &geojson, &[]);
    assert_eq!(
        page_features(&page),
        input,
        "the page holds the GeoJSON's features"
    );
    let config = json_block(&page, "incimap-config");
    assert_eq!(config["days"].as_array().unwrap().len(), input.len());
    assert!(
        page.len() < 2_000_000,
        "the seeds page is {} bytes",
        page.len()
    );
    assert!(page.contains("<title>incimap: seeds.geojson</title>"));
    assert!(
        stderr(&out).contains(&format!("{} events on the map", input.len())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_page_works_offline_by_construction() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "one.geojson",
        &json!({"type": "FeatureCollection", "features": [point("a", -8.0, 12.6, json!({}))]})
            .to_string(),
    );
    let (_, page) = map_to_file(dir.path(), &input, &[]);
    assert!(page.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-"#));
    // Links (attribution, sources) are followed only when clicked; nothing is loaded.
    for remote in [r#"src="http"#, "<link", "@import", "url(http"] {
        assert!(!page.contains(remote), "the page loads {remote}");
    }
    assert!(page.contains("Natural Earth"), "the basemap is credited");
}

#[test]
fn markup_in_the_data_cannot_leave_its_json_element() {
    let dir = tempfile::tempdir().unwrap();
    let notes = "</script><script>alert(1)</script> … <!-- <script>";
    let actor = r#"<img src=x onerror="alert(2)">"#;
    let input = write(
        dir.path(),
        "hostile.geojson",
        &json!({"type": "FeatureCollection", "features": [
            point("x", 1.0, 2.0, json!({"notes": notes, "actor1": actor, "sources": ["</SCRIPT>.txt"]}))
        ]})
        .to_string(),
    );
    let (_, page) = map_to_file(
        dir.path(),
        &input,
        &["--title", "<script>alert(3)</script>"],
    );
    for injected in ["<script>alert", "<img src=x", "</SCRIPT>", "<!-- <script>"] {
        assert!(
            !page.contains(injected),
            "{injected} is in the page as markup"
        );
    }
    assert!(page.contains("<title>&lt;script&gt;alert(3)&lt;/script&gt;</title>"));
    let features = page_features(&page);
    assert_eq!(features[0]["properties"]["notes"], notes);
    assert_eq!(features[0]["properties"]["actor1"], actor);
    assert_eq!(
        json_block(&page, "incimap-config")["title"],
        "<script>alert(3)</script>"
    );
}

#[test]
fn no_events_is_a_page_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "empty.geojson",
        r#"{"type":"FeatureCollection","features":[]}"#,
    );
    let (out, page) = map_to_file(dir.path(), &input, &[]);
    assert!(page_features(&page).is_empty());
    assert!(
        page.contains("No events to show"),
        "the page script says so"
    );
    assert!(
        stderr(&out).contains("0 events on the map"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn features_without_a_usable_point_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = [
        r#"{"type":"FeatureCollection","features":["#,
        r#"{"type":"Feature","id":"good","geometry":{"type":"Point","coordinates":[-4.2,14.5]},"properties":{}},"#,
        r#"{"type":"Feature","id":"nowhere","geometry":null,"properties":{}},"#,
        r#"{"type":"Feature","id":"off-the-globe","geometry":{"type":"Point","coordinates":[200,95]},"properties":{}},"#,
        r#"{"type":"Feature","id":"road","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{}},"#,
        r#"{"type":"Feature","id":"also-good","geometry":{"type":"Point","coordinates":[2.1,13.5]},"properties":{}}"#,
        "]}",
    ]
    .join("\n");
    let input = write(dir.path(), "mixed.geojson", &text);
    let (out, page) = map_to_file(dir.path(), &input, &[]);
    let ids: Vec<Value> = page_features(&page)
        .iter()
        .map(|f| f["id"].clone())
        .collect();
    assert_eq!(ids, [json!("good"), json!("also-good")]);
    let err = stderr(&out);
    let label = input.display().to_string();
    for (id, line, why) in [
        ("nowhere", 3, "no geometry"),
        ("off-the-globe", 4, "out of range"),
        ("road", 5, "a LineString, not a Point"),
    ] {
        let expected = format!("warning: {label}:{line}: feature {id}: ");
        let warning = err
            .lines()
            .find(|l| l.contains(&expected))
            .unwrap_or_else(|| panic!("no warning for {id} in:\n{err}"));
        assert!(warning.contains(why), "{warning}");
    }
    assert_eq!(json_block(&page, "incimap-config")["skipped"], 3);
}

#[test]
fn a_missing_or_malformed_input_is_an_error_naming_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("map.html");
    let missing = dir.path().join("missing.geojson");
    let out = run(&[
        "map",
        missing.to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.geojson"), "{}", stderr(&out));
    let bad = write(
        dir.path(),
        "bad.geojson",
        "{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feature\",,}]}",
    );
    let out = run(&["map", bad.to_str().unwrap(), "-o", html.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{}:2:", bad.display())),
        "{}",
        stderr(&out)
    );
    assert!(!html.exists(), "no page for bad input");
    assert!(stderr(&out).lines().all(|l| !l.contains("panicked")));
}

#[test]
fn stdin_in_and_stdout_out() {
    let input = json!({"type": "FeatureCollection", "features": [point("piped", -1.5, 12.4, json!({"event_type": "Riots"}))]});
    let mut child = Command::new(common::bin())
        .args(["map", "-", "-o", "-", "--title", "Piped"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("incimap starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page_features(&page)[0]["id"], "piped");
    assert!(
        stderr(&out).contains("written to stdout"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_acled_csv_maps_with_its_dates_read() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "event_id_cnty,event_date,event_type,actor1,fatalities,latitude,longitude,notes\n\
               MLI1,15 January 2024,Battles,JNIM,12,14.49,-4.19,\"An ambush, \"\"near\"\" Mopti\"\n\
               MLI2,2024-01-16,Protests,Protesters,0,12.61,-7.98,\n";
    let input = write(dir.path(), "acled.csv", csv);
    let (_, page) = map_to_file(dir.path(), &input, &[]);
    let features = page_features(&page);
    assert_eq!(features.len(), 2);
    assert_eq!(features[0]["properties"]["event_id_cnty"], "MLI1");
    assert_eq!(
        features[0]["properties"]["notes"],
        "An ambush, \"near\" Mopti"
    );
    assert_eq!(
        features[0]["geometry"]["coordinates"],
        json!([-4.19, 14.49])
    );
    let days = json_block(&page, "incimap-config")["days"].clone();
    assert_eq!(days, json!([19737, 19738]));
}

#[test]
fn source_links_point_into_a_folder_or_under_a_url_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "one.geojson",
        &json!({"type": "FeatureCollection", "features": [point("a", 0.0, 0.0, json!({"sources": ["a.txt"]}))]}).to_string(),
    );
    let (_, page) = map_to_file(
        dir.path(),
        &input,
        &["--link-sources", root().join("seeds").to_str().unwrap()],
    );
    let prefix = json_block(&page, "incimap-config")["sourceLinkPrefix"].clone();
    let prefix = prefix.as_str().expect("a prefix");
    assert!(
        prefix.starts_with("file:///") && prefix.ends_with("/seeds/"),
        "{prefix}"
    );
    let (_, page) = map_to_file(
        dir.path(),
        &input,
        &["--link-sources", "https://news.example/articles/"],
    );
    assert_eq!(
        json_block(&page, "incimap-config")["sourceLinkPrefix"],
        "https://news.example/articles/"
    );
    let out = run(&[
        "map",
        input.to_str().unwrap(),
        "--link-sources",
        "javascript:alert(1)//",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--link-sources"), "{}", stderr(&out));
}
