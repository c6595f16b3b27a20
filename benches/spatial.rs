//! Spatial benchmarks (issue 5), each beside its baseline in the same run, on the data
//! `benches/gen_events.py` writes (1,000,000 events clustered around real towns, 1,000
//! mixed queries; generated into `target/bench-data/` when absent):
//!
//! - `load/serde_json_typed` reads the file and parses it with serde_json into typed
//!   structs; `load/incimap_load_and_index` reads the same file with
//!   `io::events_in::load_events` and builds the index. Target: within 1.5x.
//! - `queries/index_1000` answers the 1,000 queries with the index;
//!   `queries/brute_force_10` answers the first 10 by scanning every event. Target: the
//!   index at least 100x faster per query.
//!
//! Run: `cargo bench --bench spatial`. Set `INCIMAP_BENCH_EVENTS` to use another size.

use std::path::PathBuf;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use incimap::distance::Metric;
use incimap::filter::EventFilter;
use incimap::io::events_in::{load_events, InputFormat};
use incimap::spatial::batch::{answer, parse_queries, Query};
use incimap::spatial::{brute, index::PointIndex, LatLon};
use serde::Deserialize;

fn data() -> (PathBuf, PathBuf) {
    let n: usize = std::env::var("INCIMAP_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let events = dir.join(format!("events-{n}.geojson"));
    let queries = dir.join(format!("queries-{n}.jsonl"));
    if !events.exists() || !queries.exists() {
        std::fs::create_dir_all(&dir).expect("bench data folder");
        let status = Command::new("python3")
            .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/gen_events.py"))
            .args(["--events", &n.to_string()])
            .args([&events, &queries])
            .status()
            .expect("python3 runs benches/gen_events.py");
        assert!(status.success(), "gen_events.py failed");
    }
    (events, queries)
}

/// The generated features as typed structs: what "serde_json alone" parses.
mod typed {
    use super::Deserialize;

    #[derive(Deserialize)]
    pub struct Collection {
        #[serde(rename = "type")]
        pub kind: String,
        pub features: Vec<Feature>,
    }

    #[derive(Deserialize)]
    pub struct Feature {
        #[serde(rename = "type")]
        pub kind: String,
        pub id: Option<String>,
        pub geometry: Option<Geometry>,
        pub properties: Properties,
    }

    #[derive(Deserialize)]
    pub struct Geometry {
        #[serde(rename = "type")]
        pub kind: String,
        pub coordinates: Vec<f64>,
    }

    #[derive(Deserialize)]
    pub struct Properties {
        pub event_date: Option<String>,
        pub event_type: Option<String>,
        pub actor1: Option<String>,
        pub location: Option<String>,
        pub country_code: Option<String>,
        pub fatalities: Option<u64>,
    }

    impl Feature {
        /// Reads every field, so the parse is all used: the byte count of its text, the
        /// number of its numbers.
        pub fn weight(&self) -> usize {
            let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
            let p = &self.properties;
            self.kind.len()
                + text(&self.id)
                + self
                    .geometry
                    .as_ref()
                    .map_or(0, |g| g.kind.len() + g.coordinates.len())
                + text(&p.event_date)
                + text(&p.event_type)
                + text(&p.actor1)
                + text(&p.location)
                + text(&p.country_code)
                + p.fatalities.map_or(0, |f| f as usize)
        }
    }
}

fn load(c: &mut Criterion) {
    let (events, _) = data();
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("serde_json_typed", |b| {
        b.iter(|| {
            let bytes = std::fs::read(&events).expect("read");
            let fc: typed::Collection = serde_json::from_slice(&bytes).expect("parse");
            assert_eq!(fc.kind, "FeatureCollection");
            fc.features
                .iter()
                .map(typed::Feature::weight)
                .sum::<usize>()
        })
    });
    group.bench_function("incimap_load_and_index", |b| {
        b.iter(|| {
            let set = load_events(
                std::slice::from_ref(&events),
                InputFormat::Auto,
                &EventFilter::default(),
            )
            .expect("load");
            PointIndex::new(set.lat_lons()).len()
        })
    });
    group.finish();
}

fn queries(c: &mut Criterion) {
    let (events, queries) = data();
    let set = load_events(&[events], InputFormat::Auto, &EventFilter::default()).expect("load");
    let points: Vec<LatLon> = set.lat_lons();
    let index = PointIndex::new(points.clone());
    let text = std::fs::read_to_string(&queries).expect("queries");
    let queries = parse_queries(&text, "queries").expect("parse queries");
    let ties = |a: u32, b: u32| set.points[a as usize].id.cmp(&set.points[b as usize].id);
    let mut group = c.benchmark_group("queries");
    group.sample_size(10);
    group.bench_function("index_1000", |b| {
        b.iter(|| {
            queries
                .iter()
                .map(|q| answer(&index, &q.query, Metric::Haversine, &ties).len())
                .sum::<usize>()
        })
    });
    group.bench_function("brute_force_10", |b| {
        b.iter(|| {
            queries
                .iter()
                .take(10)
                .map(|q| match &q.query {
                    Query::Near { center, radius_km } => {
                        brute::near(&points, *center, *radius_km, Metric::Haversine, &ties).len()
                    }
                    Query::Nearest { center, k } => {
                        brute::nearest(&points, *center, *k, Metric::Haversine, &ties).len()
                    }
                    Query::Bbox(bbox) => brute::within_bbox(&points, bbox).len(),
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, load, queries);
criterion_main!(benches);
