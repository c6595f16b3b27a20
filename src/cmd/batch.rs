//! `incimap batch QUERIES.jsonl [EVENTS...]` answers many near / nearest / bbox queries
//! over one load of the events: one JSON line in, `{"qid":..,"ids":[..]}` out, in order.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use incimap::io::atomic::write_output;
use incimap::io::events_in::FeatureId;
use incimap::spatial::batch::{answer, parse_queries};
use rayon::prelude::*;

use super::query::{self, EventInput, Failure, FilterArgs};

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Queries, one JSON object a line (- for stdin):
    /// {"qid":0,"op":"near","lon":..,"lat":..,"radius_km":..},
    /// {"qid":1,"op":"nearest","lon":..,"lat":..,"k":..},
    /// {"qid":2,"op":"bbox","bbox":[w,s,e,n]}.
    #[arg(value_name = "QUERIES.jsonl")]
    queries: PathBuf,
    #[command(flatten)]
    input: EventInput,
    #[command(flatten)]
    filters: FilterArgs,
    /// Output file (default: stdout; - is stdout). Written whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: BatchArgs) -> anyhow::Result<i32> {
    query::exit_code(batch(&args))
}

fn batch(args: &BatchArgs) -> Result<(), Failure> {
    let stdin_events =
        args.input.events.is_empty() || args.input.events.iter().any(|p| p.as_os_str() == "-");
    super::output::check_output(
        args.output.as_deref(),
        args.input
            .events
            .iter()
            .chain([&args.queries])
            .map(|p| p.as_path()),
    )?;
    let label = args.queries.display().to_string();
    let text = if args.queries.as_os_str() == "-" {
        if stdin_events {
            return Err(Failure::usage(
                "queries and events cannot both come from stdin: name the events file",
            ));
        }
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| Failure::error(format!("<stdin>: {e}")))?
    } else {
        std::fs::read_to_string(&args.queries)
            .map_err(|e| Failure::error(format!("{label}: {e}")))?
    };
    let queries = parse_queries(&text, &label).map_err(Failure::error)?;
    let gaz = query::filter_gazetteer(&args.filters, None)?;
    let started = Instant::now();
    let set = query::load(&args.input, &args.filters.filter(gaz.as_ref()), None)?;
    let loaded = started.elapsed();
    let started = Instant::now();
    let index = query::index(&set);
    let indexed = started.elapsed();
    let started = Instant::now();
    let metric = args.filters.metric();
    let ties = query::by_id(&set);
    let answers: Vec<Vec<u32>> = queries
        .par_iter()
        .map(|q| answer(&index, &q.query, metric, &ties))
        .collect();
    let answered = started.elapsed();
    #[derive(serde::Serialize)]
    struct Answer<'a> {
        qid: &'a serde_json::value::RawValue,
        ids: Vec<&'a FeatureId>,
    }
    write_output(args.output.as_deref(), |w| {
        for (q, found) in queries.iter().zip(&answers) {
            let line = Answer {
                qid: &q.qid,
                ids: found.iter().map(|&i| &set.points[i as usize].id).collect(),
            };
            serde_json::to_writer(&mut *w, &line)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })?;
    summary!(
        "incimap: batch: {} features loaded in {:.3} s ({}), index built in {:.3} s, {} queries answered in {:.3} s",
        set.stats.kept,
        loaded.as_secs_f64(),
        query::describe_load(&set),
        indexed.as_secs_f64(),
        queries.len(),
        answered.as_secs_f64()
    );
    Ok(())
}
