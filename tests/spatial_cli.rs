//! `incimap near | nearest | within | batch` as a user runs them: inputs, filters, output
//! formats, and every kind of bad input.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{run, stderr, stdout};
use serde_json::{json, Value};

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(common::bin())
        .args(args)
        .env_remove("INCIMAP_GAZETTEER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("incimap starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("stdin written");
    child.wait_with_output().expect("incimap runs")
}

fn point(id: Value, lon: f64, lat: f64, props: Value) -> Value {
    let mut f = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props});
    if !id.is_null() {
        f["id"] = id;
    }
    f
}

/// Bamako, Kati (18 km), Ségou (~200 km), Mopti (~450 km), Ménaka (~1,000 km), one
/// feature with no geometry and one LineString.
fn sample() -> Value {
    json!({"type": "FeatureCollection", "features": [
        point(json!("bko"), -7.97522, 12.60915, json!({"event_date": "2024-09-17", "event_type": "Battles", "fatalities": 77, "country_code": "ML", "country": "Mali", "actor1": "JNIM", "location": "Bamako"})),
        point(json!("kati"), -8.07257, 12.74409, json!({"event_date": "2022-07-22", "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "fatalities": 1, "country_code": "ML", "actor1": "Katiba Macina", "location": "Kati"})),
        point(json!("segou"), -6.2667, 13.4317, json!({"event_date": "2023-03-01", "event_type": "Protests", "country_code": "ML", "location": "Ségou"})),
        point(json!("mopti"), -4.1956, 14.4843, json!({"event_date": "2021-05-05", "event_type": "Violence against civilians", "fatalities": 12, "country_code": "ML", "location": "Mopti"})),
        point(json!("menaka"), 2.39609, 15.91985, json!({"event_date": "2019-11-01", "event_type": "Battles", "fatalities": 53, "country_code": "ML", "actor1": "Islamic State Sahel Province", "location": "Ménaka"})),
        {"type": "Feature", "id": "nowhere", "geometry": null, "properties": {}},
        {"type": "Feature", "id": "road", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "properties": {}}
    ]})
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

fn sample_file(dir: &Path) -> PathBuf {
    write(dir, "events.geojson", &sample().to_string())
}

fn features(o: &Output) -> Vec<Value> {
    let fc: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(o), stderr(o)));
    assert_eq!(fc["type"], "FeatureCollection");
    fc["features"].as_array().expect("features").clone()
}

fn ids_of(features: &[Value]) -> Vec<String> {
    features
        .iter()
        .map(|f| match &f["id"] {
            Value::Null => f["properties"]["id"].to_string(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

#[test]
fn near_a_place_sorts_by_distance_and_adds_distance_km() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let o = run(&[
        "near",
        "Bamako",
        "--radius",
        "300km",
        events.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fs = features(&o);
    assert_eq!(ids_of(&fs), ["bko", "kati", "segou"]);
    let d: Vec<f64> = fs
        .iter()
        .map(|f| f["properties"]["distance_km"].as_f64().unwrap())
        .collect();
    assert!(
        d[0] < 0.01 && (d[1] - 18.3).abs() < 0.5 && d[2] > 150.0 && d[2] < 300.0,
        "{d:?}"
    );
    assert_eq!(fs[0]["properties"]["actor1"], "JNIM", "properties are kept");
    let err = stderr(&o);
    assert!(err.contains("7 features read"), "{err}");
    assert!(
        err.contains("1 without geometry") && err.contains("1 of other geometry"),
        "{err}"
    );
}

#[test]
fn radius_units_agree_and_a_lat_lon_works() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let e = events.to_str().unwrap();
    let km = features(&run(&["near", "12.61,-7.98", "--radius", "100km", e]));
    let mi = features(&run(&["near", "12.61,-7.98", "--radius", "62.2mi", e]));
    let m = features(&run(&["near", "12.61,-7.98", "--radius", "100000m", e]));
    assert_eq!(ids_of(&km), ["bko", "kati"]);
    assert_eq!(ids_of(&km), ids_of(&mi));
    assert_eq!(ids_of(&km), ids_of(&m));
    let small = features(&run(&["near", "12.61,-7.98", "--radius", "5km", e]));
    assert_eq!(ids_of(&small), ["bko"]);
}

#[test]
fn menaka_resolves_with_the_gazetteer_and_country_disambiguates() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let o = run(&[
        "near",
        "Menaka",
        "--radius",
        "150km",
        "--country",
        "ML",
        events.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ids_of(&features(&o)), ["menaka"]);
    assert!(stderr(&o).contains("Ménaka"), "{}", stderr(&o));
}

#[test]
fn extract_pipes_into_near() {
    let seeds = common::root().join("seeds");
    let extracted = run(&["extract", seeds.to_str().unwrap()]);
    assert!(extracted.status.success());
    let o = run_with_stdin(&["near", "Bamako", "--radius", "300km"], &extracted.stdout);
    assert!(o.status.success(), "{}", stderr(&o));
    let fs = features(&o);
    assert!(!fs.is_empty());
    for f in &fs {
        let c = &f["geometry"]["coordinates"];
        let d = common::km(
            12.60915,
            -7.97522,
            c[1].as_f64().unwrap(),
            c[0].as_f64().unwrap(),
        );
        assert!(d <= 300.0, "{f}");
        assert!((f["properties"]["distance_km"].as_f64().unwrap() - d).abs() < 0.01);
    }
}

#[test]
fn nearest_lists_k_nearest_first_with_ties_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let fc = json!({"type": "FeatureCollection", "features": [
        point(json!("b"), 10.0, 10.0, json!({})),
        point(Value::Null, 10.0, 10.0, json!({"event_id": "a"})),
        point(json!(3), 10.0, 10.0, json!({})),
        point(Value::Null, 10.5, 10.0, json!({})),
        point(json!("far"), 40.0, 10.0, json!({})),
    ]});
    let events = write(dir.path(), "ties.geojson", &fc.to_string());
    let o = run(&["nearest", "10,10", "-k", "4", events.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fs = features(&o);
    let got: Vec<Value> = fs
        .iter()
        .map(|f| {
            if f["id"].is_null() {
                f["properties"]["event_id"].clone()
            } else {
                f["id"].clone()
            }
        })
        .collect();
    assert_eq!(got, vec![json!(3), json!("a"), json!("b"), Value::Null]);
    assert!(fs[3]["properties"]["distance_km"].as_f64().unwrap() > 50.0);
}

#[test]
fn within_a_bbox_keeps_input_order_and_crosses_the_antimeridian() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let o = run(&["within", "--bbox", "-9,12,-4,15", events.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ids_of(&features(&o)), ["bko", "kati", "segou", "mopti"]);
    let fc = json!({"type": "FeatureCollection", "features": [
        point(json!("east"), 179.9, -17.0, json!({})),
        point(json!("west"), -179.9, -17.0, json!({})),
        point(json!("greenwich"), 0.0, -17.0, json!({})),
    ]});
    let pacific = write(dir.path(), "pacific.geojson", &fc.to_string());
    let o = run(&[
        "within",
        "--bbox",
        "179,-20,-179,-10",
        pacific.to_str().unwrap(),
    ]);
    assert_eq!(ids_of(&features(&o)), ["east", "west"]);
    let o = run(&[
        "near",
        "-17,179.9",
        "--radius",
        "300km",
        pacific.to_str().unwrap(),
    ]);
    assert_eq!(ids_of(&features(&o)), ["east", "west"]);
}

fn regions(dir: &Path) -> PathBuf {
    let square = |x0: f64, y0: f64, x1: f64, y1: f64| {
        json!([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]])
    };
    let fc = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Région de Ségou"},
         "geometry": {"type": "Polygon", "coordinates": [square(-7.0, 12.5, -4.5, 15.0), square(-6.5, 13.2, -6.0, 13.7)]}},
        {"type": "Feature", "properties": {"name": "Mopti"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[square(-4.5, 14.0, -3.5, 15.0)], [square(2.0, 15.5, 3.0, 16.5)]]}}
    ]});
    write(dir, "regions.geojson", &fc.to_string())
}

#[test]
fn within_a_polygon_respects_holes_unions_and_picks_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let e = events.to_str().unwrap();
    let r = regions(dir.path());
    let r = r.to_str().unwrap();
    let all = run(&["within", "--polygon", r, e]);
    assert!(all.status.success(), "{}", stderr(&all));
    assert_eq!(
        ids_of(&features(&all)),
        ["mopti", "menaka"],
        "Ségou lies in the hole"
    );
    let one = run(&["within", "--polygon", r, "--name-property", "name=Mopti", e]);
    assert_eq!(ids_of(&features(&one)), ["mopti", "menaka"]);
    let bare = run(&[
        "within",
        "--polygon",
        r,
        "--name-property",
        "region de segou",
        e,
    ]);
    assert!(bare.status.success(), "{}", stderr(&bare));
    assert!(features(&bare).is_empty());
    let none = run(&["within", "--polygon", r, "--name-property", "name=Kidal", e]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("Mopti"),
        "the error lists the names: {}",
        stderr(&none)
    );
}

#[test]
fn filters_apply_to_every_query() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let e = events.to_str().unwrap();
    let world = ["within", "--bbox", "-180,-90,180,90", e];
    let with = |extra: &[&str]| {
        let mut args = world.to_vec();
        args.extend_from_slice(extra);
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        ids_of(&features(&o))
    };
    assert_eq!(with(&["--since", "2022-01-01"]), ["bko", "kati", "segou"]);
    assert_eq!(
        with(&["--since", "2021-01-01", "--until", "2022-12-31"]),
        ["kati", "mopti"]
    );
    assert_eq!(with(&["--type", "battles"]), ["bko", "menaka"]);
    assert_eq!(with(&["--type", "Suicide bomb"]), ["kati"]);
    assert_eq!(with(&["--min-fatalities", "50"]), ["bko", "menaka"]);
    assert_eq!(
        with(&["--actor", "jnim", "--actor", "islamic state"]),
        ["bko", "menaka"]
    );
    assert_eq!(with(&["--country", "ML"]).len(), 5);
    assert_eq!(with(&["--country", "BF"]).len(), 0);
    let near = run(&["nearest", "Bamako", "-k", "2", "--type", "Battles", e]);
    assert_eq!(ids_of(&features(&near)), ["bko", "menaka"]);
}

#[test]
fn min_confidence_keeps_confident_events_and_drops_those_without() {
    let dir = tempfile::tempdir().unwrap();
    let sure = point(
        json!("sure"),
        -7.97522,
        12.60915,
        json!({"event_type": "Battles", "confidence": 0.9}),
    );
    let unsure = point(
        json!("unsure"),
        -8.07257,
        12.74409,
        json!({"event_type": "Battles", "confidence": 0.5}),
    );
    let unknown = point(
        json!("unknown"),
        -6.2667,
        13.4317,
        json!({"event_type": "Battles"}),
    );
    let collection = json!({"type": "FeatureCollection", "features": [sure, unsure, unknown]});
    let events = write(dir.path(), "scored.geojson", &collection.to_string());
    let e = events.to_str().unwrap();
    let seq: String = [&sure, &unsure, &unknown]
        .iter()
        .map(|f| format!("\x1e{f}\n"))
        .collect();
    let events_seq = write(dir.path(), "scored.geojsons", &seq);
    let csv = "id,event_type,confidence,latitude,longitude\n\
               sure,Battles,0.9,12.60915,-7.97522\n\
               unsure,Battles,0.5,12.74409,-8.07257\n\
               unknown,Battles,,13.4317,-6.2667\n";
    let events_csv = write(dir.path(), "scored.csv", csv);
    // A CSV row's id comes back as its `id` property.
    let names = |o: &Output| -> Vec<String> {
        features(o)
            .iter()
            .map(|f| {
                let id = f["id"].as_str().or(f["properties"]["id"].as_str());
                id.unwrap_or_default().to_string()
            })
            .collect()
    };
    for input in [
        e,
        events_seq.to_str().unwrap(),
        events_csv.to_str().unwrap(),
    ] {
        for query in [
            vec!["within", "--bbox", "-180,-90,180,90"],
            vec!["near", "12.6,-8.0", "--radius", "500km"],
        ] {
            let mut args = query.clone();
            args.extend(["--min-confidence", "0.8", input]);
            let o = run(&args);
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
            assert_eq!(names(&o), ["sure"], "{args:?}");
            let mut all = query.clone();
            all.push(input);
            assert_eq!(names(&run(&all)).len(), 3, "{all:?}");
        }
    }
    let o = run(&[
        "within",
        "--bbox",
        "-180,-90,180,90",
        "--min-confidence",
        "0",
        e,
    ]);
    assert_eq!(ids_of(&features(&o)), ["sure", "unsure"]);
    let nearest = run(&[
        "nearest",
        "12.6,-8.0",
        "-k",
        "3",
        "--min-confidence",
        "0.5",
        e,
    ]);
    assert_eq!(ids_of(&features(&nearest)), ["sure", "unsure"]);
    for bad in ["1.5", "x", "-0.1", "NaN"] {
        for query in [
            vec!["within", "--bbox", "-180,-90,180,90"],
            vec!["near", "12.6,-8.0", "--radius", "500km"],
        ] {
            let mut args = query;
            args.extend(["--min-confidence", bad, e]);
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("--min-confidence") && stderr(&o).contains("0 to 1"),
                "{args:?}: {}",
                stderr(&o)
            );
        }
    }
}

#[test]
fn reads_sequences_ndjson_and_acled_csv() {
    let dir = tempfile::tempdir().unwrap();
    let fc = sample();
    let feats = fc["features"].as_array().unwrap();
    let seq: String = feats.iter().map(|f| format!("\x1e{f}\n")).collect();
    let nd: String = feats.iter().map(|f| format!("{f}\n")).collect();
    for (name, text) in [
        ("e.geojsons", seq.clone()),
        ("e.txt", seq),
        ("e.ndjson", nd.clone()),
        ("e.json", nd),
    ] {
        let p = write(dir.path(), name, &text);
        let o = run(&["near", "Bamako", "--radius", "300km", p.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert_eq!(ids_of(&features(&o)), ["bko", "kati", "segou"], "{name}");
    }
    let csv = "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,country,location,latitude,longitude,fatalities\n\
MLI1,2024-09-17,2024,Battles,Armed clash,JNIM,Mali,Bamako,12.6392,-8.0029,77\n\
MLI2,2022-07-22,2022,Explosions/Remote violence,Suicide bomb,Katiba Macina,Mali,Kati,12.7441,-8.0726,1\n\
BFO1,2022-06-11,2022,Violence against civilians,Attack,Unidentified,Burkina Faso,Seytenga,14.1518,-0.0234,86\n";
    let p = write(dir.path(), "acled.csv", csv);
    let o = run(&[
        "near",
        "Bamako",
        "--radius",
        "100km",
        "--country",
        "ML",
        p.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fs = features(&o);
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[0]["properties"]["event_id_cnty"], "MLI1");
    assert_eq!(fs[0]["properties"]["fatalities"], 77);
    assert_eq!(fs[1]["geometry"]["coordinates"], json!([-8.0726, 12.7441]));
    let piped = run_with_stdin(
        &["within", "--bbox", "-1,13,1,15", "--format", "csv"],
        csv.as_bytes(),
    );
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert!(stdout(&piped).contains("BFO1"), "{}", stdout(&piped));
}

#[test]
fn output_formats_table_csv_and_geojsonseq() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let e = events.to_str().unwrap();
    let table = run(&[
        "near", "Bamako", "--radius", "300km", "--format", "table", e,
    ]);
    let text = stdout(&table);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("distance_km") && lines[0].contains("fatalities"),
        "{text}"
    );
    assert_eq!(lines.len(), 4);
    let column = lines[0].find("event_date").unwrap();
    assert!(
        lines[1..].iter().all(|l| l[column..].starts_with("20")),
        "aligned: {text}"
    );
    let csv = run(&["near", "Bamako", "--radius", "300km", "--format", "csv", e]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "distance_km") && headers.iter().any(|h| h == "latitude"));
    assert_eq!(reader.records().count(), 3);
    let seq = run(&[
        "near",
        "Bamako",
        "--radius",
        "300km",
        "--format",
        "geojsonseq",
        e,
    ]);
    let records: Vec<&str> = std::str::from_utf8(&seq.stdout)
        .unwrap()
        .split('\x1e')
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(records.len(), 3);
    for r in records {
        let f: Value = serde_json::from_str(r.trim()).unwrap();
        assert_eq!(f["type"], "Feature");
    }
    let again = run(&["near", "Bamako", "--radius", "300km", e]);
    let once = run(&["near", "Bamako", "--radius", "300km", e]);
    assert_eq!(again.stdout, once.stdout, "deterministic");
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let out = dir.path().join("near.geojson");
    let o = run(&[
        "near",
        "Bamako",
        "--radius",
        "30km",
        events.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(fc["features"].as_array().unwrap().len(), 2);
    let bad = write(
        dir.path(),
        "bad.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[",
    );
    let failed = dir.path().join("failed.geojson");
    let o = run(&[
        "near",
        "Bamako",
        "--radius",
        "30km",
        bad.to_str().unwrap(),
        "-o",
        failed.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!failed.exists());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn batch_answers_in_order_with_the_id_rule() {
    let dir = tempfile::tempdir().unwrap();
    let fc = json!({"type": "FeatureCollection", "features": [
        point(json!("geo-id"), 0.0, 0.0, json!({"id": "ignored", "event_id": "ignored"})),
        point(Value::Null, 0.1, 0.0, json!({"id": 17, "event_id": "ignored"})),
        point(Value::Null, 0.2, 0.0, json!({"event_id": "ev-2"})),
        point(Value::Null, 0.3, 0.0, json!({})),
        point(Value::Null, 50.0, 50.0, json!({})),
    ]});
    let events = write(dir.path(), "e.geojson", &fc.to_string());
    let queries = write(
        dir.path(),
        "q.jsonl",
        "{\"qid\":0,\"op\":\"near\",\"lon\":0,\"lat\":0,\"radius_km\":25}\n\
         {\"qid\":\"two\",\"op\":\"nearest\",\"lon\":0.31,\"lat\":0,\"k\":2}\n\
         \n\
         {\"qid\":2,\"op\":\"bbox\",\"bbox\":[-1,-1,1,1]}\n\
         {\"qid\":3,\"op\":\"nearest\",\"lon\":0,\"lat\":0,\"k\":0}\n",
    );
    let o = run(&["batch", queries.to_str().unwrap(), events.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let answers: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        answers,
        vec![
            json!({"qid": 0, "ids": ["geo-id", 17, "ev-2"]}),
            json!({"qid": "two", "ids": [3, "ev-2"]}),
            json!({"qid": 2, "ids": ["geo-id", 17, "ev-2", 3]}),
            json!({"qid": 3, "ids": []}),
        ]
    );
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("5 features loaded") && err.contains("4 queries answered"),
        "{err}"
    );
}

#[test]
fn batch_refuses_a_bad_query_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    for (line, expect) in [
        (
            "{\"qid\":0,\"op\":\"near\",\"lon\":0,\"lat\":0,\"radius_km\":-3}",
            "radius_km",
        ),
        ("{\"qid\":0,\"op\":\"orbit\"}", "unknown op"),
        ("{\"op\":\"nearest\",\"lon\":0,\"lat\":0,\"k\":1}", "qid"),
        ("{\"qid\":0,\"op\":\"bbox\",\"bbox\":[1,2,3]}", "bbox"),
        ("{\"qid\":0,", "EOF"),
    ] {
        let q = write(
            dir.path(),
            "q.jsonl",
            &format!("{{\"qid\":9,\"op\":\"nearest\",\"lon\":0,\"lat\":0,\"k\":1}}\n{line}\n"),
        );
        let o = run(&["batch", q.to_str().unwrap(), events.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{line}");
        let err = stderr(&o);
        assert!(
            err.contains("q.jsonl:2:") && err.contains(expect),
            "{line}: {err}"
        );
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn bad_events_are_clear_errors_naming_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("syntax.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2],},\"properties\":{}}]}", "syntax.geojson:2:"),
        ("nofeatures.geojson", "{\"type\":\"FeatureCollection\"}", "without \"features\""),
        ("range.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"id\":\"x9\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[200,2]},\"properties\":{}}]}", "feature x9"),
        ("range.csv", "id,latitude,longitude\n1,12.5,-8\n2,NaN,-8\n", "range.csv:3"),
        ("text.csv", "id,latitude,longitude\n1,twelve,-8\n", "'twelve' is not a number"),
        ("nolatlon.csv", "id,place\n1,Bamako\n", "no latitude/longitude"),
        ("geometry.geojson", "{\"type\":\"Polygon\",\"coordinates\":[]}", "expected a FeatureCollection"),
        ("empty.geojson", "", "empty"),
    ];
    for (name, text, expect) in cases {
        let p = write(dir.path(), name, text);
        let o = run(&["within", "--bbox", "-180,-90,180,90", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(name) && err.contains(expect), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let missing = run(&["within", "--bbox", "0,0,1,1", "/no/such/events.geojson"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("/no/such/events.geojson"));
}

#[test]
fn bad_arguments_exit_2_unknown_places_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let events = sample_file(dir.path());
    let e = events.to_str().unwrap();
    for args in [
        vec!["near", "Bamako", "--radius", "-5km", e],
        vec!["near", "Bamako", "--radius", "far", e],
        vec!["near", "95,10", "--radius", "5km", e],
        vec!["within", "--bbox", "1,2,3", e],
        vec!["within", "--bbox", "0,10,5,-10", e],
        vec!["within", "--bbox", "0,0,200,10", e],
        vec!["within", e],
        vec!["nearest", "Bamako", "-k", "-1", e],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["near", "Qwzxvillex", "--radius", "10km", e]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no place matches 'Qwzxvillex'"));
    let bad_poly = write(
        dir.path(),
        "open.geojson",
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}",
    );
    let o = run(&["within", "--polygon", bad_poly.to_str().unwrap(), e]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("open.geojson") && stderr(&o).contains("not closed"),
        "{}",
        stderr(&o)
    );
    let not_json = write(dir.path(), "poly.geojson", "{\"type\":");
    let o = run(&["within", "--polygon", not_json.to_str().unwrap(), e]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("poly.geojson:1:"), "{}", stderr(&o));
}
