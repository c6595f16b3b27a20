//! `incimap near PLACE|LAT,LON --radius 100km [EVENTS...]` writes the events within a
//! distance of a place or point, nearest first (ties by id), each with `distance_km`.

use clap::Args;

use super::query::{self, CenterArgs, QueryArgs};

#[derive(Debug, Args)]
pub struct NearArgs {
    #[command(flatten)]
    center: CenterArgs,
    /// The radius with its unit: km, mi or m (e.g. 100km, 60mi, 500m; a bare number is km).
    #[arg(long, value_name = "DISTANCE", value_parser = parse_radius, allow_hyphen_values = true)]
    radius: f64,
    #[command(flatten)]
    query: QueryArgs,
}

fn parse_radius(text: &str) -> Result<f64, String> {
    incimap::distance::parse_distance_km(text)
}

pub fn run(args: NearArgs) -> anyhow::Result<i32> {
    query::exit_code(near(&args))
}

fn near(args: &NearArgs) -> Result<(), query::Failure> {
    let query::DistanceQuery {
        format,
        center,
        filter,
        taken,
        metric,
    } = query::start_distance(&args.query, &args.center)?;
    let window = query::window_around(center, args.radius, metric);
    let set = query::load(&args.query.input, &filter, Some(&[window]))?;
    let index = query::index(&set);
    let hits = index.near(center, args.radius, metric, &query::by_id(&set));
    let rows = query::distance_rows(&hits);
    // Nothing near a named place, and every event far away: likely not the place meant.
    if let Some(taken) = taken.filter(|_| rows.is_empty()) {
        let nearest = index.nearest(center, 1, metric, &query::by_id(&set));
        taken.warn_if_far(nearest.first().map(|h| h.distance_km));
    }
    query::write_rows(&set, &rows, &args.query.output, format)?;
    summary!(
        "incimap: {}; {} within {} km",
        query::describe_load(&set),
        rows.len(),
        args.radius
    );
    Ok(())
}
