//! `incimap extract PATH...` reads news articles and writes the incidents they report as
//! GeoJSON (or in the format `-f` or the output's extension names), with a one-line
//! summary on stderr; with `--explain FILE`, also why each event is as it is and why other
//! tellings became none.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use incimap::gazetteer::Gazetteer;
use incimap::io::articles;
use incimap::io::atomic::write_output;
use incimap::io::events_out::write_events;
use incimap::pipeline::{run, RunOptions};
use incimap::{explain, extract};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files or folders (walked for .txt and .md), or - for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    output: super::output::EventOutput,
    /// Extra gazetteers written by `gazetteer import` (also env INCIMAP_GAZETTEER).
    #[arg(long = "gazetteer", value_name = "GAZ")]
    gazetteers: Vec<PathBuf>,
    /// The publication date of articles that do not give one (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    published: Option<chrono::NaiveDate>,
    /// Also write, for every event, the decisions that made it (place candidates and
    /// their scores, date, figures, fusion, confidence), and every telling left out with
    /// why (- is stdout). Written whole or not at all.
    #[arg(long, value_name = "FILE")]
    explain: Option<PathBuf>,
    /// How --explain is written: text for a reader, or JSON lines.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    explain_format: ExplainFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExplainFormat {
    Text,
    Json,
}

pub fn run_extract(args: ExtractArgs) -> anyhow::Result<i32> {
    let started = std::time::Instant::now();
    let format = match args.output.chosen() {
        Ok(format) => format,
        Err(usage) => {
            eprintln!("incimap: {usage}");
            return Ok(2);
        }
    };
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
    let (fused, summary) = run(
        &sources,
        &gaz,
        &RunOptions {
            published: args.published,
            explain: args.explain.is_some(),
        },
        &tick,
    );
    let events = &fused.events;
    bar.finish_and_clear();
    for w in &summary.warnings {
        eprintln!("incimap: warning: {w}");
    }
    if let Some(path) = &args.explain {
        let how = match args.explain_format {
            ExplainFormat::Text => explain::Format::Text,
            ExplainFormat::Json => explain::Format::JsonLines,
        };
        write_output(Some(path), |w| {
            Ok(explain::write(
                w,
                events,
                &fused.explanations,
                &summary.dropped,
                how,
            )?)
        })?;
    }
    write_output(args.output.output.as_deref(), |w| {
        write_events(w, events, format)
    })?;
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
