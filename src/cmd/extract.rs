//! `incimap extract PATH...` reads news articles and writes the incidents they report as
//! GeoJSON (or GeoJSON Text Sequences, or CSV), with a one-line summary on stderr.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use incimap::extract;
use incimap::gazetteer::Gazetteer;
use incimap::io::articles;
use incimap::io::atomic::write_output;
use incimap::io::events_out::{write_events, EventFormat};
use incimap::pipeline::{run, RunOptions};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files or folders (walked for .txt and .md), or - for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output file (default: stdout; - is stdout). Written whole or not at all.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Geojson)]
    format: Format,
    /// Extra gazetteers written by `gazetteer import` (also env INCIMAP_GAZETTEER).
    #[arg(long = "gazetteer", value_name = "GAZ")]
    gazetteers: Vec<PathBuf>,
    /// The publication date of articles that do not give one (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    published: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Geojson,
    Geojsonseq,
    Csv,
}

pub fn run_extract(args: ExtractArgs) -> anyhow::Result<i32> {
    let started = std::time::Instant::now();
    // The folders are walked while the matchers are built.
    let (sources, ()) = rayon::join(|| articles::collect(&args.paths), extract::prepare);
    let sources = sources?;
    let gaz = Gazetteer::from_args(&args.gazetteers)?;
    let bar = if std::io::stderr().is_terminal() && sources.len() >= 50 {
        indicatif::ProgressBar::new(sources.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let tick = || bar.inc(1);
    let (events, summary) = run(
        &sources,
        &gaz,
        &RunOptions {
            published: args.published,
        },
        &tick,
    );
    bar.finish_and_clear();
    for w in &summary.warnings {
        eprintln!("incimap: warning: {w}");
    }
    let format = match args.format {
        Format::Geojson => EventFormat::GeoJson,
        Format::Geojsonseq => EventFormat::GeoJsonSeq,
        Format::Csv => EventFormat::Csv,
    };
    write_output(args.output.as_deref(), |w| write_events(w, &events, format))?;
    eprintln!(
        "incimap: {} articles read, {} incidents found, {} features written, {} incidents dropped for want of a place, {} for want of a day and a toll, {:.2} s",
        summary.articles,
        summary.incidents,
        events.len(),
        summary.dropped_without_place,
        summary.dropped_vague,
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}
