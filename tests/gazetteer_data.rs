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
