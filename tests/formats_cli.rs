//! Output and input formats as a user meets them: the format told by `-o`'s extension or
//! `-f`, one CSV column order, ACLED's CSV, FlatGeobuf read through its index, GeoParquet
//! read by its row-group statistics,
//! `incimap convert` round trips, GDAL's drivers on what incimap writes, and bad files.

mod common;

use std::path::{Path, PathBuf};

use common::{root, run, stderr, stdout};
use serde_json::{json, Value};

fn seeds() -> String {
    root().join("seeds").to_str().unwrap().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The seeds extracted once into `dir` as GeoJSON.
fn extracted(dir: &Path) -> PathBuf {
    let path = dir.join("events.geojson");
    let out = run(&["extract", &seeds(), "-o", s(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    path
}

fn features_of(path: &Path) -> Vec<Value> {
    let doc: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    doc["features"].as_array().unwrap().clone()
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn no_leftovers(dir: &Path) {
    let tmp: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(tmp.is_empty(), "{tmp:?}");
}

#[test]
fn the_output_format_follows_the_extension_or_f() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let n = features_of(&geojson).len();
    for name in [
        "e.json",
        "e.geojsons",
        "e.geojsonl",
        "e.csv",
        "e.acled.csv",
        "e.fgb",
        "e.parquet",
    ] {
        let out = run(&["extract", &seeds(), "-o", s(&d.join(name))]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
    assert_eq!(features_of(&d.join("e.json")).len(), n);
    let seq = std::fs::read_to_string(d.join("e.geojsons")).unwrap();
    assert_eq!(seq.matches('\u{1e}').count(), n);
    assert_eq!(std::fs::read(d.join("e.geojsonl")).unwrap(), seq.as_bytes());
    let (header, rows) = csv_rows(&d.join("e.csv"));
    assert_eq!(header[0], "event_id");
    assert_eq!(rows.len(), n);
    let (header, _) = csv_rows(&d.join("e.acled.csv"));
    assert_eq!(header[0], "event_id_cnty");
    assert!(std::fs::read(d.join("e.fgb"))
        .unwrap()
        .starts_with(b"fgb\x03fgb\x00"));
    let parquet = std::fs::read(d.join("e.parquet")).unwrap();
    assert!(parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"));

    // -f wins over the name; - is stdout, GeoJSON unless -f.
    let out = run(&["extract", &seeds(), "-f", "csv", "-o", s(&d.join("e.txt"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(d.join("e.txt"))
        .unwrap()
        .starts_with("event_id,"));
    let out = run(&["extract", &seeds(), "-o", "-"]);
    assert!(stdout(&out).starts_with("{\"type\":\"FeatureCollection\""));
    let out = run(&["extract", &seeds(), "-f", "acled"]);
    assert!(stdout(&out).starts_with("event_id_cnty,event_date,year,"));

    // An extension that names no format is bad usage, before any work, and writes nothing.
    for (command, file) in [
        (vec!["extract", &seeds()], "x.xyz"),
        (
            vec!["near", "12.6,-8", "--radius", "100km", s(&geojson)],
            "y.shp",
        ),
        (
            vec!["within", "--bbox", "-12,10,5,20", s(&geojson)],
            "z.kml",
        ),
        (vec!["convert", s(&geojson)], "w.xyz"),
    ] {
        let target = d.join(file);
        let mut args = command.clone();
        args.extend(["-o", s(&target)]);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let ext = file.rsplit('.').next().unwrap();
        assert!(
            stderr(&out).contains(&format!("'.{ext}'")),
            "{}",
            stderr(&out)
        );
        assert!(!target.exists());
    }
    let out = run(&["extract", &seeds(), "-o", s(&d.join("noext"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no extension"), "{}", stderr(&out));
    let out = run(&["extract", &seeds(), "-f", "shapefile"]);
    assert_eq!(out.status.code(), Some(2));
    no_leftovers(d);
}

#[test]
fn every_command_writes_one_csv_column_order_with_sources_joined() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let extract_csv = d.join("e.csv");
    assert!(run(&["extract", &seeds(), "-o", s(&extract_csv)])
        .status
        .success());
    let near_csv = d.join("near.csv");
    let out = run(&[
        "near",
        "Menaka",
        "--radius",
        "2000km",
        s(&geojson),
        "-o",
        s(&near_csv),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, rows) = csv_rows(&extract_csv);
    let (b, near_rows) = csv_rows(&near_csv);
    let without_distance: Vec<&String> = b.iter().filter(|h| *h != "distance_km").collect();
    assert_eq!(a.iter().collect::<Vec<_>>(), without_distance);
    assert_eq!(&a[a.len() - 2..], ["latitude", "longitude"]);
    let sources = a.iter().position(|h| h == "sources").unwrap();
    let fused = rows
        .iter()
        .find(|r| r[sources].contains("; "))
        .expect("a fused event");
    let count = a.iter().position(|h| h == "source_count").unwrap();
    assert_eq!(fused[sources].split("; ").count().to_string(), fused[count]);
    assert!(near_rows.iter().any(|r| r[sources] == fused[sources]));
}

#[test]
fn acled_csv_has_acleds_columns_and_keeps_its_ids_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let acled = d.join("events.acled.csv");
    assert!(run(&["convert", s(&geojson), "-o", s(&acled)])
        .status
        .success());
    let (header, rows) = csv_rows(&acled);
    assert_eq!(
        header.join(", "),
        "event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision, source, source_scale, notes, fatalities, tags, timestamp"
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let features = features_of(&geojson);
    for row in &rows {
        let f = features
            .iter()
            .find(|f| f["id"] == row[col("event_id_cnty")].as_str())
            .expect("the event of the row");
        let p = &f["properties"];
        assert_eq!(row[col("source")], p["sources"].as_str().unwrap());
        assert_eq!(row[col("location")], p["location"].as_str().unwrap());
        for unknown in [
            "assoc_actor_1",
            "inter1",
            "inter2",
            "interaction",
            "iso",
            "region",
            "admin2",
            "admin3",
            "source_scale",
            "tags",
            "timestamp",
        ] {
            assert_eq!(row[col(unknown)], "", "{unknown} is never invented");
        }
        match p["event_date"].as_str() {
            Some(date) => assert_eq!(row[col("year")], date[..4]),
            None => assert_eq!(row[col("year")], ""),
        }
    }
    // Read back as query input, an ACLED file answers with its event_id_cnty.
    let out = run(&[
        "within",
        "--bbox",
        "-180,-90,180,90",
        s(&acled),
        "-f",
        "table",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in &features {
        assert!(
            stdout(&out).contains(f["id"].as_str().unwrap()),
            "{}",
            stdout(&out)
        );
    }
    let export = d.join("export.csv");
    std::fs::write(
        &export,
        "event_id_cnty,event_date,event_type,country,latitude,longitude,fatalities\nMLI9001,2024-01-15,Battles,Mali,14.35,-3.61,12\nMLI9002,2024-01-16,Battles,Mali,14.40,-3.60,0\n",
    )
    .unwrap();
    let out = run(&["nearest", "14.35,-3.61", "-k", "2", s(&export)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let answer: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = answer["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["MLI9001", "MLI9002"]);
}

#[test]
fn geojson_to_flatgeobuf_to_geoparquet_to_csv_to_geojson_keeps_every_feature_and_property() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let (fgb, parquet) = (d.join("a.fgb"), d.join("b.parquet"));
    let (csv, back) = (d.join("c.csv"), d.join("d.geojson"));
    let steps = [
        (&geojson, &fgb),
        (&fgb, &parquet),
        (&parquet, &csv),
        (&csv, &back),
    ];
    for (from, to) in steps {
        let out = run(&["convert", s(from), "-o", s(to)]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let by_id = |features: Vec<Value>| -> std::collections::BTreeMap<String, Value> {
        features
            .into_iter()
            .map(|f| (f["id"].as_str().unwrap().to_string(), f))
            .collect()
    };
    let before = by_id(features_of(&geojson));
    let after = by_id(features_of(&back));
    assert!(before.len() >= 5);
    assert_eq!(before, after);
    // The property order survives too, not only the values.
    let keys = |f: &Value| {
        f["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    for (id, f) in &before {
        assert_eq!(keys(f), keys(&after[id]), "{id}");
    }
}

#[test]
fn old_event_files_with_source_lists_still_read_and_convert_to_joined_sources() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let old = d.join("old.geojson");
    std::fs::write(
        &old,
        json!({"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "ev-1", "geometry": {"type": "Point", "coordinates": [-7.98, 12.61]},
             "properties": {"event_id": "ev-1", "sources": ["a.txt", "b.txt"], "source_count": 2, "extra": {"low": 1, "high": 3}}}
        ]})
        .to_string(),
    )
    .unwrap();
    let out = run(&["near", "12.6,-8", "--radius", "10km", s(&old)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let answer: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let p = &answer["features"][0]["properties"];
    assert_eq!(p["sources"], "a.txt; b.txt");
    assert_eq!(p["extra"], r#"{"low":1,"high":3}"#);
    for name in ["new.fgb", "new.parquet"] {
        let table = d.join(name);
        assert!(run(&["convert", s(&old), "-o", s(&table)]).status.success());
        let out = run(&["convert", s(&table), "-f", "geojson"]);
        let back: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(back["features"][0]["properties"]["sources"], "a.txt; b.txt");
    }
}

/// Points spread over the globe, crowding the antimeridian and the poles, as GeoJSON.
fn scattered(path: &Path, n: usize) {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let features: Vec<Value> = (0..n)
        .map(|i| {
            let (lon, lat) = match i % 4 {
                0 => (360.0 * next() - 180.0, 180.0 * next() - 90.0),
                1 => (
                    179.0 + 2.0 * next() - (if next() < 0.5 { 360.0 } else { 0.0 }),
                    20.0 * next() - 10.0,
                ),
                2 => (360.0 * next() - 180.0, 85.0 + 5.0 * next()),
                _ => (-8.0 + 2.0 * next(), 12.0 + 2.0 * next()),
            };
            let lon = (lon * 1e5_f64).round() / 1e5;
            let lon = lon.clamp(-180.0, 180.0);
            let lat = (lat * 1e5_f64).round() / 1e5;
            json!({"type": "Feature", "id": format!("p{i:05}"),
                   "geometry": {"type": "Point", "coordinates": [lon, lat]},
                   "properties": {"event_id": format!("p{i:05}"), "fatalities": i % 7,
                                  "event_date": format!("2024-01-{:02}", 1 + i % 28)}})
        })
        .collect();
    std::fs::write(
        path,
        json!({"type": "FeatureCollection", "features": features}).to_string(),
    )
    .unwrap();
}

#[test]
fn queries_on_flatgeobuf_and_geoparquet_answer_as_on_geojson() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = d.join("points.geojson");
    scattered(&geojson, 4000);
    let (fgb, parquet) = (d.join("points.fgb"), d.join("points.parquet"));
    for table in [&fgb, &parquet] {
        let out = run(&["convert", s(&geojson), "-o", s(table)]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let questions: Vec<Vec<&str>> = vec![
        vec!["near", "12.6,-8", "--radius", "80km"],
        vec!["near", "0,179.9", "--radius", "300km"],
        vec!["near", "89.5,10", "--radius", "400km", "--geodesic"],
        vec!["near", "-60,0", "--radius", "20000km"],
        vec!["nearest", "12.6,-8", "-k", "7"],
        vec!["nearest", "0,-179.95", "-k", "25"],
        vec!["nearest", "-80,0", "-k", "3"],
        vec![
            "nearest",
            "12.6,-8",
            "-k",
            "7",
            "--min-fatalities",
            "6",
            "--since",
            "2024-01-20",
        ],
        vec!["within", "--bbox", "170,-5,-170,5"],
        vec!["within", "--bbox", "-9,11,-7,13"],
    ];
    for q in &questions {
        let answer = |file: &Path| {
            let mut args = q.clone();
            args.extend([s(file), "-f", "geojsonseq"]);
            let out = run(&args);
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            (stdout(&out), stderr(&out))
        };
        let (from_geojson, _) = answer(&geojson);
        assert!(from_geojson.lines().count() > 0, "{q:?}");
        for table in [&fgb, &parquet] {
            let (mut from_table, log) = answer(table);
            let mut from_geojson = from_geojson.clone();
            if q[0] == "within" {
                // Input order: a FlatGeobuf or GeoParquet file's is its Hilbert curve's.
                let sorted = |text: &str| {
                    let mut lines: Vec<&str> = text.lines().collect();
                    lines.sort_unstable();
                    lines.join("\n")
                };
                (from_geojson, from_table) = (sorted(&from_geojson), sorted(&from_table));
            }
            assert!(
                from_geojson == from_table,
                "{q:?}: {} answers from GeoJSON, {} from {}, or different ones",
                from_geojson.lines().count(),
                from_table.lines().count(),
                table.display()
            );
            // 4,000 points are one row group: only the FlatGeobuf index narrows the read.
            assert_eq!(log.contains("index"), table == &fgb, "{log}");
        }
    }
    // The index reads only candidates: a small circle reads a few features of 4,000.
    let out = run(&["near", "12.6,-8", "--radius", "20km", s(&fgb)]);
    assert!(features_read(&stderr(&out)) < 200, "{}", stderr(&out));
}

/// The number of features a query's summary says it read.
fn features_read(log: &str) -> u64 {
    log.split("incimap: ")
        .last()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn queries_on_geoparquet_read_only_the_row_groups_their_box_meets() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = d.join("points.geojson");
    // Past two row groups of 65,536 rows.
    scattered(&geojson, 140_000);
    let parquet = d.join("points.parquet");
    let out = run(&["convert", s(&geojson), "-o", s(&parquet)]);
    assert!(out.status.success(), "{}", stderr(&out));
    for q in [
        vec!["near", "12.6,-8", "--radius", "30km"],
        vec!["nearest", "12.6,-8", "-k", "5"],
        vec!["within", "--bbox", "-9,11,-7,13"],
    ] {
        let answer = |file: &Path| {
            let mut args = q.clone();
            args.extend([s(file), "-f", "csv"]);
            let out = run(&args);
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            let mut lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
            lines.sort_unstable();
            (lines, stderr(&out))
        };
        let (from_geojson, _) = answer(&geojson);
        let (from_parquet, log) = answer(&parquet);
        assert!(from_geojson.len() > 1, "{q:?}");
        assert_eq!(from_geojson, from_parquet, "{q:?}");
        assert!(log.contains("row-group statistics"), "{log}");
        assert!(features_read(&log) < 140_000, "{log}");
    }
}

#[test]
fn bad_geoparquet_files_are_errors_naming_the_file_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let good = d.join("good.parquet");
    assert!(run(&["convert", s(&geojson), "-o", s(&good)])
        .status
        .success());
    let bytes = std::fs::read(&good).unwrap();
    let mut cases: Vec<(String, Vec<u8>, &str)> = [2, 4, 40, bytes.len() / 2, bytes.len() - 1]
        .into_iter()
        .map(|cut| (format!("cut{cut}.parquet"), bytes[..cut].to_vec(), ""))
        .collect();
    cases.push((
        "wrong.parquet".into(),
        b"{\"type\":\"FeatureCollection\"}".to_vec(),
        "not a Parquet file",
    ));
    // A Parquet file without `geo` metadata: the same bytes with the key renamed.
    let at = bytes
        .windows(4)
        .rposition(|w| w == b"\x03geo")
        .map(|i| i + 1);
    let mut plain = bytes.clone();
    plain[at.expect("the geo key")] = b'x';
    cases.push((
        "plain.parquet".into(),
        plain,
        "without GeoParquet's 'geo' metadata",
    ));
    let mut damaged = bytes.clone();
    for b in damaged.iter_mut().skip(4).step_by(37).take(40) {
        *b ^= 0x5a;
    }
    cases.push(("damaged.parquet".into(), damaged, ""));
    for (name, content, says) in &cases {
        let path = d.join(name);
        std::fs::write(&path, content).unwrap();
        for args in [
            vec!["convert", s(&path), "-f", "csv"],
            vec!["near", "12.6,-8", "--radius", "500km", s(&path)],
        ] {
            let out = run(&args);
            let err = stderr(&out);
            assert!(!err.contains("panicked"), "{err}");
            if name == "damaged.parquet" && out.status.success() {
                // A flipped byte in a value may leave a readable file.
                continue;
            }
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(err.contains(&format!("{name}: ")), "{err}");
            assert!(err.contains(says), "{err}");
        }
    }
    let out = run(&["convert", s(&geojson), "-o", s(&d.join("out.parquet"))]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn bad_flatgeobuf_files_are_errors_naming_the_file_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let fgb = d.join("good.fgb");
    assert!(run(&["convert", s(&geojson), "-o", s(&fgb)])
        .status
        .success());
    let bytes = std::fs::read(&fgb).unwrap();
    let cuts = [6, 10, 40, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1];
    for cut in cuts {
        let path = d.join(format!("cut{cut}.fgb"));
        std::fs::write(&path, &bytes[..cut]).unwrap();
        for args in [
            vec!["convert", s(&path), "-f", "csv"],
            vec!["near", "12.6,-8", "--radius", "500km", s(&path)],
        ] {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains(&format!("cut{cut}.fgb")), "{err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    let wrong = d.join("wrong.fgb");
    std::fs::write(&wrong, "{\"type\":\"FeatureCollection\",\"features\":[]}").unwrap();
    let out = run(&["convert", s(&wrong), "-f", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("wrong.fgb: not a FlatGeobuf file"),
        "{}",
        stderr(&out)
    );
    let mut damaged = bytes.clone();
    damaged[3] = 9;
    std::fs::write(&wrong, &damaged).unwrap();
    let out = run(&["convert", s(&wrong), "-f", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("wrong.fgb"), "{}", stderr(&out));
}

#[test]
fn an_output_that_cannot_be_written_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    for name in ["x.fgb", "x.parquet", "x.csv", "x.acled.csv", "x.geojson"] {
        let target = d.join("missing-dir").join(name);
        let out = run(&["convert", s(&geojson), "-o", s(&target)]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("missing-dir"), "{}", stderr(&out));
        assert!(!target.exists());
    }
    // A failing input leaves an existing output whole.
    let bad = d.join("bad.geojson");
    std::fs::write(&bad, "{\"type\":\"FeatureCollection\",\"features\":[").unwrap();
    for name in ["kept.fgb", "kept.parquet"] {
        let existing = d.join(name);
        std::fs::write(&existing, "previous").unwrap();
        let out = run(&["convert", s(&bad), "-o", s(&existing)]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "previous");
    }
    no_leftovers(d);
}

fn gdal() -> bool {
    let there = std::process::Command::new("ogr2ogr")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !there {
        eprintln!("skipped: ogr2ogr (gdal-bin) is not installed; .ci/run installs it");
    }
    there
}

/// `ogrinfo -so -al`: the feature count and the field types, by name.
fn ogrinfo(path: &Path) -> (usize, Vec<(String, String)>) {
    let info = std::process::Command::new("ogrinfo")
        .args(["-ro", "-so", "-al", s(path)])
        .output()
        .unwrap();
    assert!(
        info.status.success(),
        "{}",
        String::from_utf8_lossy(&info.stderr)
    );
    let text = String::from_utf8_lossy(&info.stdout).into_owned();
    let count = text
        .lines()
        .find_map(|l| l.strip_prefix("Feature Count: "))
        .expect("a feature count")
        .trim()
        .parse()
        .unwrap();
    let fields = text
        .lines()
        .filter_map(|l| {
            let (name, rest) = l.split_once(": ")?;
            let kind = rest.split(' ').next()?;
            let types = ["String", "Integer", "Integer64", "Real", "Date", "DateTime"];
            (!name.starts_with(' ') && types.contains(&kind))
                .then(|| (name.to_string(), kind.to_string()))
        })
        .collect();
    (count, fields)
}

#[test]
fn gdal_converts_what_incimap_writes_to_geopackage_and_flatgeobuf_without_a_word() {
    if !gdal() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let answer = d.join("near.geojson");
    let out = run(&[
        "near",
        "Menaka",
        "--radius",
        "2000km",
        s(&geojson),
        "-o",
        s(&answer),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for source in [&geojson, &answer] {
        let (count, fields) = ogrinfo(source);
        assert!(count >= 5);
        let kind = |fields: &[(String, String)], name: &str| {
            fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, k)| k.clone())
        };
        assert_eq!(kind(&fields, "sources").as_deref(), Some("String"));
        assert_eq!(kind(&fields, "source_count").as_deref(), Some("Integer"));
        for (driver, ext) in [("GPKG", "gpkg"), ("FlatGeobuf", "fgb")] {
            let target = d.join(format!(
                "{}.{ext}",
                source.file_stem().unwrap().to_string_lossy()
            ));
            let conv = std::process::Command::new("ogr2ogr")
                .args(["-f", driver, s(&target), s(source)])
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&conv.stderr);
            assert!(
                conv.status.success() && said.trim().is_empty(),
                "{driver}: {said}"
            );
            let (n, converted) = ogrinfo(&target);
            assert_eq!(n, count, "{driver}");
            if driver == "FlatGeobuf" {
                // GDAL's FlatGeobuf (magic patch byte 1) reads back in incimap.
                let out = run(&["convert", s(&target), "-f", "csv"]);
                assert!(out.status.success(), "{}", stderr(&out));
                assert_eq!(stdout(&out).lines().count(), count + 1);
            }
            for (name, k) in &fields {
                let got = kind(&converted, name).unwrap_or_else(|| panic!("{driver}: {name} lost"));
                // FlatGeobuf has no date-only type: GDAL writes a Date as a DateTime.
                let same = got == *k || (k == "Date" && got == "DateTime");
                assert!(same, "{driver}: {name} was {k}, is {got}");
            }
        }
    }
}

#[test]
fn gdal_opens_incimaps_flatgeobuf_and_searches_its_index() {
    if !gdal() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let fgb = d.join("events.fgb");
    assert!(run(&["convert", s(&geojson), "-o", s(&fgb)])
        .status
        .success());
    let n = features_of(&geojson).len();
    let (count, fields) = ogrinfo(&fgb);
    assert_eq!(count, n);
    for (name, kind) in [
        ("event_id", "String"),
        ("event_date", "DateTime"),
        ("fatalities", "Integer"),
        ("confidence", "Real"),
        ("sources", "String"),
        ("source_count", "Integer"),
        ("gazetteer_id", "String"),
    ] {
        assert!(
            fields.contains(&(name.to_string(), kind.to_string())),
            "{name}: {fields:?}"
        );
    }
    // GDAL sees the index (its Python bindings say so; ogrinfo 3.6 prints no capability).
    let probe = std::process::Command::new("/usr/bin/python3")
        .args([
            "-c",
            "import sys; from osgeo import ogr; print(ogr.Open(sys.argv[1]).GetLayer(0).TestCapability(ogr.OLCFastSpatialFilter))",
            s(&fgb),
        ])
        .output();
    match probe {
        Ok(o) if o.status.success() => {
            assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "True")
        }
        _ => {
            eprintln!("skipped the index capability check: no GDAL Python bindings (python3-gdal)")
        }
    }
    // A spatial filter (answered from the index) finds what incimap's box finds.
    let spat = std::process::Command::new("ogrinfo")
        .args([
            "-ro",
            "-q",
            "-spat",
            "-8.2",
            "12.5",
            "-7.9",
            "12.8",
            s(&fgb),
            "events",
        ])
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&spat.stdout)
        .matches("OGRFeature(events)")
        .count();
    let out = run(&[
        "within",
        "--bbox",
        "-8.2,12.5,-7.9,12.8",
        s(&geojson),
        "-f",
        "csv",
    ]);
    assert_eq!(listed, stdout(&out).lines().count() - 1);
    assert!(listed >= 2);

    // No events: a file GDAL opens without a word (no index of nothing).
    std::fs::create_dir(d.join("quiet")).unwrap();
    std::fs::write(d.join("quiet/a.txt"), "Nothing happened.\n").unwrap();
    let empty = d.join("empty.fgb");
    assert!(run(&["extract", s(&d.join("quiet")), "-o", s(&empty)])
        .status
        .success());
    let info = std::process::Command::new("ogrinfo")
        .args(["-ro", "-so", "-al", s(&empty)])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stderr).trim().is_empty());
    assert!(String::from_utf8_lossy(&info.stdout).contains("Feature Count: 0"));
}

#[test]
fn partition_writes_a_hive_folder_of_geoparquet_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let geojson = extracted(d);
    let n = features_of(&geojson).len();
    let folder = d.join("archive");
    let out = run(&[
        "convert",
        s(&geojson),
        "-o",
        s(&folder),
        "--partition",
        "country_code,year",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files = Vec::new();
    let mut stack = vec![folder.clone()];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert!(!files.is_empty());
    let mut read = 0;
    for file in &files {
        let relative = file.strip_prefix(&folder).unwrap().to_str().unwrap();
        let parts: Vec<&str> = relative.split('/').collect();
        assert_eq!(parts.len(), 3, "{relative}");
        assert!(parts[0].starts_with("country_code=") && parts[1].starts_with("year="));
        assert_eq!(parts[2], "part-0.parquet");
        // Each file holds the features of its folder's values, read back by incimap.
        let out = run(&["convert", s(file), "-f", "geojson"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let back: Value = serde_json::from_str(&stdout(&out)).unwrap();
        for f in back["features"].as_array().unwrap() {
            let code = parts[0].trim_start_matches("country_code=");
            assert_eq!(f["properties"]["country_code"], code);
            let year = parts[1].trim_start_matches("year=");
            match f["properties"]["event_date"].as_str() {
                Some(date) => assert!(date.starts_with(year), "{date} in {relative}"),
                None => assert_eq!(year, "__HIVE_DEFAULT_PARTITION__"),
            }
            read += 1;
        }
    }
    assert_eq!(read, n);
    // Written whole into a new or empty folder only: a second run leaves the first alone.
    let out = run(&[
        "convert",
        s(&geojson),
        "-o",
        s(&folder),
        "--partition",
        "year",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("not empty"), "{}", stderr(&out));
    assert!(files.iter().all(|f| f.is_file()));
    // A failing input leaves nothing.
    let bad = d.join("bad.geojson");
    std::fs::write(&bad, "{\"type\":\"FeatureCollection\",\"features\":[").unwrap();
    let never = d.join("never");
    let out = run(&["convert", s(&bad), "-o", s(&never), "--partition", "year"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!never.exists());
    no_leftovers(d);
    // Usage: a folder to write and GeoParquet.
    for args in [
        vec!["convert", s(&geojson), "--partition", "year"],
        vec![
            "convert",
            s(&geojson),
            "-o",
            s(&never),
            "--partition",
            "year",
            "-f",
            "csv",
        ],
        vec![
            "convert",
            s(&geojson),
            "-o",
            s(&never),
            "--partition",
            "year,,x",
        ],
        vec![
            "near",
            "12.6,-8",
            "--radius",
            "9km",
            s(&geojson),
            "-f",
            "table",
            "--partition",
            "year",
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("partition"), "{}", stderr(&out));
    }
    assert!(!never.exists());
}
