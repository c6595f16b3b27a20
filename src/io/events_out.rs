//! Writing events: an RFC 7946 FeatureCollection, GeoJSON Text Sequences (RFC 8142), CSV,
//! ACLED's CSV, FlatGeobuf or GeoParquet, from incimap's own [`Event`]s or from features read back. A
//! format is named or read from the output file's extension. Every format has the same
//! columns in the same order ([`super::columns`]); a list property is written joined by
//! "; " and an object as JSON text, so that every GDAL driver takes every column.

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;

use super::columns::{cell, id_value, ColumnsBuilder};
use crate::event::Event;

/// The formats events are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    /// An RFC 7946 FeatureCollection (`.geojson`, `.json`).
    GeoJson,
    /// RFC 8142: one Feature per record, each led by an ASCII record separator
    /// (`.geojsons`, `.geojsonl`).
    GeoJsonSeq,
    /// CSV with a header, the properties, then `latitude` and `longitude` (`.csv`).
    Csv,
    /// CSV with ACLED's columns in ACLED's order (`.acled.csv`).
    Acled,
    /// FlatGeobuf with a packed Hilbert R-tree index and typed columns (`.fgb`).
    FlatGeobuf,
    /// GeoParquet 1.1: WKB points, a `bbox` covering, typed columns, rows in Hilbert order
    /// (`.parquet`).
    GeoParquet,
}

impl EventFormat {
    /// The names `-f/--format` takes.
    pub const NAMES: &'static str = "geojson, geojsonseq, csv, acled, flatgeobuf, geoparquet";

    /// The format of a name (`fgb` is `flatgeobuf`), if it names one.
    ///
    /// ```
    /// use incimap::io::events_out::EventFormat;
    /// assert_eq!(EventFormat::from_name("fgb"), Some(EventFormat::FlatGeobuf));
    /// assert_eq!(EventFormat::from_name("geoparquet"), Some(EventFormat::GeoParquet));
    /// assert_eq!(EventFormat::from_name("shp"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<EventFormat> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "geojson" => EventFormat::GeoJson,
            "geojsonseq" => EventFormat::GeoJsonSeq,
            "csv" => EventFormat::Csv,
            "acled" => EventFormat::Acled,
            "flatgeobuf" | "fgb" => EventFormat::FlatGeobuf,
            "geoparquet" | "parquet" => EventFormat::GeoParquet,
            _ => return None,
        })
    }

    /// The format a file name asks for by its extension; an error naming the extension
    /// when it names none.
    ///
    /// ```
    /// use incimap::io::events_out::EventFormat;
    /// use std::path::Path;
    /// assert_eq!(EventFormat::from_path(Path::new("a/events.CSV")), Ok(EventFormat::Csv));
    /// assert_eq!(EventFormat::from_path(Path::new("x.acled.csv")), Ok(EventFormat::Acled));
    /// assert_eq!(EventFormat::from_path(Path::new("x.geojsonl")), Ok(EventFormat::GeoJsonSeq));
    /// assert!(EventFormat::from_path(Path::new("x.shp")).unwrap_err().contains("'.shp'"));
    /// ```
    pub fn from_path(path: &Path) -> Result<EventFormat, String> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with(".acled.csv") {
            return Ok(EventFormat::Acled);
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let known = "name it .geojson, .json, .geojsons, .geojsonl, .csv, .acled.csv, .fgb or .parquet, or give -f/--format";
        match ext.as_deref() {
            Some("geojson" | "json") => Ok(EventFormat::GeoJson),
            Some("geojsons" | "geojsonl" | "geojsonseq") => Ok(EventFormat::GeoJsonSeq),
            Some("csv") => Ok(EventFormat::Csv),
            Some("fgb") => Ok(EventFormat::FlatGeobuf),
            Some("parquet" | "geoparquet") => Ok(EventFormat::GeoParquet),
            Some(other) => Err(format!(
                "{}: the extension '.{other}' names no output format: {known}",
                path.display()
            )),
            None => Err(format!(
                "{}: no extension to tell the output format by: {known}",
                path.display()
            )),
        }
    }
}

/// Features to write, by position, made on demand: a writer may take two passes (the
/// columns, then the rows) without holding every feature, and make them on all threads.
pub trait Features: Sync {
    /// How many.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The feature at a position.
    fn feature(&self, i: usize) -> anyhow::Result<geojson::Feature>;
}

impl Features for &[Event] {
    fn len(&self) -> usize {
        <[Event]>::len(self)
    }

    fn feature(&self, i: usize) -> anyhow::Result<geojson::Feature> {
        Ok(self[i].to_feature())
    }
}

/// Writes events in a format.
///
/// ```
/// use incimap::io::events_out::{write_events, EventFormat};
/// let mut out = Vec::new();
/// write_events(&mut out, &[incimap::event::Event::example()], EventFormat::Csv).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("event_id,event_date,"));
/// assert!(text.lines().next().unwrap().ends_with(",confidence,latitude,longitude"));
/// ```
pub fn write_events(
    out: &mut dyn Write,
    events: &[Event],
    format: EventFormat,
) -> anyhow::Result<()> {
    write_features(out, &events, format)
}

/// Writes features in a format, in order.
pub fn write_features(
    out: &mut dyn Write,
    features: &dyn Features,
    format: EventFormat,
) -> anyhow::Result<()> {
    match format {
        EventFormat::GeoJson => {
            out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
            let mut first = true;
            in_chunks(features, json, |text| {
                out.write_all(if first { b"\n" } else { b",\n" })?;
                first = false;
                Ok(out.write_all(&text)?)
            })?;
            out.write_all(b"\n]}\n")?;
        }
        EventFormat::GeoJsonSeq => {
            in_chunks(features, json, |text| {
                out.write_all(b"\x1e")?;
                out.write_all(&text)?;
                Ok(out.write_all(b"\n")?)
            })?;
        }
        EventFormat::Csv => write_csv(out, features)?,
        EventFormat::Acled => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(super::acled::COLUMNS.iter().map(|c| c.0))?;
            in_chunks(features, Ok, |f| {
                let empty = serde_json::Map::new();
                let id = f.id.as_ref().map(|i| cell(Some(&id_value(i))));
                let row = super::acled::row(
                    f.properties.as_ref().unwrap_or(&empty),
                    id.as_deref(),
                    lon_lat(&f),
                );
                Ok(w.write_record(&row)?)
            })?;
            w.flush()?;
        }
        EventFormat::FlatGeobuf => super::fgb::write(out, features)?,
        EventFormat::GeoParquet => super::geoparquet::write(out, features)?,
    }
    Ok(())
}

fn json(feature: geojson::Feature) -> anyhow::Result<Vec<u8>> {
    Ok(serde_json::to_vec(&feature)?)
}

/// The features a chunk at a time: each made and flattened, then `make` run on it, on all
/// threads; `consume` takes the results in order. Memory holds one chunk at most.
pub(crate) fn in_chunks<T: Send>(
    features: &dyn Features,
    make: impl Fn(geojson::Feature) -> anyhow::Result<T> + Sync,
    mut consume: impl FnMut(T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    const CHUNK: usize = 1024;
    let n = features.len();
    for start in (0..n).step_by(CHUNK) {
        let made: Vec<T> = (start..(start + CHUNK).min(n))
            .into_par_iter()
            .map(|i| {
                let mut f = features.feature(i)?;
                flatten(&mut f);
                make(f)
            })
            .collect::<anyhow::Result<_>>()?;
        for item in made {
            consume(item)?;
        }
    }
    Ok(())
}

/// The columns of all the features, in one pass a chunk at a time. `each` sees every
/// feature (flattened) in order before it counts, and may refuse it with an error.
pub(crate) fn columns(
    features: &dyn Features,
    mut each: impl FnMut(&geojson::Feature) -> anyhow::Result<()>,
) -> anyhow::Result<super::columns::Columns> {
    let mut builder = ColumnsBuilder::default();
    let mut chunk = Vec::new();
    in_chunks(features, Ok, |f| {
        each(&f)?;
        chunk.push(f);
        if chunk.len() == 1024 {
            builder.add(&chunk);
            chunk.clear();
        }
        Ok(())
    })?;
    builder.add(&chunk);
    Ok(builder.finish())
}

/// Makes a feature's properties scalars that every GDAL driver takes: a list of scalars
/// becomes its items joined by "; ", a list of lists or objects and an object their JSON
/// text.
///
/// ```
/// let mut f: geojson::Feature = serde_json::from_str(r#"{"type":"Feature","geometry":null,
///   "properties":{"sources":["a.txt","b.txt"],"range":{"low":1,"high":3}}}"#).unwrap();
/// incimap::io::events_out::flatten(&mut f);
/// let p = f.properties.unwrap();
/// assert_eq!(p["sources"], "a.txt; b.txt");
/// assert_eq!(p["range"], r#"{"low":1,"high":3}"#);
/// ```
pub fn flatten(feature: &mut geojson::Feature) {
    for value in feature.properties.iter_mut().flat_map(|p| p.values_mut()) {
        if value.is_array() || value.is_object() {
            *value = Value::String(cell(Some(value)));
        }
    }
}

/// A Point feature's longitude and latitude.
pub(crate) fn lon_lat(f: &geojson::Feature) -> Option<(f64, f64)> {
    match f.geometry.as_ref().map(|g| &g.value) {
        Some(geojson::GeometryValue::Point { coordinates: p }) if p.len() >= 2 => {
            Some((p[0], p[1]))
        }
        _ => None,
    }
}

/// CSV: `id` when the ids need a column of their own, the properties in the order first
/// met, then `latitude` and `longitude`.
fn write_csv(out: &mut dyn Write, features: &dyn Features) -> anyhow::Result<()> {
    let columns = columns(features, |_| Ok(()))?;
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = Vec::new();
    if columns.id.is_some() {
        header.push("id");
    }
    header.extend(columns.properties.iter().map(|(n, _)| n.as_str()));
    header.extend(["latitude", "longitude"]);
    w.write_record(&header)?;
    in_chunks(features, Ok, |f| {
        let mut record = Vec::with_capacity(header.len());
        if columns.id.is_some() {
            record.push(cell(f.id.as_ref().map(id_value).as_ref()));
        }
        let props = f.properties.as_ref();
        record.extend(
            columns
                .properties
                .iter()
                .map(|(n, _)| cell(props.and_then(|p| p.get(n)))),
        );
        let (lat, lon) = lon_lat(&f).map_or((String::new(), String::new()), |(lon, lat)| {
            (lat.to_string(), lon.to_string())
        });
        record.extend([lat, lon]);
        Ok(w.write_record(&record)?)
    })?;
    w.flush()?;
    Ok(())
}
