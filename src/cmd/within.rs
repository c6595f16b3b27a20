//! `incimap within --bbox W,S,E,N | --polygon FILE [EVENTS...]` writes the events inside a
//! bounding box or a region's polygons, in input order.

use std::path::PathBuf;

use clap::Args;
use incimap::spatial::region::{BBox, Region};

use super::query::{self, QueryArgs, Row};

#[derive(Debug, Args)]
pub struct WithinArgs {
    /// A bounding box west,south,east,north in degrees (west > east crosses the antimeridian).
    #[arg(
        long,
        value_name = "W,S,E,N",
        allow_hyphen_values = true,
        conflicts_with = "polygon",
        required_unless_present = "polygon"
    )]
    bbox: Option<BBox>,
    /// A GeoJSON file of Polygons or MultiPolygons (holes respected; several mean their union).
    #[arg(long, value_name = "FILE")]
    polygon: Option<PathBuf>,
    /// Pick polygons by a property: KEY=VALUE (e.g. name=Mopti), or a bare VALUE matched
    /// against any text property. Case and accents aside.
    #[arg(long, value_name = "KEY=VALUE", requires = "polygon")]
    name_property: Option<String>,
    #[command(flatten)]
    query: QueryArgs,
}

pub fn run(args: WithinArgs) -> anyhow::Result<i32> {
    query::exit_code(within(&args))
}

fn within(args: &WithinArgs) -> Result<(), query::Failure> {
    let format = args.query.output.chosen()?;
    super::output::check_output(
        args.query.output.output.as_deref(),
        args.query
            .input
            .events
            .iter()
            .chain(&args.polygon)
            .map(|p| p.as_path()),
    )?;
    let region = match &args.polygon {
        Some(path) => Some(Region::load(path, args.name_property.as_deref())?),
        None => None,
    };
    let window = match (&region, &args.bbox) {
        (Some(region), _) => Some(region.bbox()),
        (None, bbox) => *bbox,
    };
    let gaz = query::filter_gazetteer(&args.query.filters, None)?;
    let set = query::load(
        &args.query.input,
        &args.query.filters.filter(gaz.as_ref()),
        window.as_ref().map(std::slice::from_ref),
    )?;
    let index = query::index(&set);
    let found = match (&region, &args.bbox) {
        (Some(region), _) => index.within_region(region),
        (None, Some(bbox)) => index.within_bbox(bbox),
        (None, None) => {
            return Err(query::Failure::usage(
                "give --bbox W,S,E,N or --polygon FILE",
            ))
        }
    };
    let rows: Vec<Row> = found
        .iter()
        .map(|&point| Row {
            point,
            distance_km: None,
        })
        .collect();
    query::write_rows(&set, &rows, &args.query.output, format)?;
    let area = match &region {
        Some(r) if !r.names().is_empty() => r.names().join(", "),
        Some(_) => "the polygons".to_string(),
        None => "the box".to_string(),
    };
    summary!(
        "incimap: {}; {} inside {area}",
        query::describe_load(&set),
        rows.len()
    );
    Ok(())
}
