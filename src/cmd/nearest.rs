//! `incimap nearest PLACE|LAT,LON [-k 5] [EVENTS...]` writes the k events nearest to a
//! place or point, nearest first (ties by id), each with `distance_km`.

use std::path::PathBuf;

use clap::Args;

use super::query::{self, EventInput, FilterArgs, OutputArgs, Row};

#[derive(Debug, Args)]
pub struct NearestArgs {
    /// A place name (looked up in the gazetteer) or LAT,LON in degrees.
    #[arg(value_name = "PLACE|LAT,LON", allow_hyphen_values = true)]
    place: String,
    /// How many events.
    #[arg(short, long, default_value_t = 5)]
    k: usize,
    #[command(flatten)]
    input: EventInput,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Extra gazetteers written by `gazetteer import` (also env INCIMAP_GAZETTEER).
    #[arg(long = "gazetteer", value_name = "GAZ")]
    gazetteers: Vec<PathBuf>,
}

pub fn run(args: NearestArgs) -> anyhow::Result<i32> {
    Ok(match nearest(&args) {
        Ok(()) => 0,
        Err(f) => f.report(),
    })
}

fn nearest(args: &NearestArgs) -> Result<(), query::Failure> {
    let country = args.filters.country.first().map(String::as_str);
    let (center, gaz) = query::center(&args.place, country, &args.gazetteers)?;
    let gaz = match gaz {
        Some(g) => Some(g),
        None if !args.filters.country.is_empty() => Some(
            incimap::gazetteer::Gazetteer::default_only()
                .map_err(|e| query::Failure::error(e.to_string()))?,
        ),
        None => None,
    };
    let set = query::load(&args.input, &args.filters.filter(gaz.as_ref()))?;
    let index = query::index(&set);
    let hits = index.nearest(center, args.k, args.filters.metric(), &query::by_id(&set));
    let rows: Vec<Row> = hits
        .iter()
        .map(|h| Row {
            point: h.index,
            distance_km: Some(h.distance_km),
        })
        .collect();
    query::write_rows(&set, &rows, &args.output)?;
    eprintln!(
        "incimap: {}; the {} nearest written",
        query::describe_load(&set),
        rows.len()
    );
    Ok(())
}
