//! `incimap score EVENTS GOLD_DIR` measures events against gold annotations coded by hand
//! (one JSON file per article), with the project's scoring rules (see
//! [`incimap::score`]): the required gold events missed, then precision, recall, F1,
//! strict recall and strict F1 on stdout.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use incimap::score::{read_gold, score, Prediction};

use super::query::{self, EventInput, Failure, InFormat};

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The events to score, in any format incimap reads (- for stdin).
    #[arg(value_name = "EVENTS")]
    events: PathBuf,
    /// A folder of gold files, one JSON object per article: {"article": "name.txt",
    /// "events": [{"key", "lat", "lon", "tolerance_km", "date", "date_window_days",
    /// "fatalities_low", "fatalities_high", "required"}, ...]}.
    #[arg(value_name = "GOLD_DIR")]
    gold: PathBuf,
}

pub fn run(args: ScoreArgs) -> anyhow::Result<i32> {
    query::exit_code(measure(&args))
}

fn measure(args: &ScoreArgs) -> Result<(), Failure> {
    let gold = read_gold(&args.gold)?;
    let input = EventInput {
        events: vec![args.events.clone()],
        input_format: InFormat::Auto,
        date_order: None,
    };
    let set = query::load(&input, &Default::default(), None)?;
    let predictions = set
        .points
        .iter()
        .map(|p| set.feature(p))
        .collect::<anyhow::Result<Vec<_>>>()?
        .iter()
        .filter_map(Prediction::from_feature)
        .collect::<Vec<_>>();
    let s = score(&predictions, &gold);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write = || -> std::io::Result<()> {
        for m in &s.missed_required {
            writeln!(out, "MISS {m}")?;
        }
        writeln!(out, "required events  {}", s.required)?;
        writeln!(out, "predicted pairs  {}", s.pairs)?;
        for (name, value) in [
            ("precision", s.precision),
            ("recall", s.recall),
            ("F1", s.f1),
            ("strict recall", s.strict_recall),
            ("strict F1", s.strict_f1),
        ] {
            writeln!(out, "{name:<16} {value:.3}")?;
        }
        out.flush()
    };
    write().map_err(|e| Failure::from(anyhow::Error::from(e)))?;
    summary!(
        "incimap: {}; {} gold articles",
        query::describe_load(&set),
        gold.len()
    );
    Ok(())
}
