//! `incimap nearest PLACE|LAT,LON [-k 5] [EVENTS...]` writes the k events nearest to a
//! place or point, nearest first (ties by id), each with `distance_km`.

use clap::Args;
use incimap::spatial::region::BBox;

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
    let query::DistanceQuery {
        format,
        center,
        filter,
        taken,
        metric,
    } = query::start_distance(&args.query, &args.center)?;
    // A FlatGeobuf input is read through its index in a growing circle, until the circle
    // holds k answers (every event outside it is farther than they are) or the globe.
    let mut radius_km = 50.0;
    let (set, hits) = loop {
        let window = query::window_around(center, radius_km, metric);
        let set = query::load(&args.query.input, &filter, Some(&[window]))?;
        let hits = query::index(&set).nearest(center, args.k, metric, &query::by_id(&set));
        let enough = hits.len() == args.k && hits.last().is_none_or(|h| h.distance_km <= radius_km);
        if set.stats.indexed_inputs == 0 || enough || window == BBox::WORLD {
            break (set, hits);
        }
        radius_km *= 4.0;
    };
    let rows = query::distance_rows(&hits);
    // Even the nearest event far from a named place: likely not the place meant.
    if let Some(taken) = &taken {
        taken.warn_if_far(hits.first().map(|h| h.distance_km));
    }
    query::write_rows(&set, &rows, &args.query.output, format)?;
    summary!(
        "incimap: {}; the {} nearest written",
        query::describe_load(&set),
        rows.len()
    );
    Ok(())
}
