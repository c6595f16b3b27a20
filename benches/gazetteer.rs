//! In-process gazetteer speed: exact lookups (the extraction path, fuzzy off) and fuzzy
//! lookups (a misspelt name, Levenshtein automaton over the folded-key fst).
//! Issue 3's targets: >= 1,000,000 exact lookups/s and >= 20,000 fuzzy lookups/s.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use incimap::gazetteer::{Gazetteer, LookupOptions};

const NAMES: [&str; 10] = [
    "Bamako",
    "Menaka",
    "Mopti",
    "Kati",
    "Gao",
    "Niamey",
    "Ouagadougou",
    "Mogadishu",
    "Peshawar",
    "Cali",
];
const MISSPELT: [&str; 10] = [
    "Bamakko",
    "Menakka",
    "Moptti",
    "Ouagadugu",
    "Niamei",
    "Mogadisho",
    "Peshawer",
    "Kidall",
    "Tombuctou",
    "Sikaso",
];

fn lookups(c: &mut Criterion) {
    let gaz = Gazetteer::default_only().expect("default gazetteer");
    let exact = LookupOptions {
        limit: 1,
        fuzzy: false,
        country: Some("ML".into()),
        near_lat_lon: None,
    };
    let mut group = c.benchmark_group("gazetteer");
    group.throughput(Throughput::Elements(NAMES.len() as u64));
    group.bench_function("exact lookup x10", |b| {
        b.iter(|| {
            for n in NAMES {
                black_box(gaz.lookup(black_box(n), &exact));
            }
        })
    });
    let fuzzy = LookupOptions {
        limit: 1,
        fuzzy: true,
        country: None,
        near_lat_lon: None,
    };
    group.throughput(Throughput::Elements(MISSPELT.len() as u64));
    group.bench_function("fuzzy lookup x10", |b| {
        b.iter(|| {
            for n in MISSPELT {
                black_box(gaz.lookup(black_box(n), &fuzzy));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
