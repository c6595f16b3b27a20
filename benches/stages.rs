//! In-process cost of each extraction stage over the seed articles, one thread: where
//! the whole-process time of `benches/process.sh` goes. Each stage reads the same five
//! articles; `whole article` is parse plus extraction, as a worker runs them; `read
//! document` cuts parsed articles into clauses and tokens, `annotate` runs every
//! annotator over the documents, and the last four each annotator alone, sentence by
//! sentence.
//! Issue 4's target (whole process, 2 threads): >= 5,000 seed-like articles/s.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use incimap::article::Article;
use incimap::extract::annotate::{self, dates, events, figures, places};
use incimap::extract::doc::Doc;
use incimap::extract::extract_article;
use incimap::gazetteer::Gazetteer;

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("seeds folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(&p).expect("seed text"))
        })
        .collect();
    out.sort();
    out
}

fn stages(c: &mut Criterion) {
    let gaz = Gazetteer::default_only().expect("default gazetteer");
    let texts = seeds();
    let articles: Vec<Article> = texts.iter().map(|(n, t)| Article::parse(n, t)).collect();
    let sentences: Vec<&str> = articles
        .iter()
        .flat_map(|a| {
            a.paragraphs
                .iter()
                .flat_map(|p| p.sentences.iter().map(|s| a.sentence(s)))
        })
        .collect();
    let mut group = c.benchmark_group("stages (5 seed articles)");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("whole article", |b| {
        b.iter(|| {
            for (n, t) in &texts {
                black_box(extract_article(&Article::parse(n, t), &gaz));
            }
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            for (n, t) in &texts {
                black_box(Article::parse(n, t));
            }
        })
    });
    group.bench_function("read document", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(Doc::read(a));
            }
        })
    });
    let docs: Vec<Doc> = articles.iter().map(Doc::read).collect();
    group.bench_function("annotate", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(annotate::annotate(d, &gaz));
            }
        })
    });
    let each = |name: &str, f: &dyn Fn(&str) -> usize, c: &mut criterion::BenchmarkGroup<_>| {
        c.bench_function(name, |b| {
            b.iter(|| sentences.iter().map(|s| f(black_box(s))).sum::<usize>())
        });
    };
    each("spot places", &|s| places::spot(s).len(), &mut group);
    each("find dates", &|s| dates::find_dates(s).len(), &mut group);
    each(
        "read cues",
        &|s| events::read_cues(s).words.len(),
        &mut group,
    );
    each(
        "find figures",
        &|s| figures::find_figures(s).len(),
        &mut group,
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
