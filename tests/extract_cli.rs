//! `incimap extract`, run as a user would: the seeds, the output contract, bad input.

mod common;

use common::{root, run, stderr, stdout};

fn seeds() -> String {
    root().join("seeds").to_str().unwrap().to_string()
}

/// Writes `bytes` as the article `name` in `dir` and extracts it, published 2024-03-07.
fn extract_written(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::process::Output {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    run(&[
        "extract",
        path.to_str().unwrap(),
        "--published",
        "2024-03-07",
    ])
}

#[test]
fn seeds_give_a_valid_deterministic_feature_collection() {
    let a = run(&["extract", &seeds()]);
    assert!(a.status.success(), "{}", stderr(&a));
    let b = run(&["extract", &seeds()]);
    assert_eq!(a.stdout, b.stdout, "same input, byte-identical output");
    let doc: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(doc["type"], "FeatureCollection");
    assert!(doc.get("crs").is_none());
    let features = doc["features"].as_array().unwrap();
    assert!(features.len() >= 5);
    let keys = [
        "event_id",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "location",
        "admin1",
        "country",
        "country_code",
        "geo_precision",
        "gazetteer_id",
        "fatalities",
        "fatalities_low",
        "fatalities_high",
        "injuries",
        "injuries_low",
        "injuries_high",
        "sources",
        "source_count",
        "notes",
        "confidence",
    ];
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        for v in c {
            let x = v.as_f64().unwrap();
            assert!(
                ((x * 1e5).round() / 1e5 - x).abs() < 1e-9,
                "coordinate {x} not rounded to 5 decimals"
            );
        }
        assert_eq!(f["id"], f["properties"]["event_id"]);
        let confidence = f["properties"]["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "{confidence}");
        for k in keys {
            assert!(f["properties"].get(k).is_some(), "property {k} missing");
        }
    }
    let summary = stderr(&a);
    assert!(
        summary.contains("articles read")
            && summary.contains("features written")
            && summary.contains("dropped"),
        "{summary}"
    );
}

#[test]
fn co_reports_of_indelimane_fuse_into_one_event() {
    let out = run(&["extract", &seeds()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let indelimane: Vec<&serde_json::Value> = doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["location"] == "Indelimane")
        .collect();
    assert_eq!(indelimane.len(), 1);
    let p = &indelimane[0]["properties"];
    assert_eq!(p["source_count"], 3);
    assert_eq!(p["event_date"], "2019-11-01");
    let f = p["fatalities"].as_u64().unwrap();
    assert!((49..=54).contains(&f), "fatalities {f}");
    assert!(
        p["fatalities_low"].as_u64().unwrap() <= f && f <= p["fatalities_high"].as_u64().unwrap()
    );
}

#[test]
fn output_file_formats_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("events.csv");
    let out = run(&[
        "extract",
        &seeds(),
        "-o",
        out_path.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_path(&out_path).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert!(
        headers.iter().any(|h| h == "latitude") && headers.iter().any(|h| h == "fatalities_high")
    );
    assert!(reader.records().count() >= 5);

    let out = run(&["extract", &seeds(), "--format", "geojsonseq"]);
    let text = stdout(&out);
    for record in text.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
        let f: serde_json::Value = serde_json::from_str(record.trim()).unwrap();
        assert_eq!(f["type"], "Feature");
    }

    let article = std::fs::read(root().join("seeds/001_4a4f2ddd6b6ee95b.txt")).unwrap();
    let mut child = std::process::Command::new(common::bin())
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&article).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["properties"]["location"] == "Indelimane"));
}

#[test]
fn published_flag_dates_articles_without_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(
        &a,
        "Gunmen attacked the army post in Kati on Friday, killing 12 soldiers.\n",
    )
    .unwrap();
    let out = run(&["extract", a.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["features"][0]["properties"]["event_date"],
        serde_json::Value::Null,
        "no anchor, no date"
    );
    let out = run(&["extract", a.to_str().unwrap(), "--published", "2022-07-25"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["features"][0]["properties"]["event_date"], "2022-07-22");
    assert_eq!(doc["features"][0]["properties"]["fatalities"], 12);
}

#[test]
fn bad_input_warns_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"GIF89a\0\0\x01binary").unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Gunmen attacked the town of Kati on Friday, killing 12 soldiers \xe9.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("quiet.txt"),
        "The weather in Bamako was mild and the markets were busy.\n",
    )
    .unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("binary.txt: binary file"), "{err}");
    assert!(err.contains("latin1.txt: not UTF-8 at byte 64"), "{err}");
    assert!(err.contains("empty.txt: empty"), "{err}");
    assert!(err.contains("quiet.txt: no incident found"), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["type"], "FeatureCollection");
}

#[test]
fn a_latin1_or_mixed_article_keeps_its_accents() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 throughout, Windows-1252's apostrophe, and UTF-8 with one Latin-1 word.
    let mixed = [
        "Des hommes armés ont tué douze civils mardi à Ségou, ".as_bytes(),
        b"d\xe9clare le maire.\n",
    ]
    .concat();
    let articles: [(&str, &[u8]); 3] = [
        (
            "latin1.txt",
            b"Des hommes arm\xe9s ont tu\xe9 douze civils mardi \xe0 S\xe9gou.\n",
        ),
        (
            "cp1252.txt",
            b"L\x92attaque a fait douze morts mardi \xe0 S\xe9gou, selon les autorit\xe9s.\n",
        ),
        ("mixed.txt", &mixed),
    ];
    for (name, bytes) in articles {
        let out = extract_written(dir.path(), name, bytes);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("{name}: not UTF-8 at byte")),
            "{}",
            stderr(&out)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let p = &doc["features"][0]["properties"];
        assert_eq!(p["location"], "Ségou", "{name}");
        assert_eq!(p["fatalities"], 12, "{name}");
    }
}

#[test]
fn a_utf16_article_is_decoded_and_read_like_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Gunmen attacked the town of Kati, Mali, on Friday, killing 12 soldiers.\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    std::fs::write(dir.path().join("le.txt"), le).unwrap();
    std::fs::write(dir.path().join("be.txt"), be).unwrap();
    std::fs::write(dir.path().join("cut.txt"), b"\xFF\xFEG\x00a").unwrap();
    for name in ["le.txt", "be.txt"] {
        let out = run(&["extract", dir.path().join(name).to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["features"][0]["properties"]["fatalities"], 12, "{name}");
    }
    let out = run(&["extract", dir.path().join("cut.txt").to_str().unwrap()]);
    assert!(
        stderr(&out).contains("cut.txt: UTF-16 text cut"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_oversized_article_is_read_in_part_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let line = "Residents said the market in the town was calm and busy all day long.\n";
    std::fs::write(&big, line.repeat(50 * 1024 * 1024 / line.len())).unwrap();
    let out = run(&["extract", big.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("big.txt: larger than"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn empty_result_is_an_empty_feature_collection() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("quiet.txt"), "Nothing happened.\n").unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["features"].as_array().unwrap().len(), 0);
}

#[test]
fn errors_name_the_path_and_leave_no_partial_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["extract", dir.path().join("nope").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));

    let target = dir.path().join("missing-dir").join("events.geojson");
    let out = run(&["extract", &seeds(), "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists());

    // An existing output stays whole when a later run fails before writing.
    let existing = dir.path().join("events.geojson");
    std::fs::write(&existing, "previous").unwrap();
    let out = run(&[
        "extract",
        dir.path().join("nope").to_str().unwrap(),
        "-o",
        existing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "previous");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn gdal_reads_the_output() {
    if std::process::Command::new("ogrinfo")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: ogrinfo (gdal-bin) is not installed; .ci/run installs it");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.geojson");
    let out = run(&["extract", &seeds(), "-o", path.to_str().unwrap()]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let n = doc["features"].as_array().unwrap().len();
    let info = std::process::Command::new("ogrinfo")
        .args(["-ro", "-so", "-al", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        info.status.success(),
        "{}",
        String::from_utf8_lossy(&info.stderr)
    );
    let text = String::from_utf8_lossy(&info.stdout);
    assert!(text.contains(&format!("Feature Count: {n}")), "{text}");
    assert!(text.contains("Geometry: Point"), "{text}");
    assert!(text.contains("fatalities: Integer"), "{text}");
    assert!(
        text.contains("event_date: Date") || text.contains("event_date: String"),
        "{text}"
    );
    // A "; "-joined text, not a list: GDAL's FlatGeobuf and GeoPackage drivers take no lists.
    assert!(text.contains("sources: String ("), "{text}");
    assert!(text.contains("source_count: Integer"), "{text}");
}

/// Extracts the seeds with `--explain` (and these extra arguments): the features and the
/// explanation's text.
fn explained(extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let (events, why) = (dir.path().join("e.geojson"), dir.path().join("why"));
    let mut args = vec![
        "extract",
        &seeds(),
        "-o",
        events.to_str().unwrap(),
        "--explain",
        why.to_str().unwrap(),
    ]
    .into_iter()
    .map(str::to_string)
    .collect::<Vec<_>>();
    args.extend(extra.iter().map(|a| a.to_string()));
    let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&events).unwrap()).unwrap();
    let features = doc["features"].as_array().unwrap().clone();
    (features, std::fs::read_to_string(&why).unwrap())
}

#[test]
fn explain_tells_why_each_event_is_where_it_is() {
    let (features, why) = explained(&[]);
    for f in &features {
        let id = f["id"].as_str().unwrap();
        let at = why.find(&format!("{id} ")).expect("each event explained");
        let block = &why[at..why[at..].find("\n\n").map_or(why.len(), |e| at + e)];
        assert!(
            block.contains("chosen:") && block.contains("score"),
            "{block}"
        );
        assert!(block.contains("confidence"), "{block}");
    }
    // The Bamako attack: 77 killed chosen among the figures the article gives, and why.
    assert!(why.contains("chosen: 77 (Exact)"), "{why}");
    assert!(why.contains("Tellings that became no event:"));
    assert!(why.contains("no place: none in the clause"));
}

#[test]
fn explain_as_json_lines_follows_the_events() {
    let (features, lines) = explained(&["--explain-format", "json"]);
    let ids: Vec<&str> = features.iter().map(|f| f["id"].as_str().unwrap()).collect();
    let parsed: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let explained: Vec<&serde_json::Value> =
        parsed.iter().filter(|v| v.get("event").is_some()).collect();
    let explained_ids: Vec<&str> = explained
        .iter()
        .map(|v| v["event"]["event_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        explained_ids, ids,
        "one line per event, in the events' order"
    );
    for v in &explained {
        let place = &v["reports"][0]["place"];
        let chosen: Vec<&serde_json::Value> = place["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["chosen"] == true)
            .collect();
        assert!(!chosen.is_empty(), "{v}");
        assert!(chosen[0]["scored"]["score"].as_f64().is_some());
        assert!(v["confidence_features"]["bias"].as_f64() == Some(1.0));
    }
    let dropped = parsed.iter().filter(|v| v.get("dropped").is_some()).count();
    assert!(dropped > 0);
    assert!(parsed
        .iter()
        .filter(|v| v.get("dropped").is_some())
        .all(|v| v["why"].as_str().is_some_and(|w| !w.is_empty())));
}

#[test]
fn an_explain_file_that_cannot_be_written_leaves_nothing_half_done() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("e.geojson");
    let why = dir.path().join("missing-dir").join("why.txt");
    let out = run(&[
        "extract",
        &seeds(),
        "-o",
        events.to_str().unwrap(),
        "--explain",
        why.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing-dir"), "{}", stderr(&out));
    assert!(!why.exists() && !events.exists());
}

#[test]
fn notes_quote_the_sentences_that_gave_event_place_date_and_toll() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Published at: **2024-03-04T10:00:00+00:00**\n\n\
         Gunmen attacked the market in Kati on Friday. \
         The governor visited the market on Sunday and spoke to traders. \
         Twelve people were killed, the army said. \
         The Malian army has been fighting insurgents since 2012.\n",
    )
    .unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &doc["features"][0]["properties"];
    assert_eq!(p["fatalities"], 12);
    assert_eq!(
        p["notes"],
        "Gunmen attacked the market in Kati on Friday. … Twelve people were killed, the army said."
    );
}

#[test]
fn an_article_in_a_language_incimap_does_not_read_is_named_and_left_unread() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        ("pt.txt", "Homens armados mataram doze pessoas na aldeia de Mocímboa da Praia na terça-feira, disseram as autoridades locais. O ataque foi reivindicado pelo Estado Islâmico.", Some("Portuguese")),
        ("es.txt", "Hombres armados mataron a doce personas en Villa Unión el martes, dijeron las autoridades locales. El ataque fue reivindicado por un cártel que opera en la región.", Some("Spanish")),
        ("de.txt", "Bewaffnete haben am Dienstag in Kati zwölf Menschen getötet, teilten die Behörden mit. Der Angriff wurde von einer Gruppe verübt, die seit Jahren aktiv ist.", Some("German")),
        ("en.txt", "Gunmen killed twelve people in Kati on Tuesday, local officials said.", None),
        ("fr.txt", "Des hommes armés ont tué douze personnes mardi à Kati, selon les autorités locales.", None),
    ];
    for (name, text, language) in articles {
        let out = extract_written(dir.path(), name, text.as_bytes());
        assert!(out.status.success(), "{}", stderr(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let features = doc["features"].as_array().unwrap().len();
        match language {
            Some(language) => {
                let said = format!("{name}: written in {language} (guessed)");
                assert!(stderr(&out).contains(&said), "{}", stderr(&out));
                assert_eq!(features, 0, "{name}");
            }
            None => {
                assert!(!stderr(&out).contains("written in"), "{}", stderr(&out));
                assert_eq!(features, 1, "{name}");
            }
        }
    }
}
