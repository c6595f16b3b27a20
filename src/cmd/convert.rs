//! `incimap convert IN... -o OUT` reads events in any format incimap reads and writes them
//! in any it writes (the output's extension or `-f` tells which), in input order.

use clap::Args;

use super::output::EventOutput;
use super::query::{self, EventInput, Failure, Row};

#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    input: EventInput,
    #[command(flatten)]
    output: EventOutput,
}

pub fn run(args: ConvertArgs) -> anyhow::Result<i32> {
    query::exit_code(convert(&args))
}

fn convert(args: &ConvertArgs) -> Result<(), Failure> {
    let format = args.output.chosen().map_err(Failure::usage)?;
    super::output::check_output(
        args.output.output.as_deref(),
        args.input.events.iter().map(|p| p.as_path()),
    )?;
    let set = query::load(&args.input, &Default::default(), None)?;
    let rows: Vec<Row> = (0..set.points.len() as u32)
        .map(|point| Row {
            point,
            distance_km: None,
        })
        .collect();
    let answers = query::Answers::new(&set, &rows);
    super::output::write_events_to(
        args.output.output.as_deref(),
        args.output.partition.as_ref(),
        format,
        &answers,
    )?;
    summary!(
        "incimap: {}; {} features written",
        query::describe_load(&set),
        rows.len()
    );
    Ok(())
}
