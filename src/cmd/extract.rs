//! `incimap extract [PATH...]` reads news articles (stdin when no path is given and stdin
//! is not a terminal) and writes the incidents they report as GeoJSON (or in the format
//! `-f` or the output's extension names), with a one-line summary on stderr (unless `-q`);
//! with `--explain FILE`, also why each event is as it is and why other tellings became
//! none.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use incimap::gazetteer::Gazetteer;
use incimap::io::articles;
use incimap::io::atomic::write_output;
use incimap::pipeline::{run, RunOptions};
use incimap::{explain, extract};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files or folders (walked for .txt and .md), or - for stdin (the default
    /// when stdin is a pipe).
    paths: Vec<PathBuf>,
    /// Follow symbolic links met inside folders (loops are detected and named).
    #[arg(short = 'L', long)]
    follow: bool,
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
    let paths = if args.paths.is_empty() {
        if std::io::stdin().is_terminal() {
            eprintln!("incimap: no PATH given and stdin is a terminal: name article files or folders, or pipe an article in (e.g. cat article.txt | incimap extract)");
            return Ok(2);
        }
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let walk = articles::Walk {
        follow_links: args.follow,
    };
    // The folders are walked while the matchers are built.
    let (collected, ()) = rayon::join(|| articles::collect(&paths, walk), extract::prepare);
    let collected = collected?;
    print_warnings(&collected.warnings);
    let sources = collected.sources;
    let inputs = || {
        sources.iter().filter_map(|s| match s {
            articles::ArticleSource::File { path, .. } => Some(path.as_path()),
            articles::ArticleSource::Stdin => None,
        })
    };
    super::output::check_output(args.output.output.as_deref(), inputs())?;
    super::output::check_output(args.explain.as_deref(), inputs())?;
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
    print_warnings(&summary.warnings);
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
    super::output::write_events_to(
        args.output.output.as_deref(),
        args.output.partition.as_ref(),
        format,
        &events.as_slice(),
    )?;
    summary!(
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

/// Prints warnings on stderr, in one write: a run over many files may have thousands,
/// and stderr is unbuffered (three writes a line, each a system call).
fn print_warnings(warnings: &[String]) {
    if warnings.is_empty() {
        return;
    }
    let text: String = warnings
        .iter()
        .map(|w| format!("incimap: warning: {w}\n"))
        .collect();
    // A stderr that cannot be written loses them, where eprintln! would panic.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
}
