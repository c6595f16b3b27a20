//! `incimap nearest PLACE|LAT,LON [-k 5] [EVENTS...]` writes the k events nearest to a
//! place or point, nearest first (ties by id), each with `distance_km`.

use clap::Args;

use super::query::{self, CenterArgs, QueryArgs};

#[derive(Debug, Args)]
pub struct NearestArgs {
    #[command(flatten)]
    center: CenterArgs,
    /// How many events.
    #[arg(short, long, default_value_t = 5)]
    k: usize,
    #[command(flatten)]
    query: QueryArgs,
}

pub fn run(args: NearestArgs) -> anyhow::Result<i32> {
    query::exit_code(nearest(&args))
}

fn nearest(args: &NearestArgs) -> Result<(), query::Failure> {
    let (center, set, index) =
        query::prepare_distance(&args.center, &args.query.input, &args.query.filters)?;
    let hits = index.nearest(
        center,
        args.k,
        args.query.filters.metric(),
        &query::by_id(&set),
    );
    let rows = query::distance_rows(&hits);
    query::write_rows(&set, &rows, &args.query.output)?;
    eprintln!(
        "incimap: {}; the {} nearest written",
        query::describe_load(&set),
        rows.len()
    );
    Ok(())
}
