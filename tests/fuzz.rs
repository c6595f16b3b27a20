//! Fuzzing on the stable toolchain: each reader is fed inputs mutated from its seed corpus
//! (`fuzz/corpus/TARGET/`), and must give a value or an error, never panic or hang.
//! `fuzz/regressions/TARGET/` holds inputs that once crashed; they are replayed first.
//! A crashing input is written to `target/fuzz-crashes/TARGET-HASH` and the test fails.
//!
//! `cargo test --release --test fuzz` runs each target for a few seconds (CI's short run);
//! `INCIMAP_FUZZ_EXECS=1000000 cargo test --release --test fuzz -- --nocapture` runs each
//! for a million executions (the long run; fuzz/README.md). `INCIMAP_FUZZ_SECS` sets the
//! seconds per target, `INCIMAP_FUZZ_SEED` the random seed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use incimap::article::Article;
use incimap::extract::extract_article;
use incimap::filter::EventFilter;
use incimap::gazetteer::Gazetteer;
use incimap::io::events_in::{load_events_in_with, InputFormat, LoadOptions};
use incimap::io::fields::{check_date, DateOrder};
use incimap::spatial::region::{BBox, Region};

/// A xorshift generator: reproducible runs from a seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens the readers care about, inserted whole by the mutator.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b";",
    b"\t",
    b"\n",
    b"\r\n",
    b"\x1E",
    b"\\u",
    b"\\ud800",
    b"\\udc00",
    b"null",
    b"true",
    b"-",
    b"-5",
    b"1e999",
    b"0.5",
    b"99999999999999999999",
    b"\"Feature\"",
    b"\"Point\"",
    b"\"id\"",
    b"\"properties\"",
    b"\"coordinates\"",
    b"\"event_date\"",
    b"\"fatalities\"",
    b"2024-02-30",
    b"03/04/2024",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xC3",
    b"\xE9",
    b"killed",
    b"Bamako",
    b"on Friday",
    b" and ",
    b", ",
    b"12",
    b"P.PPL",
    b"A.ADM1",
];

const MAX_LEN: usize = 8192;

/// One mutation of `data`, splicing from `corpus` at times.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    let at = rng.below(data.len() + 1);
    match rng.below(7) {
        0 if !data.is_empty() => {
            let i = rng.below(data.len());
            data[i] ^= 1 << rng.below(8);
        }
        1 => data.insert(at, rng.next() as u8),
        2 if !data.is_empty() => {
            let end = (at + 1 + rng.below(16)).min(data.len());
            data.drain(at.min(end)..end);
        }
        3 if !data.is_empty() => {
            let start = rng.below(data.len());
            let end = (start + 1 + rng.below(64)).min(data.len());
            let piece = data[start..end].to_vec();
            data.splice(at..at, piece);
        }
        4 | 5 => {
            let token = TOKENS[rng.below(TOKENS.len())];
            data.splice(at..at, token.iter().copied());
        }
        _ => {
            let other = &corpus[rng.below(corpus.len())];
            if !other.is_empty() {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(256)).min(other.len());
                data.splice(at..at, other[start..end].iter().copied());
            }
        }
    }
    data.truncate(MAX_LEN);
}

fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Feeds `target` its regressions, its seeds, then mutants of them for the time or the
/// number of executions the environment asks; fails on the first panic with the input.
fn fuzz(name: &str, target: impl Fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = files_in(&root.join("fuzz/corpus").join(name));
    assert!(!corpus.is_empty(), "fuzz/corpus/{name} holds no seed");
    let regressions = files_in(&root.join("fuzz/regressions").join(name));
    let execs = env_number("INCIMAP_FUZZ_EXECS");
    let budget = Duration::from_secs(env_number("INCIMAP_FUZZ_SECS").unwrap_or(6));
    let seed = env_number("INCIMAP_FUZZ_SEED").unwrap_or(0x001c_c1a9_u64) ^ name.len() as u64;
    let mut rng = Rng(seed.max(1));
    let run = |input: &[u8]| {
        if catch_unwind(AssertUnwindSafe(|| target(input))).is_err() {
            let dir = root.join("target/fuzz-crashes");
            std::fs::create_dir_all(&dir).unwrap();
            let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
            });
            let path = dir.join(format!("{name}-{hash:016x}"));
            std::fs::write(&path, input).unwrap();
            panic!(
                "fuzz target {name} panicked on {} (copy it to fuzz/regressions/{name}/)",
                path.display()
            );
        }
    };
    for input in regressions.iter().chain(&corpus) {
        run(input);
    }
    let started = Instant::now();
    let mut done: u64 = 0;
    loop {
        match execs {
            Some(n) if done >= n => break,
            None if started.elapsed() >= budget => break,
            _ => {}
        }
        let mut input = corpus[rng.below(corpus.len())].clone();
        for _ in 0..1 + rng.below(8) {
            mutate(&mut rng, &mut input, &corpus);
        }
        run(&input);
        done += 1;
    }
    println!(
        "fuzz {name}: {done} executions in {:.1} s, no crash",
        started.elapsed().as_secs_f64()
    );
}

/// Loads `bytes` as an events file named `name`; what it keeps must be repeatable whole
/// (checked once at load: no feature fails later, in an answer).
fn load_bytes(name: &str, bytes: &[u8]) {
    let path = scratch(name, bytes);
    let options = LoadOptions {
        date_order: Some(DateOrder::DayFirst),
        ..LoadOptions::default()
    };
    if let Ok(set) = load_events_in_with(
        std::slice::from_ref(&path),
        InputFormat::Auto,
        &EventFilter::default(),
        None,
        options,
    ) {
        for p in &set.points {
            set.feature(p)
                .unwrap_or_else(|e| panic!("kept at load, refused in an answer: {e}"));
        }
    }
}

/// Writes `bytes` to a file named `name` in this thread's scratch folder, made once.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().unwrap();
    }
    let path = DIR.with(|d| d.path().join(name));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gazetteer() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| Gazetteer::default_only().unwrap())
}

#[test]
fn fuzz_articles() {
    fuzz("article", |bytes| {
        let text = String::from_utf8_lossy(bytes);
        extract_article(&Article::parse("fuzz.txt", &text), gazetteer());
    });
}

#[test]
fn fuzz_geojson() {
    fuzz("geojson", |bytes| load_bytes("e.geojson", bytes));
}

#[test]
fn fuzz_geojsonseq() {
    fuzz("geojsonseq", |bytes| load_bytes("e.geojsonl", bytes));
}

#[test]
fn fuzz_csv() {
    fuzz("csv", |bytes| load_bytes("e.csv", bytes));
}

#[test]
fn fuzz_gazetteer_import() {
    fuzz("gazetteer", |bytes| {
        let path = scratch("XX.txt", bytes);
        for skip_bad in [false, true] {
            let names = std::collections::HashMap::new();
            if let Ok((rows, _)) =
                incimap::gazetteer::import::read_dumps(&[&path], &names, skip_bad)
            {
                let _ = incimap::gazetteer::index::build_index(&rows);
            }
        }
    });
}

#[test]
fn fuzz_query_arguments() {
    fuzz("arguments", |bytes| {
        let text = String::from_utf8_lossy(bytes);
        let _ = text.parse::<BBox>();
        let _ = incimap::distance::parse_distance_km(&text);
        let _ = text.parse::<DateOrder>();
        let _ = check_date(&text, None);
        let _ = check_date(&text, Some(DateOrder::MonthFirst));
        let _ = incimap::filter::parse_event_date(&text);
        let _ = incimap::gazetteer::parse_query(&text);
        let _ = incimap::spatial::batch::parse_queries(&text, "queries.txt");
        let _ = Region::from_geojson(&text, "region.geojson", None);
    });
}
