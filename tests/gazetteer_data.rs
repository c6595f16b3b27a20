//! The committed gazetteer data matches what its build script declares (gazetteer/MANIFEST.tsv).

use std::io::Read;

use sha2::{Digest, Sha256};

#[test]
fn committed_data_matches_manifest() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer");
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).unwrap();
    let value = |key: &str| {
        manifest
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}\t")))
            .unwrap_or_else(|| panic!("MANIFEST lacks {key}"))
            .to_string()
    };
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(root.join("places.tsv.gz")).unwrap())
        .read_to_end(&mut text)
        .unwrap();
    let digest: String = Sha256::digest(&text)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(digest, value("places.tsv sha256"));
    let text = String::from_utf8(text).unwrap();
    let rows = text.lines().count() - 1;
    assert_eq!(rows.to_string(), value("places.tsv.gz rows"));
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for line in text.lines().skip(1) {
        *kinds.entry(line.split('\t').nth(6).unwrap()).or_default() += 1;
    }
    for (kind, n) in kinds {
        assert_eq!(n.to_string(), value(&format!("kind {kind}")), "kind {kind}");
    }
    let size = std::fs::metadata(root.join("places.tsv.gz")).unwrap().len();
    assert!(size <= 12 * 1024 * 1024, "committed data is {size} bytes");
}

#[test]
fn embedded_gazetteer_has_every_row() {
    let gaz = incimap::gazetteer::Gazetteer::default_only().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer");
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).unwrap();
    let rows: usize = manifest
        .lines()
        .find_map(|l| l.strip_prefix("places.tsv.gz rows\t"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(gaz.len(), rows);
}

/// The second-level units (kind `admin2`, see gazetteer/README.md): GeoNames ids and
/// parent codes, bare names without their generic words, and a point at the seat.
#[test]
fn second_level_units_have_parents_bare_names_and_seats() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(root.join("places.tsv.gz")).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap();
    let mut per_country = std::collections::BTreeMap::<&str, usize>::new();
    for r in rows.iter().filter(|r| r[6] == "admin2") {
        *per_country.entry(r[4]).or_default() += 1;
        assert!(r[0].parse::<u32>().is_ok(), "{r:?}: a GeoNames id");
        assert!(
            r[5].starts_with(&format!("{}.", r[4])),
            "{r:?}: a parent admin1"
        );
    }
    for (cc, at_least) in [("ML", 45), ("BF", 45), ("NE", 50), ("NG", 700), ("CD", 90)] {
        assert!(per_country[cc] >= at_least, "{cc}: {}", per_country[cc]);
    }
    // (unit id, its bare name, its seat's id): the unit sits at its seat.
    for (unit, bare, seat) in [
        ("7701493", "Bankass", "2460401"),
        ("8334577", "Téra", "2438855"),
        ("8659839", "Gwoza", "2339665"),
        ("2439375", "Tahoua", "2439376"),
    ] {
        let (u, s) = (row(unit), row(seat));
        assert_eq!(u[6], "admin2");
        assert!(
            u[1] == bare || u[8].split('|').any(|a| a == bare),
            "{u:?} lacks {bare}"
        );
        assert_eq!((u[2], u[3], u[5]), (s[2], s[3], s[5]), "{unit} at {seat}");
        assert!(u[7].parse::<u64>().unwrap() >= s[7].parse::<u64>().unwrap());
    }
}
