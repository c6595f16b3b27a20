//! Compiles the shipped gazetteer (`gazetteer/places.tsv.gz`) into the binary index that
//! `src/gazetteer` searches in place, so that no text is parsed when incimap starts.

#[path = "src/gazetteer/normalize.rs"]
#[allow(dead_code)]
mod normalize;

#[path = "src/gazetteer/index.rs"]
#[allow(dead_code)]
mod index;

use std::collections::HashMap;
use std::io::Read;

fn main() {
    let source = "gazetteer/places.tsv.gz";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=src/gazetteer/normalize.rs");
    println!("cargo:rerun-if-changed=src/gazetteer/index.rs");
    let mut text = String::new();
    let file = std::fs::File::open(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{source}: {e}"));

    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 9 {
            panic!("{source}:{}: {} columns, expected 9", n + 1, f.len());
        }
        let num = |s: &str| -> f64 {
            s.parse()
                .unwrap_or_else(|_| panic!("{source}:{}: bad number {s:?}", n + 1))
        };
        rows.push(index::PlaceRow {
            id: f[0].to_string(),
            name: f[1].to_string(),
            lat: num(f[2]),
            lon: num(f[3]),
            country_code: f[4].to_string(),
            admin1: f[5].to_string(),
            kind: index::Kind::parse(f[6])
                .unwrap_or_else(|| panic!("{source}:{}: unknown kind {}", n + 1, f[6])),
            population: f[7].parse().unwrap_or(0),
            alternate_names: f[8]
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    // The data names a place's admin1 by its GeoNames code; records carry the division's name.
    let admin1_names: HashMap<String, String> = rows
        .iter()
        .filter(|r| r.kind == index::Kind::Admin1)
        .map(|r| (r.admin1.clone(), r.name.clone()))
        .collect();
    for row in &mut rows {
        if let Some(name) = admin1_names.get(&row.admin1) {
            row.admin1 = name.clone();
        }
    }
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let blob = index::build_index(&rows).unwrap_or_else(|e| panic!("{source}: {e}"));
    let out = out_dir.join("default.gaz");
    std::fs::write(&out, blob).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    // The same names by code, for `gazetteer import` to name the divisions of GeoNames dumps
    // as the shipped gazetteer does.
    let mut codes: Vec<(&String, &String)> = admin1_names.iter().collect();
    codes.sort();
    let table: String = codes
        .into_iter()
        .map(|(code, name)| format!("{code}\t{name}\n"))
        .collect();
    let out = out_dir.join("admin1_codes.tsv");
    std::fs::write(&out, table).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
