//! What `near`, `nearest`, `within`, `batch` and `convert` share: the events to read, the
//! filters, the query point, and the formats answers are written in.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use incimap::distance::Metric;
use incimap::filter::EventFilter;
use incimap::gazetteer::{Gazetteer, LookupOptions};
use incimap::io::atomic::write_output;
use incimap::io::columns::cell;
use incimap::io::events_in::{
    load_events_in_with, load_events_with, EventSet, InputFormat, LoadOptions,
};
use incimap::io::events_out::{write_features, EventFormat, Features};
use incimap::io::fields::DateOrder;
use incimap::spatial::index::PointIndex;
use incimap::spatial::region::BBox;
use incimap::spatial::LatLon;

/// What every query command takes besides its own question: events, filters, output.
#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub input: EventInput,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The exit code of a query: 0 when it ran, else its failure's code (reported on stderr).
pub fn exit_code(result: Result<(), Failure>) -> anyhow::Result<i32> {
    Ok(match result {
        Ok(()) => 0,
        Err(f) => f.report(),
    })
}

/// The events to query.
#[derive(Debug, Args)]
pub struct EventInput {
    /// Event files: a GeoJSON FeatureCollection, GeoJSON Text Sequences or one Feature per
    /// line, CSV with latitude/longitude columns (an ACLED export), FlatGeobuf (.fgb;
    /// near, nearest and within read only what its index puts in their box) or GeoParquet
    /// (.parquet; they read only the row groups whose bbox statistics meet their box).
    /// Default: stdin (-).
    #[arg(value_name = "EVENTS")]
    pub events: Vec<PathBuf>,
    /// How the event files are written (auto: from the name, then the first bytes).
    #[arg(long, value_enum, default_value_t = InFormat::Auto)]
    pub input_format: InFormat,
    /// How slash dates in the events read: dmy (03/04/2024 is 3 April) or mdy (4 March).
    /// Without it an events file with slash dates is refused.
    #[arg(long, value_name = "dmy|mdy")]
    pub date_order: Option<DateOrder>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InFormat {
    Auto,
    Geojson,
    Geojsonseq,
    Csv,
    #[value(alias = "fgb")]
    Flatgeobuf,
    #[value(alias = "parquet")]
    Geoparquet,
}

/// The point a distance query is about.
#[derive(Debug, Args)]
pub struct CenterArgs {
    /// A place name (looked up in the gazetteer) or LAT,LON in degrees.
    #[arg(value_name = "PLACE|LAT,LON", allow_hyphen_values = true)]
    pub place: String,
    /// Extra gazetteers written by `gazetteer import` (also env INCIMAP_GAZETTEER).
    #[arg(long = "gazetteer", value_name = "GAZ")]
    pub gazetteers: Vec<PathBuf>,
}

/// Which events to keep.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only events on or after this date (YYYY-MM-DD, or ACLED's "15 January 2024").
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// Only events on or before this date (YYYY-MM-DD, or ACLED's "15 January 2024").
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<chrono::NaiveDate>,
    /// Only events of this event type or sub-event type (repeatable), e.g. "Battles".
    #[arg(long = "type", value_name = "TYPE")]
    pub types: Vec<String>,
    /// Only events with at least this many fatalities.
    #[arg(long, value_name = "N")]
    pub min_fatalities: Option<u64>,
    /// Only events whose `confidence` (the calibrated probability, 0 to 1, that the event
    /// is a real incident placed within tolerance) is at least this; events without one
    /// (e.g. ACLED exports) are left out.
    #[arg(long, value_name = "X", value_parser = parse_confidence, allow_negative_numbers = true)]
    pub min_confidence: Option<f64>,
    /// Only events in this country (ISO alpha-2 code or name; repeatable). For a PLACE it
    /// also picks the country the name is looked up in.
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// Only events with an actor whose name contains this (repeatable), e.g. JNIM.
    #[arg(long, value_name = "NAME")]
    pub actor: Vec<String>,
    /// Measure on the WGS84 ellipsoid (geodesic) instead of the mean-radius sphere.
    #[arg(long)]
    pub geodesic: bool,
}

/// Where and how answers are written.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format, whatever the file's name: table (aligned text), geojson, geojsonseq,
    /// csv, acled (ACLED's columns), flatgeobuf (fgb) or geoparquet (parquet). Default:
    /// from the extension; GeoJSON on stdout.
    #[arg(short = 'f', long, value_name = "FORMAT", value_parser = parse_answer_format)]
    pub format: Option<AnswerFormat>,
    /// Output file (default: stdout; - is stdout). Written whole or not at all. Its
    /// extension tells the format: .geojson/.json, .geojsons/.geojsonl, .csv, .acled.csv,
    /// .fgb, .parquet.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write a Hive-partitioned folder of GeoParquet files, -o FOLDER/KEY=VALUE/.../part-0.parquet,
    /// split by these columns (comma-separated; year is event_date's year), e.g. country,year.
    #[arg(long, value_name = "KEYS", value_parser = parse_partition)]
    pub partition: Option<super::output::Partition>,
}

fn parse_partition(text: &str) -> Result<super::output::Partition, String> {
    incimap::io::partition::parse_keys(text).map(super::output::Partition)
}

/// How answers are written: as events, or as a table to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerFormat {
    Events(EventFormat),
    Table,
}

fn parse_answer_format(text: &str) -> Result<AnswerFormat, String> {
    if text.trim().eq_ignore_ascii_case("table") {
        return Ok(AnswerFormat::Table);
    }
    super::output::parse_format(text)
        .map(AnswerFormat::Events)
        .map_err(|e| format!("{e}, or table"))
}

impl OutputArgs {
    /// The format to write, or bad usage (an extension that names no format).
    pub fn chosen(&self) -> Result<AnswerFormat, Failure> {
        let partition = self.partition.as_ref();
        match self.format {
            Some(AnswerFormat::Table) if partition.is_some() => Err(Failure::usage(
                "--partition writes GeoParquet files, not a table",
            )),
            Some(AnswerFormat::Table) => Ok(AnswerFormat::Table),
            Some(AnswerFormat::Events(format)) => {
                super::output::choose(self.output.as_deref(), Some(format), partition)
                    .map(AnswerFormat::Events)
                    .map_err(Failure::usage)
            }
            None => super::output::choose(self.output.as_deref(), None, partition)
                .map(AnswerFormat::Events)
                .map_err(Failure::usage),
        }
    }
}

impl FilterArgs {
    /// The filter, with country codes widened to their names (ACLED exports name
    /// countries; incimap's own output gives codes too).
    /// A `--country` that is neither a code nor a country's name is named in a warning:
    /// no event would match it.
    pub fn filter(&self, gaz: Option<&Gazetteer>) -> EventFilter {
        let mut countries = Vec::new();
        for c in &self.country {
            countries.push(c.trim().to_lowercase());
            if let Some(name) = gaz.and_then(|g| g.country_name(&c.trim().to_ascii_uppercase())) {
                countries.push(name.to_lowercase());
            } else if gaz.is_some_and(|g| !names_a_country(g, c)) {
                eprintln!(
                    "incimap: warning: --country {c}: no country has this code or name; no event will match it"
                );
            }
        }
        EventFilter {
            since: self.since,
            until: self.until,
            types: self.types.iter().map(|t| t.trim().to_lowercase()).collect(),
            min_fatalities: self.min_fatalities,
            countries,
            actors: self.actor.iter().map(|a| a.trim().to_lowercase()).collect(),
            min_confidence: self.min_confidence,
        }
    }

    /// The distance metric.
    pub fn metric(&self) -> Metric {
        if self.geodesic {
            Metric::Geodesic
        } else {
            Metric::Haversine
        }
    }
}

/// Reads `--since` and `--until`: the date forms of event files (`2024-01-15`,
/// `15 January 2024`, `January 15, 2024`).
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    incimap::filter::parse_event_date(text).ok_or_else(|| {
        format!("'{text}' is not a date: give YYYY-MM-DD (or ACLED's 15 January 2024)")
    })
}

/// Reads `--min-confidence`: a number from 0 to 1.
fn parse_confidence(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number: give a confidence from 0 to 1"))?;
    if !(0.0..=1.0).contains(&value) {
        return Err(format!(
            "'{text}' is out of range: a confidence is from 0 to 1"
        ));
    }
    Ok(value)
}

/// A failure to report with an exit code: 1 an error, 2 bad usage.
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    pub fn error(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    /// Reports it on stderr; returns the exit code.
    pub fn report(self) -> i32 {
        if self.code != 0 {
            eprintln!("incimap: {}", self.message);
        }
        self.code
    }
}

impl From<anyhow::Error> for Failure {
    /// An error, or, for a closed pipe, a quiet end (exit 0).
    fn from(e: anyhow::Error) -> Failure {
        if super::closed_pipe(&e) {
            return Failure {
                code: 0,
                message: String::new(),
            };
        }
        Failure::error(format!("{e:#}"))
    }
}

/// Reads the events through the filter (a FlatGeobuf input only within `window`, through
/// its index, when a window is given).
pub fn load(
    input: &EventInput,
    filter: &EventFilter,
    window: Option<&[BBox]>,
) -> Result<EventSet, Failure> {
    let (paths, format) = inputs(input)?;
    let options = LoadOptions {
        date_order: input.date_order,
        ..LoadOptions::default()
    };
    Ok(load_events_in_with(
        &paths, format, filter, window, options,
    )?)
}

/// Reads the events whole through the filter, with options (skipping unusable points).
pub fn load_with(
    input: &EventInput,
    filter: &EventFilter,
    options: LoadOptions,
) -> Result<EventSet, Failure> {
    let (paths, format) = inputs(input)?;
    let options = LoadOptions {
        date_order: input.date_order,
        ..options
    };
    Ok(load_events_with(&paths, format, filter, options)?)
}

/// The event files to read (stdin when none is named and it is not a terminal) and
/// their format.
fn inputs(input: &EventInput) -> Result<(Vec<PathBuf>, InputFormat), Failure> {
    let paths = if input.events.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(Failure::usage(
                "no EVENTS given and stdin is a terminal: name event files, or pipe them in (e.g. incimap extract seeds | incimap near Bamako --radius 300km)",
            ));
        }
        vec![PathBuf::from("-")]
    } else {
        input.events.clone()
    };
    let format = match input.input_format {
        InFormat::Auto => InputFormat::Auto,
        InFormat::Geojson => InputFormat::GeoJson,
        InFormat::Geojsonseq => InputFormat::GeoJsonSeq,
        InFormat::Csv => InputFormat::Csv,
        InFormat::Flatgeobuf => InputFormat::FlatGeobuf,
        InFormat::Geoparquet => InputFormat::GeoParquet,
    };
    Ok((paths, format))
}

/// True when `text` is a country's name (its code was looked up before).
fn names_a_country(gaz: &Gazetteer, text: &str) -> bool {
    let options = LookupOptions {
        country: None,
        near_lat_lon: None,
        limit: 5,
        fuzzy: false,
    };
    gaz.lookup(text, &options)
        .iter()
        .any(|p| p.kind == incimap::gazetteer::Kind::Country)
}

/// How far (km) the nearest event may be from a named place with nothing near it before
/// the place is taken for one the user likely did not mean.
pub const FAR_KM: f64 = 1000.0;

/// The read summary for stderr.
pub fn describe_load(set: &EventSet) -> String {
    let s = &set.stats;
    let indexed = if s.indexed_inputs > 0 {
        " (only the candidates of a FlatGeobuf index or of GeoParquet row-group statistics)"
    } else {
        ""
    };
    let out_of_range = match s.out_of_range {
        0 => String::new(),
        n => format!(", {n} out of range"),
    };
    format!(
        "{} features read{indexed}, {} points kept ({} without geometry, {} of other geometry types skipped{out_of_range}, {} filtered out)",
        s.features, s.kept, s.without_geometry, s.other_geometry, s.filtered_out
    )
}

/// Builds the index over the loaded points.
pub fn index(set: &EventSet) -> PointIndex {
    PointIndex::new(set.lat_lons())
}

/// The gazetteer the filters need to widen country codes to names, if any filter names a
/// country; `found` is one already open.
pub fn filter_gazetteer(
    filters: &FilterArgs,
    found: Option<Gazetteer>,
) -> Result<Option<Gazetteer>, Failure> {
    match found {
        Some(g) => Ok(Some(g)),
        None if !filters.country.is_empty() => Gazetteer::default_only()
            .map(Some)
            .map_err(|e| Failure::error(e.to_string())),
        None => Ok(None),
    }
}

/// The start of `near` and `nearest`: the answer's format, an output that is no input,
/// the centre, the filter, what a place name was taken for, and the distance metric.
pub struct DistanceQuery {
    pub format: AnswerFormat,
    pub center: LatLon,
    pub filter: EventFilter,
    pub taken: Option<Taken>,
    pub metric: Metric,
}

/// Checks a distance query's arguments and resolves its centre ([`DistanceQuery`]).
pub fn start_distance(query: &QueryArgs, center: &CenterArgs) -> Result<DistanceQuery, Failure> {
    let format = query.output.chosen()?;
    super::output::check_output(
        query.output.output.as_deref(),
        query.input.events.iter().map(|p| p.as_path()),
    )?;
    let (center, filter, taken) = prepare_distance(center, &query.filters)?;
    Ok(DistanceQuery {
        format,
        center,
        filter,
        taken,
        metric: query.filters.metric(),
    })
}

/// What a distance query needs before reading events: its centre, its filter, and what a
/// place name was taken for.
fn prepare_distance(
    center_args: &CenterArgs,
    filters: &FilterArgs,
) -> Result<(LatLon, EventFilter, Option<Taken>), Failure> {
    let country = filters.country.first().map(String::as_str);
    let (center, found) = center(&center_args.place, country, &center_args.gazetteers)?;
    let (gaz, taken) = match found {
        Some((gaz, taken)) => (Some(gaz), Some(taken)),
        None => (None, None),
    };
    let gaz = filter_gazetteer(filters, gaz)?;
    Ok((center, filters.filter(gaz.as_ref()), taken))
}

/// The box to read a FlatGeobuf input in for everything within `radius_km` of `center`
/// under the metric (with the slack of the ellipsoid and a metre of rounding).
pub fn window_around(center: LatLon, radius_km: f64, metric: Metric) -> BBox {
    BBox::around(center, radius_km * metric.sphere_slack() + 1e-3)
}

/// Rows for hits, with their distances.
pub fn distance_rows(hits: &[incimap::spatial::Hit]) -> Vec<Row> {
    hits.iter()
        .map(|h| Row {
            point: h.index,
            distance_km: Some(h.distance_km),
        })
        .collect()
}

/// Orders two points by feature id (then position): the tie-break of equal distances.
pub fn by_id(set: &EventSet) -> impl Fn(u32, u32) -> std::cmp::Ordering + Sync + '_ {
    move |a, b| {
        set.points[a as usize]
            .id
            .cmp(&set.points[b as usize].id)
            .then(a.cmp(&b))
    }
}

/// A place name a query point was read from, and what it was taken for.
pub struct Taken {
    /// The name given.
    pub text: String,
    /// The place taken: name, region, country.
    pub place: String,
    /// Places of the same name more than 100 km from it.
    pub others: Vec<String>,
}

impl Taken {
    /// Warns when the nearest event (at `nearest_km`, or none) is so far that the place
    /// taken is likely not the one meant.
    pub fn warn_if_far(&self, nearest_km: Option<f64>) {
        let Some(km) = nearest_km.filter(|km| *km > FAR_KM) else {
            return;
        };
        let others = if self.others.is_empty() {
            String::new()
        } else {
            format!(" (the name also means {})", self.others.join(", "))
        };
        eprintln!(
            "incimap: warning: {} was taken for {}{others}, and the nearest event is {km:.0} km away: is it the place meant? (--country CC or LAT,LON picks another)",
            self.text, self.place
        );
    }
}

/// Reads a query point: `LAT,LON` in degrees, or a place name looked up in the gazetteer
/// (in the first `--country` when given), with what the name was taken for. Reports a
/// resolved place on stderr.
pub fn center(
    text: &str,
    country: Option<&str>,
    gazetteers: &[PathBuf],
) -> Result<(LatLon, Option<(Gazetteer, Taken)>), Failure> {
    if let Some((a, b)) = text.split_once(',') {
        if let (Ok(lat), Ok(lon)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(Failure::usage(format!(
                    "'{text}' is out of range: LAT,LON with latitude -90..90, longitude -180..180"
                )));
            }
            return Ok((LatLon { lat, lon }, None));
        }
    }
    if text.trim().is_empty() {
        return Err(Failure::usage(
            "the place is empty: give a PLACE name or LAT,LON",
        ));
    }
    let gaz = Gazetteer::from_args(gazetteers).map_err(|e| Failure::error(e.to_string()))?;
    let options = LookupOptions {
        country: country.map(|c| c.trim().to_ascii_uppercase()),
        near_lat_lon: None,
        limit: 5,
        fuzzy: false,
    };
    let found = gaz.lookup(text, &options);
    let Some(place) = found.first().cloned() else {
        let hints = gaz.suggest(text, 3);
        let hint = if hints.is_empty() {
            String::new()
        } else {
            format!("; near spellings: {}", hints.join(", "))
        };
        return Err(Failure::error(format!(
            "no place matches '{text}'{hint} (or give LAT,LON)"
        )));
    };
    eprintln!(
        "incimap: {text} is {} ({}, {}) at {:.5},{:.5}",
        place.name, place.admin1, place.country_code, place.lat, place.lon
    );
    // Other places of the same name far away, named should the one taken prove far
    // from every event.
    let others: Vec<String> = found[1..]
        .iter()
        .filter(|p| {
            p.matched_name.eq_ignore_ascii_case(&place.matched_name)
                && incimap::distance::haversine_km(p.lat, p.lon, place.lat, place.lon) > 100.0
        })
        .map(|p| format!("{} ({}, {})", p.name, p.admin1, p.country_code))
        .collect();
    let taken = Taken {
        text: text.to_string(),
        place: format!("{} ({}, {})", place.name, place.admin1, place.country_code),
        others,
    };
    Ok((
        LatLon {
            lat: place.lat,
            lon: place.lon,
        },
        Some((gaz, taken)),
    ))
}

/// One answer to write: a loaded point and, for distance queries, its distance.
pub struct Row {
    pub point: u32,
    pub distance_km: Option<f64>,
}

/// The answers as features: the input features whole, plus `distance_km`.
pub struct Answers<'a> {
    set: &'a EventSet,
    rows: &'a [Row],
}

impl<'a> Answers<'a> {
    pub fn new(set: &'a EventSet, rows: &'a [Row]) -> Answers<'a> {
        Answers { set, rows }
    }
}

impl Features for Answers<'_> {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn feature(&self, i: usize) -> anyhow::Result<geojson::Feature> {
        let row = &self.rows[i];
        let mut feature = self.set.feature(&self.set.points[row.point as usize])?;
        if let Some(d) = row.distance_km {
            let rounded = (d * 1000.0).round() / 1000.0;
            feature
                .properties
                .get_or_insert_with(Default::default)
                .insert("distance_km".into(), serde_json::json!(rounded));
        }
        Ok(feature)
    }
}

/// Writes the answers in the chosen format: the input features whole, plus `distance_km`.
pub fn write_rows(
    set: &EventSet,
    rows: &[Row],
    output: &OutputArgs,
    format: AnswerFormat,
) -> Result<(), Failure> {
    let answers = Answers { set, rows };
    if let AnswerFormat::Events(format) = format {
        return super::output::write_events_to(
            output.output.as_deref(),
            output.partition.as_ref(),
            format,
            &answers,
        )
        .map_err(Failure::from);
    }
    write_output(output.output.as_deref(), |w| match format {
        AnswerFormat::Events(format) => write_features(w, &answers, format),
        AnswerFormat::Table => {
            let features = (0..answers.len())
                .map(|i| answers.feature(i))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let ids: Vec<String> = rows
                .iter()
                .map(|r| set.points[r.point as usize].id.to_string())
                .collect();
            write_table(w, &features, &ids)
        }
    })
    .map_err(Failure::from)
}

fn write_table(
    w: &mut dyn Write,
    features: &[geojson::Feature],
    ids: &[String],
) -> anyhow::Result<()> {
    let with_distance = features.iter().any(|f| {
        f.properties
            .as_ref()
            .is_some_and(|p| p.contains_key("distance_km"))
    });
    let header = [
        "distance_km",
        "event_date",
        "event_type",
        "location",
        "country",
        "fatalities",
        "id",
    ];
    let rows: Vec<[String; 7]> = features
        .iter()
        .zip(ids)
        .map(|(f, id)| {
            let get = |k: &str| cell(f.properties.as_ref().and_then(|p| p.get(k)));
            let distance = f
                .properties
                .as_ref()
                .and_then(|p| p.get("distance_km"))
                .and_then(|d| d.as_f64())
                .map_or(String::new(), |d| format!("{d:.1}"));
            [
                distance,
                get("event_date"),
                get("event_type"),
                get("location"),
                get("country"),
                get("fatalities"),
                id.clone(),
            ]
        })
        .collect();
    if with_distance {
        crate::cmd::table::write(w, &header, &rows)
    } else {
        let header: [&str; 6] = [
            header[1], header[2], header[3], header[4], header[5], header[6],
        ];
        let rows: Vec<[String; 6]> = rows
            .into_iter()
            .map(|[_, a, b, c, d, e, f]| [a, b, c, d, e, f])
            .collect();
        crate::cmd::table::write(w, &header, &rows)
    }
}
