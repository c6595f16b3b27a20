//! Reading events to query: an RFC 7946 FeatureCollection (or one Feature), GeoJSON Text
//! Sequences or newline-delimited Features, CSV with `latitude`/`longitude` columns
//! (ACLED's export), FlatGeobuf (through its spatial index when the query has a box) or
//! GeoParquet (only the row groups whose bbox statistics meet the query's box).
//! Features are parsed into small typed records, never into JSON value trees, in parallel
//! chunks; each kept feature remembers its byte range, so an answer can repeat the input
//! feature whole.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};
use rayon::prelude::*;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::fields::{check_count, check_date, count_error, is_count, DateOrder};
use super::record::{Property, Shape as FgbShape};
use crate::filter::{EventFields, EventFilter};
use crate::spatial::region::BBox;
use crate::spatial::LatLon;

/// How an events file is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide from the file name, then from the first bytes.
    #[default]
    Auto,
    /// A FeatureCollection, or a single Feature.
    GeoJson,
    /// RFC 8142 GeoJSON Text Sequences, or one Feature per line.
    GeoJsonSeq,
    /// CSV (or tab-separated) with latitude and longitude columns.
    Csv,
    /// FlatGeobuf.
    FlatGeobuf,
    /// GeoParquet.
    GeoParquet,
}

/// A feature's identity: its GeoJSON `id`, else its `id`, `event_id` or `event_id_cnty`
/// (ACLED's) property, else its 0-based position in the input. Numbers sort before text, numbers by value.
///
/// ```
/// use incimap::io::events_in::FeatureId;
/// let (a, b) = (FeatureId::from(7u64), FeatureId::from("ev-1"));
/// assert!(a < b);
/// assert!(FeatureId::from(10u64) > FeatureId::from(9u64));
/// assert_eq!(serde_json::to_string(&b).unwrap(), "\"ev-1\"");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum FeatureId {
    /// A numeric id (or a position).
    Number(serde_json::Number),
    /// A text id.
    Text(Box<str>),
}

impl From<u64> for FeatureId {
    fn from(n: u64) -> Self {
        FeatureId::Number(n.into())
    }
}

impl From<&str> for FeatureId {
    fn from(s: &str) -> Self {
        FeatureId::Text(s.into())
    }
}

impl Eq for FeatureId {}

impl Ord for FeatureId {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (FeatureId::Number(a), FeatureId::Number(b)) => compare_numbers(a, b),
            (FeatureId::Number(_), FeatureId::Text(_)) => Ordering::Less,
            (FeatureId::Text(_), FeatureId::Number(_)) => Ordering::Greater,
            (FeatureId::Text(a), FeatureId::Text(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for FeatureId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn compare_numbers(a: &serde_json::Number, b: &serde_json::Number) -> Ordering {
    let exact = |n: &serde_json::Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (exact(a), exact(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => {
            let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
            x.total_cmp(&y)
                .then_with(|| a.to_string().cmp(&b.to_string()))
        }
    }
}

impl fmt::Display for FeatureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureId::Number(n) => write!(f, "{n}"),
            FeatureId::Text(t) => f.write_str(t),
        }
    }
}

impl serde::Serialize for FeatureId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FeatureId::Number(n) => n.serialize(s),
            FeatureId::Text(t) => s.serialize_str(t),
        }
    }
}

/// One point event kept for querying: where it is, who it is, and where its text lies.
#[derive(Debug, Clone)]
pub struct EventPoint {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Its identity.
    pub id: FeatureId,
    input: u32,
    start: u64,
    len: u32,
}

/// What a load saw.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LoadStats {
    /// Features (or CSV rows) read.
    pub features: u64,
    /// Point features kept.
    pub kept: u64,
    /// Features without a geometry (or CSV rows without coordinates), skipped.
    pub without_geometry: u64,
    /// Features of other geometry types, skipped.
    pub other_geometry: u64,
    /// Points with coordinates out of range, skipped by a load that skips unusable points
    /// (any other load fails on the first).
    pub out_of_range: u64,
    /// Point features the filter left out.
    pub filtered_out: u64,
    /// Inputs read through their spatial index: only the features in the query's boxes.
    pub indexed_inputs: u64,
}

/// A feature read but not kept because it has no usable point: listed by a load with
/// [`LoadOptions::skip_unusable_points`], so that the caller can warn about each.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedFeature {
    /// `file:line` where the feature (or CSV row) starts.
    pub place: String,
    /// Its identity.
    pub id: FeatureId,
    /// Why it was skipped, e.g. "no geometry".
    pub why: String,
}

/// How to read: what is an error and what is skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Skip a feature whose coordinates are out of range instead of failing, and list it,
    /// with every feature that has no Point geometry, in [`EventSet::skipped`].
    pub skip_unusable_points: bool,
    /// How slash dates (`03/04/2024`) read; without it a slash date is an error.
    pub date_order: Option<DateOrder>,
}

/// The loaded events: the kept points in input order, and the inputs to repeat them from.
pub struct EventSet {
    /// The kept points, in input order.
    pub points: Vec<EventPoint>,
    /// What the load saw.
    pub stats: LoadStats,
    /// The features skipped for want of a usable point, in input order (listed only with
    /// [`LoadOptions::skip_unusable_points`]).
    pub skipped: Vec<SkippedFeature>,
    inputs: Vec<Input>,
}

struct Input {
    label: String,
    bytes: Bytes,
    shape: Shape,
}

enum Bytes {
    Owned(bytes::Bytes),
    Mapped(Arc<memmap2::Mmap>),
}

/// A mapping shared with a [`bytes::Bytes`] that reads it in place.
struct SharedMap(Arc<memmap2::Mmap>);

impl AsRef<[u8]> for SharedMap {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }

    /// The same bytes as a [`bytes::Bytes`], shared rather than copied.
    fn shared(&self) -> bytes::Bytes {
        match self {
            Bytes::Owned(v) => v.clone(),
            Bytes::Mapped(m) => bytes::Bytes::from_owner(SharedMap(Arc::clone(m))),
        }
    }

    /// Lets the kernel drop the mapped pages of bytes `start..end` from the resident set; they
    /// are read back from the file if touched again. Parsed chunks are released this way,
    /// so a load holds only a chunk of the file at a time (a 250 MB file is not 250 MB of
    /// resident memory). A no-op for bytes read into memory.
    fn release(&self, start: usize, end: usize) {
        if let Bytes::Mapped(map) = self {
            let page = 4096;
            let (from, to) = (start / page * page, (end / page * page).min(map.len()));
            if to > from {
                // SAFETY: the mapping is a read-only, shared map of a file; MADV_DONTNEED
                // on it only drops clean page-cache pages from this process, and any later
                // read of those bytes faults the same file contents back in. Nothing is
                // written through the map, so no borrowed byte can change.
                let _ = unsafe {
                    map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
                };
            }
        }
    }
}

enum Shape {
    Json,
    Csv(CsvLayout),
    Fgb(super::fgb::Layout),
    /// The rows read, addressed by a point's `start`.
    Parquet(super::geoparquet::Table),
}

#[derive(Clone)]
struct CsvLayout {
    delimiter: u8,
    headers: Vec<String>,
    lat: usize,
    lon: usize,
}

/// Features parsed per parallel chunk: enough to keep both cores busy, small enough that
/// the parsed records of one chunk stay in cache.
const CHUNK: usize = 16 * 1024;

/// Reads events from files (`-` is stdin), keeping the Point features the filter passes.
/// A malformed input is an error naming the file, line and column; coordinates out of
/// range are an error naming the feature.
///
/// ```
/// use incimap::filter::EventFilter;
/// use incimap::io::events_in::{load_events, InputFormat};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("e.geojson");
/// std::fs::write(&path, r#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[-7.98,12.61]},"properties":{}},
///   {"type":"Feature","geometry":null,"properties":{}}]}"#).unwrap();
/// let set = load_events(&[path], InputFormat::Auto, &EventFilter::default()).unwrap();
/// assert_eq!(set.points.len(), 1);
/// assert_eq!(set.stats.without_geometry, 1);
/// assert_eq!(set.points[0].id.to_string(), "a");
/// ```
pub fn load_events(
    paths: &[PathBuf],
    format: InputFormat,
    filter: &EventFilter,
) -> anyhow::Result<EventSet> {
    load_events_with(paths, format, filter, LoadOptions::default())
}

/// Reads events as [`load_events`] does; with `window`, a FlatGeobuf input with a spatial
/// index gives only the features its index puts in one of the boxes (other inputs are read
/// whole), so that a query reads only its candidates.
///
/// ```
/// use incimap::filter::EventFilter;
/// use incimap::io::events_in::{load_events_in, InputFormat};
/// use incimap::io::events_out::{write_events, EventFormat};
/// use incimap::spatial::region::BBox;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("e.fgb");
/// let mut far = incimap::event::Event::example();
/// far.event_id = "ev-far".into();
/// far.latitude = 40.0;
/// let mut bytes = Vec::new();
/// write_events(&mut bytes, &[incimap::event::Event::example(), far], EventFormat::FlatGeobuf).unwrap();
/// std::fs::write(&path, bytes).unwrap();
/// let sahel = BBox::new(-12.0, 10.0, 5.0, 20.0).unwrap();
/// let set = load_events_in(&[path], InputFormat::Auto, &EventFilter::default(), Some(&[sahel])).unwrap();
/// assert_eq!(set.points.len(), 1);
/// assert_eq!(set.points[0].id.to_string(), "ev-example");
/// assert_eq!(set.stats.indexed_inputs, 1);
/// ```
pub fn load_events_in(
    paths: &[PathBuf],
    format: InputFormat,
    filter: &EventFilter,
    window: Option<&[BBox]>,
) -> anyhow::Result<EventSet> {
    load_events_in_with(paths, format, filter, window, LoadOptions::default())
}

/// Reads events like [`load_events`], with options: skipping rather than failing on
/// coordinates out of range, and listing every feature skipped for want of a point.
///
/// ```
/// use incimap::filter::EventFilter;
/// use incimap::io::events_in::{load_events_with, InputFormat, LoadOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("e.geojson");
/// std::fs::write(&path, r#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[-7.98,12.61]},"properties":{}},
///   {"type":"Feature","id":"far","geometry":{"type":"Point","coordinates":[200,12]},"properties":{}},
///   {"type":"Feature","id":"none","geometry":null,"properties":{}}]}"#).unwrap();
/// let options = LoadOptions { skip_unusable_points: true, ..LoadOptions::default() };
/// let set = load_events_with(&[path], InputFormat::Auto, &EventFilter::default(), options).unwrap();
/// assert_eq!(set.points.len(), 1);
/// let skipped: Vec<String> = set.skipped.iter().map(|s| s.id.to_string()).collect();
/// assert_eq!(skipped, ["far", "none"]);
/// assert!(set.skipped[0].place.ends_with("e.geojson:3"));
/// ```
pub fn load_events_with(
    paths: &[PathBuf],
    format: InputFormat,
    filter: &EventFilter,
    options: LoadOptions,
) -> anyhow::Result<EventSet> {
    load_events_in_with(paths, format, filter, None, options)
}

/// Reads events as [`load_events_in`] does (a FlatGeobuf input within `window` when
/// given), with `options`: e.g. the order of slash dates.
///
/// ```
/// use incimap::filter::EventFilter;
/// use incimap::io::events_in::{load_events_in_with, InputFormat, LoadOptions};
/// use incimap::io::fields::DateOrder;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("e.csv");
/// std::fs::write(&path, "id,event_date,latitude,longitude\na,03/04/2024,12.6,-8.0\n").unwrap();
/// let none = EventFilter::default();
/// let err = load_events_in_with(&[path.clone()], InputFormat::Auto, &none, None, LoadOptions::default());
/// assert!(err.err().unwrap().to_string().contains("e.csv:2: row a: event_date '03/04/2024' is a slash date"));
/// let april = EventFilter { since: chrono::NaiveDate::from_ymd_opt(2024, 4, 1), ..EventFilter::default() };
/// let options = LoadOptions { date_order: Some(DateOrder::DayFirst), ..LoadOptions::default() };
/// let set = load_events_in_with(&[path], InputFormat::Auto, &april, None, options).unwrap();
/// assert_eq!(set.points.len(), 1);
/// ```
pub fn load_events_in_with(
    paths: &[PathBuf],
    format: InputFormat,
    filter: &EventFilter,
    window: Option<&[BBox]>,
    options: LoadOptions,
) -> anyhow::Result<EventSet> {
    let mut set = EventSet {
        points: Vec::new(),
        stats: LoadStats::default(),
        skipped: Vec::new(),
        inputs: Vec::new(),
    };
    for path in paths {
        let (label, bytes, opened) = read_input(path)?;
        let input = u32::try_from(set.inputs.len()).context("too many inputs")?;
        let data = bytes.as_slice();
        let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
        let format = match format {
            InputFormat::Auto => detect(path, body),
            f => f,
        };
        let ctx = Ctx {
            label: &label,
            data,
            bytes: &bytes,
            input,
            filter,
            options,
        };
        let shape = load_input(&ctx, format, body, window, &mut set);
        // A file that changed while it was read may fail to parse: the change is the error.
        if let Some(opened) = opened {
            opened.check_unchanged(&label)?;
        }
        let shape = shape?;
        set.inputs.push(Input {
            label,
            bytes,
            shape,
        });
    }
    Ok(set)
}

/// Reads one input's features into `set`, in `format`.
fn load_input(
    ctx: &Ctx,
    format: InputFormat,
    body: &[u8],
    window: Option<&[BBox]>,
    set: &mut EventSet,
) -> anyhow::Result<Shape> {
    Ok(match format {
        InputFormat::Csv => Shape::Csv(load_csv(ctx, body, set)?),
        InputFormat::FlatGeobuf => Shape::Fgb(load_fgb(ctx, window, set)?),
        InputFormat::GeoParquet => Shape::Parquet(load_parquet(ctx, window, set)?),
        InputFormat::GeoJsonSeq => {
            load_sequence(ctx, body, set)?;
            Shape::Json
        }
        _ => {
            load_collection(ctx, body, set)?;
            Shape::Json
        }
    })
}

/// An input's bytes: a regular file memory-mapped (its pages read as parsed and released
/// after), stdin or any other file read whole; with a regular file, the file as opened, to
/// tell once it is parsed whether it changed meanwhile.
fn read_input(path: &Path) -> anyhow::Result<(String, Bytes, Option<Opened>)> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("<stdin>: cannot read")?;
        return Ok(("<stdin>".into(), Bytes::Owned(buf.into()), None));
    }
    let label = path.display().to_string();
    let file = std::fs::File::open(path).with_context(|| format!("{label}: cannot open"))?;
    let meta = file
        .metadata()
        .with_context(|| format!("{label}: cannot read"))?;
    if meta.is_dir() {
        bail!("{label}: is a folder, not an events file");
    }
    if meta.is_file() && meta.len() > 0 {
        // SAFETY: the map is read-only and incimap never writes to its inputs. A file
        // truncated under us by another process makes a read of the lost pages raise
        // SIGBUS, which `mapped::watch` turns into an error naming the file; a file
        // changed otherwise is found by `Opened::check_unchanged` once parsed.
        if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
            super::mapped::watch(&label);
            let opened = Opened::new(file, &meta);
            return Ok((label, Bytes::Mapped(Arc::new(map)), Some(opened)));
        }
    }
    let mut buf = Vec::new();
    (&file)
        .read_to_end(&mut buf)
        .with_context(|| format!("{label}: cannot read"))?;
    let opened = meta.is_file().then(|| Opened::new(file, &meta));
    Ok((label, Bytes::Owned(buf.into()), opened))
}

/// A file's length and modification time.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// A regular file read, and its stamp when it was opened.
struct Opened {
    file: std::fs::File,
    stamp: Stamp,
}

impl Opened {
    fn new(file: std::fs::File, meta: &std::fs::Metadata) -> Opened {
        Opened {
            file,
            stamp: Stamp::of(meta),
        }
    }

    /// Fails, naming the file, when the file no longer has the length and modification
    /// time it had when opened: another program wrote to it while it was read, so what was
    /// read may be part old, part new.
    fn check_unchanged(&self, label: &str) -> anyhow::Result<()> {
        let now = self
            .file
            .metadata()
            .with_context(|| format!("{label}: cannot read"))?;
        if Stamp::of(&now) != self.stamp {
            bail!("{label}: the file changed while it was read; run again once it is complete");
        }
        Ok(())
    }
}

/// The format from the file name, else from the first bytes: FlatGeobuf's or Parquet's
/// magic number, a
/// record separator means a text sequence, a first line that is a whole Feature means one
/// Feature per line, `{` otherwise a FeatureCollection, anything else CSV.
fn detect(path: &Path, body: &[u8]) -> InputFormat {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "tsv" => return InputFormat::Csv,
        "fgb" => return InputFormat::FlatGeobuf,
        "parquet" | "geoparquet" => return InputFormat::GeoParquet,
        "geojsonl" | "geojsons" | "geojsonseq" | "ndjson" | "jsonl" => {
            return InputFormat::GeoJsonSeq
        }
        _ => {}
    }
    if super::fgb::is_flatgeobuf(body) {
        return InputFormat::FlatGeobuf;
    }
    if super::geoparquet::is_parquet(body) {
        return InputFormat::GeoParquet;
    }
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    match body.get(start) {
        Some(0x1E) => InputFormat::GeoJsonSeq,
        Some(b'{') => {
            let line_end = memchr::memchr(b'\n', &body[start..]).map_or(body.len(), |i| start + i);
            let first = &body[start..line_end];
            let whole_feature = line_end < body.len()
                && serde_json::from_slice::<TypeOnly>(first)
                    .is_ok_and(|t| t.kind.as_deref() == Some("Feature"));
            if whole_feature {
                InputFormat::GeoJsonSeq
            } else {
                InputFormat::GeoJson
            }
        }
        Some(b'[') | None => InputFormat::GeoJson,
        Some(_) => InputFormat::Csv,
    }
}

#[derive(Deserialize)]
struct TypeOnly<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
}

struct Ctx<'a> {
    label: &'a str,
    data: &'a [u8],
    bytes: &'a Bytes,
    input: u32,
    filter: &'a EventFilter,
    options: LoadOptions,
}

impl Ctx<'_> {
    fn offset_of(&self, slice: &[u8]) -> usize {
        slice.as_ptr() as usize - self.data.as_ptr() as usize
    }

    /// `file:line:column` of a byte offset, 1-based, the column in characters.
    fn place(&self, offset: usize) -> String {
        let before = &self.data[..offset.min(self.data.len())];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        format!("{}:{line}:{column}", self.label)
    }

    /// Places a JSON error met inside a slice of the input.
    fn json_error(&self, slice_start: usize, slice: &[u8], err: &serde_json::Error) -> String {
        let message = err.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        let offset = if err.line() == 0 {
            slice_start
        } else {
            let mut line_start = 0usize;
            for _ in 1..err.line() {
                match memchr::memchr(b'\n', &slice[line_start..]) {
                    Some(i) => line_start += i + 1,
                    None => break,
                }
            }
            let column_bytes: usize = String::from_utf8_lossy(&slice[line_start..])
                .chars()
                .take(err.column().saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            slice_start + line_start + column_bytes
        };
        format!("{}: {message}", self.place(offset))
    }
}

#[derive(Deserialize)]
struct TopLevel<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    features: Option<Vec<&'a RawValue>>,
}

fn load_collection(ctx: &Ctx, body: &[u8], set: &mut EventSet) -> anyhow::Result<()> {
    let body_start = ctx.offset_of(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        bail!("{}: empty input, expected GeoJSON", ctx.label);
    }
    let top: TopLevel = serde_json::from_slice(body).map_err(|e| {
        let hint = if body.trim_ascii_start().starts_with(b"{") {
            ""
        } else {
            " (expected a GeoJSON FeatureCollection)"
        };
        anyhow::anyhow!("{}{hint}", ctx.json_error(body_start, body, &e))
    })?;
    match top.kind.as_deref() {
        Some("FeatureCollection") => {
            let Some(features) = top.features else {
                bail!(
                    "{}: a FeatureCollection without \"features\"",
                    ctx.place(body_start)
                );
            };
            let items: Vec<&[u8]> = features.iter().map(|r| r.get().as_bytes()).collect();
            parse_json_items(ctx, &items, set)
        }
        Some("Feature") => parse_json_items(ctx, &[body.trim_ascii()], set),
        Some(other) => bail!(
            "{}: a GeoJSON {other}, expected a FeatureCollection or Features",
            ctx.place(body_start)
        ),
        None => bail!(
            "{}: no \"type\": expected a GeoJSON FeatureCollection",
            ctx.place(body_start)
        ),
    }
}

fn load_sequence(ctx: &Ctx, body: &[u8], set: &mut EventSet) -> anyhow::Result<()> {
    if let Err(e) = std::str::from_utf8(body) {
        let at = ctx.offset_of(body) + e.valid_up_to();
        bail!("{}: invalid UTF-8", ctx.place(at));
    }
    let separator = if memchr::memchr(0x1E, body).is_some() {
        0x1E
    } else {
        b'\n'
    };
    let items: Vec<&[u8]> = body
        .split(|b| *b == separator)
        .map(|s| s.trim_ascii())
        .filter(|s| !s.is_empty())
        .collect();
    parse_json_items(ctx, &items, set)
}

fn parse_json_items(ctx: &Ctx, items: &[&[u8]], set: &mut EventSet) -> anyhow::Result<()> {
    let first = set.stats.features;
    parse_items(ctx, items, set, |i, raw| {
        parse_feature(ctx, raw, first + i as u64)
    })
}

/// What one feature came to.
enum Parsed {
    Kept {
        lat: f64,
        lon: f64,
        id: FeatureId,
    },
    NoGeometry(FeatureId),
    OtherGeometry(FeatureId, String),
    /// Coordinates out of range, skipped by a lenient load (a strict one fails).
    OutOfRange(FeatureId, String),
    Filtered,
    Bad(String),
}

/// 1-based line numbers of byte offsets met in increasing order, counted once.
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    fn new() -> LineCounter {
        LineCounter { offset: 0, line: 1 }
    }

    fn line_at(&mut self, data: &[u8], offset: usize) -> usize {
        let offset = offset.min(data.len());
        if offset > self.offset {
            self.line += memchr::memchr_iter(b'\n', &data[self.offset..offset]).count();
            self.offset = offset;
        }
        self.line
    }
}

/// Parses items (features' bytes) in parallel chunks with `parse`, which is given each
/// item's position in `items`; keeps what it keeps, and lists what it skips for want of
/// a usable point when the load asks for it.
fn parse_items(
    ctx: &Ctx,
    items: &[&[u8]],
    set: &mut EventSet,
    parse: impl Fn(usize, &[u8]) -> Parsed + Sync,
) -> anyhow::Result<()> {
    let mut released = 0;
    let mut lines = LineCounter::new();
    let mut skip = |set: &mut EventSet, raw: &[u8], id: FeatureId, why: String| {
        if ctx.options.skip_unusable_points {
            let line = lines.line_at(ctx.data, ctx.offset_of(raw));
            set.skipped.push(SkippedFeature {
                place: format!("{}:{line}", ctx.label),
                id,
                why,
            });
        }
    };
    for (c, chunk) in items.chunks(CHUNK).enumerate() {
        let parsed: Vec<Parsed> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, raw)| parse(c * CHUNK + i, raw))
            .collect();
        for (raw, p) in chunk.iter().zip(parsed) {
            let start = ctx.offset_of(raw);
            let len = || {
                u32::try_from(raw.len())
                    .with_context(|| format!("{}: a feature larger than 4 GiB", ctx.place(start)))
            };
            record(set, ctx.input, p, start as u64, len, |set, id, why| {
                skip(set, raw, id, why)
            })?;
        }
        if let Some(last) = chunk.last() {
            let end = ctx.offset_of(last);
            ctx.bytes.release(released, end);
            released = end / 4096 * 4096;
        }
    }
    Ok(())
}

/// Counts one parsed feature, keeps it (at `start`, `len` bytes long) or hands it to
/// `skip`; a bad one is the error.
fn record(
    set: &mut EventSet,
    input: u32,
    parsed: Parsed,
    start: u64,
    len: impl FnOnce() -> anyhow::Result<u32>,
    mut skip: impl FnMut(&mut EventSet, FeatureId, String),
) -> anyhow::Result<()> {
    set.stats.features += 1;
    match parsed {
        Parsed::Kept { lat, lon, id } => {
            let len = len()?;
            set.stats.kept += 1;
            set.points.push(EventPoint {
                lat,
                lon,
                id,
                input,
                start,
                len,
            });
        }
        Parsed::NoGeometry(id) => {
            set.stats.without_geometry += 1;
            skip(set, id, "no geometry".into());
        }
        Parsed::OtherGeometry(id, kind) => {
            set.stats.other_geometry += 1;
            skip(set, id, format!("a {kind}, not a Point"));
        }
        Parsed::OutOfRange(id, why) => {
            set.stats.out_of_range += 1;
            skip(set, id, why);
        }
        Parsed::Filtered => set.stats.filtered_out += 1,
        Parsed::Bad(message) => bail!(message),
    }
    Ok(())
}

#[derive(Deserialize)]
struct FeatureIn<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "present")]
    id: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    geometry: Option<GeometryIn<'a>>,
    #[serde(borrow, default)]
    properties: Option<PropertiesObject<'a>>,
    /// Read only to check that it holds numbers, as GeoJSON wants.
    #[serde(default, rename = "bbox")]
    _bbox: Option<Vec<f64>>,
}

/// A member that is there, `null` included (an absent one is `None` by default).
fn present<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Scalar<'a>>, D::Error> {
    Scalar::deserialize(d).map(Some)
}

/// `properties`: an object; `null` reads as none, anything else is an error.
struct PropertiesObject<'a>(PropertiesIn<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for PropertiesObject<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = PropertiesObject<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"properties\" as an object or null")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                PropertiesIn::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(PropertiesObject)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
struct GeometryIn<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    coordinates: Option<&'a RawValue>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PropertiesIn<'a> {
    #[serde(borrow)]
    id: Option<Scalar<'a>>,
    #[serde(borrow)]
    event_id: Option<Scalar<'a>>,
    #[serde(borrow)]
    event_id_cnty: Option<Scalar<'a>>,
    #[serde(borrow)]
    event_date: Option<Scalar<'a>>,
    #[serde(borrow)]
    event_type: Option<Scalar<'a>>,
    #[serde(borrow)]
    sub_event_type: Option<Scalar<'a>>,
    #[serde(borrow)]
    fatalities: Option<Scalar<'a>>,
    #[serde(borrow)]
    fatalities_low: Option<Scalar<'a>>,
    #[serde(borrow)]
    fatalities_high: Option<Scalar<'a>>,
    #[serde(borrow)]
    injuries: Option<Scalar<'a>>,
    #[serde(borrow)]
    injuries_low: Option<Scalar<'a>>,
    #[serde(borrow)]
    injuries_high: Option<Scalar<'a>>,
    #[serde(borrow)]
    source_count: Option<Scalar<'a>>,
    #[serde(borrow)]
    time_precision: Option<Scalar<'a>>,
    #[serde(borrow)]
    geo_precision: Option<Scalar<'a>>,
    #[serde(borrow)]
    country_code: Option<Scalar<'a>>,
    #[serde(borrow)]
    country: Option<Scalar<'a>>,
    #[serde(borrow)]
    actor1: Option<Scalar<'a>>,
    #[serde(borrow)]
    actor2: Option<Scalar<'a>>,
    #[serde(borrow)]
    confidence: Option<Scalar<'a>>,
}

impl PropertiesIn<'_> {
    /// Checks the known fields: the counts are counts and the date a day of the calendar
    /// (read with `order` when it is a slash date); gives the day.
    fn check(&self, order: Option<DateOrder>) -> Result<Option<chrono::NaiveDate>, String> {
        let counts = [
            ("fatalities", &self.fatalities),
            ("fatalities_low", &self.fatalities_low),
            ("fatalities_high", &self.fatalities_high),
            ("injuries", &self.injuries),
            ("injuries_low", &self.injuries_low),
            ("injuries_high", &self.injuries_high),
            ("source_count", &self.source_count),
            ("time_precision", &self.time_precision),
            ("geo_precision", &self.geo_precision),
        ];
        for (name, value) in counts {
            match value {
                None | Some(Scalar::Other("null")) => {}
                Some(Scalar::Number(n)) if n.as_u64().is_some() => {}
                Some(Scalar::Number(n)) => return Err(count_error(name, &n.to_string())),
                Some(Scalar::Text(t)) => return Err(count_error(name, &format!("\"{t}\""))),
                Some(Scalar::Other(what)) => return Err(count_error(name, what)),
            }
        }
        match &self.event_date {
            None | Some(Scalar::Other("null")) => Ok(None),
            Some(Scalar::Text(t)) => check_date(t, order).map(Some),
            Some(Scalar::Number(n)) => Err(format!("event_date {n} is a number, not a date")),
            Some(Scalar::Other(what)) => Err(format!("event_date is {what}, not a date")),
        }
    }

    fn fields(&self) -> EventFields<'_> {
        fn text<'s>(s: &'s Option<Scalar<'_>>) -> Option<&'s str> {
            s.as_ref().and_then(Scalar::as_text)
        }
        EventFields {
            event_date: text(&self.event_date),
            event_type: text(&self.event_type),
            sub_event_type: text(&self.sub_event_type),
            fatalities: self.fatalities.as_ref().and_then(Scalar::as_number),
            country_code: text(&self.country_code),
            country: text(&self.country),
            actor1: text(&self.actor1),
            actor2: text(&self.actor2),
            confidence: self.confidence.as_ref().and_then(Scalar::as_number),
        }
    }
}

/// A property value as far as ids and filters care: text, a number, or something else.
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Number(serde_json::Number),
    /// Anything else: what it is, for errors ("null", "an array").
    Other(&'static str),
}

impl Scalar<'_> {
    fn as_text(&self) -> Option<&str> {
        match self {
            Scalar::Text(t) => Some(t),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<f64> {
        match self {
            Scalar::Number(n) => n.as_f64(),
            Scalar::Text(t) => t.trim().parse().ok(),
            Scalar::Other(_) => None,
        }
    }

    fn to_id(&self) -> Option<FeatureId> {
        match self {
            Scalar::Text(t) => Some(FeatureId::Text(t.as_ref().into())),
            Scalar::Number(n) => Some(FeatureId::Number(n.clone())),
            Scalar::Other(_) => None,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Scalar<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Owned(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(serde_json::Number::from_f64(v)
                    .map_or(Scalar::Other("not a number"), Scalar::Number))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Other("true or false"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("an object"))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A position `[lon, lat, ...]`: the first two numbers, any more ignored.
struct Position(Option<[f64; 2]>);

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Position;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a position [longitude, latitude]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let lon: Option<f64> = seq.next_element()?;
                let lat: Option<f64> = seq.next_element()?;
                while seq.next_element::<f64>()?.is_some() {}
                match (lon, lat) {
                    (Some(lon), Some(lat)) => Ok(Position(Some([lon, lat]))),
                    (None, _) => Ok(Position(None)),
                    (Some(_), None) => Err(de::Error::invalid_length(1, &self)),
                }
            }
        }
        d.deserialize_seq(V)
    }
}

fn parse_feature(ctx: &Ctx, raw: &[u8], position: u64) -> Parsed {
    let start = ctx.offset_of(raw);
    let feature: FeatureIn = match serde_json::from_slice(raw) {
        Ok(f) => f,
        Err(e) => return Parsed::Bad(ctx.json_error(start, raw, &e)),
    };
    let properties = feature.properties.map(|p| p.0).unwrap_or_default();
    let id = feature
        .id
        .as_ref()
        .and_then(Scalar::to_id)
        .or_else(|| properties.id.as_ref().and_then(Scalar::to_id))
        .or_else(|| properties.event_id.as_ref().and_then(Scalar::to_id))
        .or_else(|| properties.event_id_cnty.as_ref().and_then(Scalar::to_id))
        .unwrap_or_else(|| position.into());
    match feature.kind.as_deref() {
        Some("Feature") => {}
        Some(kind) => {
            return Parsed::Bad(format!(
                "{}: feature {id}: a GeoJSON {kind} where a Feature was expected",
                ctx.place(start)
            ))
        }
        None => {
            return Parsed::Bad(format!(
                "{}: feature {id}: no \"type\": \"Feature\"",
                ctx.place(start)
            ))
        }
    }
    if let Some(Scalar::Other(what)) = &feature.id {
        return Parsed::Bad(format!(
            "{}: feature {id}: \"id\" is {what}; GeoJSON wants a string or a number",
            ctx.place(start)
        ));
    }
    let date = match properties.check(ctx.options.date_order) {
        Ok(date) => date,
        Err(why) => return Parsed::Bad(format!("{}: feature {id}: {why}", ctx.place(start))),
    };
    if memchr::memmem::find(raw, b"\\u").is_some() {
        // A `\u` escape may be half a surrogate pair, which no string can hold.
        if let Err(e) = serde_json::from_slice::<serde_json::Value>(raw) {
            return Parsed::Bad(format!(
                "{} (a \\u escape that is half a surrogate pair holds no character)",
                ctx.json_error(start, raw, &e)
            ));
        }
    }
    let Some(geometry) = feature.geometry else {
        return Parsed::NoGeometry(id);
    };
    if geometry.kind != "Point" {
        return Parsed::OtherGeometry(id, geometry.kind.into_owned());
    }
    let Some(coordinates) = geometry.coordinates else {
        return Parsed::NoGeometry(id);
    };
    let position_value: Position = match serde_json::from_str(coordinates.get()) {
        Ok(p) => p,
        Err(e) => {
            let slice = coordinates.get().as_bytes();
            return Parsed::Bad(format!(
                "{} (feature {id})",
                ctx.json_error(ctx.offset_of(slice), slice, &e)
            ));
        }
    };
    let Some([lon, lat]) = position_value.0 else {
        return Parsed::NoGeometry(id);
    };
    if let Err(why) = check_coordinates(lat, lon) {
        if ctx.options.skip_unusable_points {
            return Parsed::OutOfRange(id, why);
        }
        return Parsed::Bad(format!("{}: feature {id}: {why}", ctx.place(start)));
    }
    if !ctx.filter.is_empty() {
        let iso = date.map(|d| d.to_string());
        let fields = EventFields {
            event_date: iso.as_deref(),
            ..properties.fields()
        };
        if !ctx.filter.matches(&fields) {
            return Parsed::Filtered;
        }
    }
    Parsed::Kept { lat, lon, id }
}

fn check_coordinates(lat: f64, lon: f64) -> Result<(), String> {
    if !lat.is_finite() || !lon.is_finite() {
        return Err(format!("coordinates [{lon}, {lat}] are not finite numbers"));
    }
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(format!(
            "coordinates [{lon}, {lat}] are out of range (longitude -180..180, latitude -90..90)"
        ));
    }
    Ok(())
}

/// Reads a FlatGeobuf input: through its index when there is a window and an index, else
/// every feature in file order.
fn load_fgb(
    ctx: &Ctx,
    window: Option<&[BBox]>,
    set: &mut EventSet,
) -> anyhow::Result<super::fgb::Layout> {
    let layout = super::fgb::Layout::read(ctx.label, ctx.data)?;
    let items = match window {
        Some(boxes) if layout.has_index() => {
            set.stats.indexed_inputs += 1;
            layout.within(ctx.label, ctx.data, boxes)?
        }
        _ => layout.all(ctx.label, ctx.data)?,
    };
    let (numbers, raws): (Vec<u64>, Vec<&[u8]>) = items.into_iter().unzip();
    let roles = FieldRoles::of(layout.columns.iter().map(|c| c.name.as_str()));
    parse_items(ctx, &raws, set, |i, raw| {
        parse_fgb_feature(ctx, &layout, &roles, raw, numbers[i])
    })?;
    Ok(layout)
}

/// Which column gives which of the fields ids and filters read.
#[derive(Default)]
struct FieldRoles {
    ids: [Option<usize>; 3],
    event_date: Option<usize>,
    event_type: Option<usize>,
    sub_event_type: Option<usize>,
    fatalities: Option<usize>,
    country_code: Option<usize>,
    country: Option<usize>,
    actor1: Option<usize>,
    actor2: Option<usize>,
    confidence: Option<usize>,
}

impl FieldRoles {
    /// The first column of each role among `names`, case aside.
    fn of<'n>(names: impl Iterator<Item = &'n str>) -> FieldRoles {
        let mut roles = FieldRoles::default();
        for (i, name) in names.enumerate() {
            let slot = match name.to_ascii_lowercase().as_str() {
                "id" => &mut roles.ids[0],
                "event_id" => &mut roles.ids[1],
                "event_id_cnty" => &mut roles.ids[2],
                "event_date" => &mut roles.event_date,
                "event_type" => &mut roles.event_type,
                "sub_event_type" => &mut roles.sub_event_type,
                "fatalities" => &mut roles.fatalities,
                "country_code" => &mut roles.country_code,
                "country" => &mut roles.country,
                "actor1" => &mut roles.actor1,
                "actor2" => &mut roles.actor2,
                "confidence" => &mut roles.confidence,
                _ => continue,
            };
            slot.get_or_insert(i);
        }
        roles
    }
}

fn parse_fgb_feature(
    ctx: &Ctx,
    layout: &super::fgb::Layout,
    roles: &FieldRoles,
    raw: &[u8],
    number: u64,
) -> Parsed {
    let mut values: Vec<Option<Property>> = vec![None; layout.columns.len()];
    let shape = match layout.read_feature(raw, |i, p| values[i] = Some(p)) {
        Ok(shape) => shape,
        Err(why) => return Parsed::Bad(format!("{}: feature {number}: {why}", ctx.label)),
    };
    let names: Vec<&str> = layout.columns.iter().map(|c| c.name.as_str()).collect();
    parse_row(ctx, &names, roles, &values, shape, number)
}

/// Reads a GeoParquet input: with a window, only the row groups whose `bbox` statistics
/// meet it; else every row group. A point's `start` is its row in the rows read.
fn load_parquet(
    ctx: &Ctx,
    window: Option<&[BBox]>,
    set: &mut EventSet,
) -> anyhow::Result<super::geoparquet::Table> {
    let table = super::geoparquet::Table::read(ctx.label, ctx.bytes.shared(), window)?;
    if window.is_some() && table.groups_read < table.row_groups {
        set.stats.indexed_inputs += 1;
    }
    let names: Vec<&str> = table.columns.iter().map(String::as_str).collect();
    let roles = FieldRoles::of(names.iter().copied());
    let parsed: Vec<Parsed> = (0..table.len())
        .into_par_iter()
        .map(|row| {
            let values = table.row(row);
            parse_row(
                ctx,
                &names,
                &roles,
                &values,
                table.shape(row),
                table.number(row),
            )
        })
        .collect();
    for (row, p) in parsed.into_iter().enumerate() {
        record(
            set,
            ctx.input,
            p,
            row as u64,
            || Ok(0),
            |set, id, why| {
                if ctx.options.skip_unusable_points {
                    set.skipped.push(SkippedFeature {
                        place: format!("{}: row {}", ctx.label, table.number(row)),
                        id,
                        why,
                    });
                }
            },
        )?;
    }
    Ok(table)
}

/// Checks a row of a typed table (a FlatGeobuf feature, a GeoParquet row) and keeps it,
/// or says why not: its id, known fields, point and the filter.
fn parse_row(
    ctx: &Ctx,
    names: &[&str],
    roles: &FieldRoles,
    values: &[Option<Property>],
    shape: FgbShape,
    number: u64,
) -> Parsed {
    let get = |i: Option<usize>| i.and_then(|i| values[i]);
    let text = |i: Option<usize>| match get(i) {
        Some(Property::Text(t)) => Some(t),
        _ => None,
    };
    let id = roles
        .ids
        .iter()
        .find_map(|&i| match get(i) {
            Some(Property::Text(t)) => Some(FeatureId::from(t)),
            Some(Property::Integer(n)) => Some(FeatureId::Number(n.into())),
            Some(Property::Unsigned(n)) => Some(FeatureId::from(n)),
            _ => None,
        })
        .unwrap_or_else(|| number.into());
    let mut date = None;
    for (name, value) in names.iter().zip(values) {
        let checked = match value {
            Some(Property::Text(t)) if *name == "event_date" && !t.trim().is_empty() => {
                check_date(t, ctx.options.date_order).map(|d| date = Some(d))
            }
            Some(Property::Integer(n)) if *n < 0 && is_count(name) => {
                Err(count_error(name, &n.to_string()))
            }
            Some(Property::Real(r)) if is_count(name) => Err(count_error(name, &r.to_string())),
            Some(Property::Text(t)) if is_count(name) => check_count(name, t).map(|_| ()),
            _ => Ok(()),
        };
        if let Err(why) = checked {
            return Parsed::Bad(format!("{}: feature {number}: {why}", ctx.label));
        }
    }
    let (lon, lat) = match shape {
        FgbShape::Point(lon, lat) => (lon, lat),
        FgbShape::None => return Parsed::NoGeometry(id),
        FgbShape::Other => return Parsed::OtherGeometry(id, "geometry of another type".into()),
    };
    if let Err(why) = check_coordinates(lat, lon) {
        if ctx.options.skip_unusable_points {
            return Parsed::OutOfRange(id, why);
        }
        return Parsed::Bad(format!("{}: feature {id}: {why}", ctx.label));
    }
    if !ctx.filter.is_empty() {
        let iso = date.map(|d| d.to_string());
        let fields = EventFields {
            event_date: iso.as_deref(),
            event_type: text(roles.event_type),
            sub_event_type: text(roles.sub_event_type),
            fatalities: get(roles.fatalities).and_then(Property::as_number),
            country_code: text(roles.country_code),
            country: text(roles.country),
            actor1: text(roles.actor1),
            actor2: text(roles.actor2),
            confidence: get(roles.confidence).and_then(Property::as_number),
        };
        if !ctx.filter.matches(&fields) {
            return Parsed::Filtered;
        }
    }
    Parsed::Kept { lat, lon, id }
}

const LAT_COLUMNS: &[&str] = &["latitude", "lat", "y"];
const LON_COLUMNS: &[&str] = &["longitude", "lon", "lng", "long", "x"];

fn load_csv(ctx: &Ctx, body: &[u8], set: &mut EventSet) -> anyhow::Result<CsvLayout> {
    let first_line = &body[..memchr::memchr(b'\n', body).unwrap_or(body.len())];
    let delimiter = sniff_delimiter(first_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(body);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("{}: {e}", ctx.label))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let column = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h.eq_ignore_ascii_case(n)))
    };
    let (Some(lat_col), Some(lon_col)) = (column(LAT_COLUMNS), column(LON_COLUMNS)) else {
        if headers.len() == 1 {
            let other = [b'|', b':'].into_iter().find(|d| first_line.contains(d));
            if let Some(d) = other {
                bail!(
                    "{}:1: one column only: the header seems separated by '{}', which is not read (separators: ',', ';', tab)",
                    ctx.label,
                    d as char
                );
            }
        }
        bail!(
            "{}:1: no latitude/longitude columns in the header (expected CSV such as ACLED's export; got: {})",
            ctx.label,
            headers.join(", ")
        );
    };
    let cols = FieldRoles::of(headers.iter().map(String::as_str));
    let body_start = ctx.offset_of(body);
    let mut record = csv::ByteRecord::new();
    loop {
        let row_start = reader.position().byte() as usize;
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => bail!("{}:{line}: {e}", ctx.label),
        }
        let row_end = reader.position().byte() as usize;
        if let Err(e) = std::str::from_utf8(record.as_slice()) {
            let at = body_start + row_start + e.valid_up_to();
            bail!("{}: invalid UTF-8", ctx.place(at));
        }
        let position = set.stats.features;
        set.stats.features += 1;
        let cell = |i: Option<usize>| -> anyhow::Result<Option<&str>> {
            match i.and_then(|i| record.get(i)) {
                None => Ok(None),
                Some(b) => std::str::from_utf8(b)
                    .map(|s| Some(s.trim()).filter(|s| !s.is_empty()))
                    .map_err(|_| anyhow::anyhow!("{}:{line}: invalid UTF-8", ctx.label)),
            }
        };
        let id_cell = [
            ("id", cols.ids[0]),
            ("event_id", cols.ids[1]),
            ("event_id_cnty", cols.ids[2]),
        ]
        .into_iter()
        .find_map(|(name, i)| cell(i).transpose().map(|text| text.map(|t| (name, t))))
        .transpose()?;
        let id = match id_cell {
            Some((name, text)) => match typed_cell(name, text) {
                serde_json::Value::Number(n) => FeatureId::Number(n),
                _ => FeatureId::Text(text.into()),
            },
            None => position.into(),
        };
        let skip = |set: &mut EventSet, id: FeatureId, why: String| {
            if ctx.options.skip_unusable_points {
                set.skipped.push(SkippedFeature {
                    place: format!("{}:{line}", ctx.label),
                    id,
                    why,
                });
            }
        };
        let date = check_row(&headers, &record, ctx.options.date_order)
            .map_err(|why| anyhow::anyhow!("{}:{line}: row {id}: {why}", ctx.label))?;
        let (Some(lat_text), Some(lon_text)) = (cell(Some(lat_col))?, cell(Some(lon_col))?) else {
            set.stats.without_geometry += 1;
            skip(set, id, "no coordinates".into());
            continue;
        };
        let number = |text: &str, what: &str| -> anyhow::Result<f64> {
            text.parse::<f64>().map_err(|_| {
                anyhow::anyhow!(
                    "{}:{line}: row {id}: {what} '{text}' is not a number",
                    ctx.label
                )
            })
        };
        let (lat, lon) = (
            number(lat_text, "latitude")?,
            number(lon_text, "longitude")?,
        );
        if let Err(why) = check_coordinates(lat, lon) {
            if !ctx.options.skip_unusable_points {
                bail!("{}:{line}: row {id}: {why}", ctx.label);
            }
            set.stats.out_of_range += 1;
            skip(set, id, why);
            continue;
        }
        if !ctx.filter.is_empty() {
            let iso = date.map(|d| d.to_string());
            let fields = EventFields {
                event_date: iso.as_deref(),
                event_type: cell(cols.event_type)?,
                sub_event_type: cell(cols.sub_event_type)?,
                fatalities: cell(cols.fatalities)?.and_then(|f| f.parse().ok()),
                country_code: cell(cols.country_code)?,
                country: cell(cols.country)?,
                actor1: cell(cols.actor1)?,
                actor2: cell(cols.actor2)?,
                confidence: cell(cols.confidence)?.and_then(|c| c.parse().ok()),
            };
            if !ctx.filter.matches(&fields) {
                set.stats.filtered_out += 1;
                continue;
            }
        }
        set.stats.kept += 1;
        set.points.push(EventPoint {
            lat,
            lon,
            id,
            input: ctx.input,
            start: (body_start + row_start) as u64,
            len: u32::try_from(row_end - row_start).context("a CSV row larger than 4 GiB")?,
        });
    }
    Ok(CsvLayout {
        delimiter,
        headers,
        lat: lat_col,
        lon: lon_col,
    })
}

/// The separator of a CSV header line: a tab or a `;` when the line has one and no comma,
/// else a comma.
fn sniff_delimiter(first_line: &[u8]) -> u8 {
    let has = |b: u8| memchr::memchr(b, first_line).is_some();
    if has(b',') {
        b','
    } else if has(b'\t') {
        b'\t'
    } else if has(b';') {
        b';'
    } else {
        b','
    }
}

/// Checks a CSV row's known cells: counts are counts, the event date a day of the
/// calendar (read with `order` when a slash date); gives the day.
fn check_row(
    headers: &[String],
    record: &csv::ByteRecord,
    order: Option<DateOrder>,
) -> Result<Option<chrono::NaiveDate>, String> {
    let mut date = None;
    for (name, cell) in headers.iter().zip(record.iter()) {
        let text = std::str::from_utf8(cell).unwrap_or_default().trim();
        if text.is_empty() {
            continue;
        }
        if name == "event_date" {
            date = Some(check_date(text, order)?);
        } else if is_count(name) {
            check_count(name, text)?;
        }
    }
    Ok(date)
}

/// A CSV cell of a column as a JSON value: empty is null; in a column incimap or ACLED
/// defines, text stays text and a number column's cell is a number when it reads as one;
/// in other columns, a number that reads back the same is a number, anything else text.
fn typed_cell(column: &str, text: &str) -> serde_json::Value {
    use super::columns::{known_kind, Kind};
    match known_kind(column) {
        _ if text.is_empty() => serde_json::Value::Null,
        Some(Kind::Text | Kind::Date) => serde_json::Value::String(text.to_string()),
        Some(Kind::Integer { .. }) => text
            .parse::<i64>()
            .map_or_else(|_| cell_value(text), serde_json::Value::from),
        _ => cell_value(text),
    }
}

/// A CSV cell as a JSON value: empty is null, a number that reads back the same is a
/// number (so `007` stays text), anything else text.
fn cell_value(text: &str) -> serde_json::Value {
    if text.is_empty() {
        return serde_json::Value::Null;
    }
    if let Ok(n) = text.parse::<i64>() {
        if n.to_string() == text {
            return n.into();
        }
    }
    if let Ok(f) = text.parse::<f64>() {
        if let Some(n) = serde_json::Number::from_f64(f) {
            if n.to_string() == text {
                return serde_json::Value::Number(n);
            }
        }
    }
    serde_json::Value::String(text.to_string())
}

impl EventSet {
    /// The positions of the kept points, in order: what the spatial index is built from.
    pub fn lat_lons(&self) -> Vec<LatLon> {
        self.points
            .iter()
            .map(|p| LatLon {
                lat: p.lat,
                lon: p.lon,
            })
            .collect()
    }

    /// The input feature of a kept point, whole: a GeoJSON feature as written, or a CSV row
    /// as a Point feature whose properties are the row's columns.
    pub fn feature(&self, point: &EventPoint) -> anyhow::Result<geojson::Feature> {
        let input = &self.inputs[point.input as usize];
        let start = point.start as usize;
        let raw = || &input.bytes.as_slice()[start..start + point.len as usize];
        match &input.shape {
            Shape::Json => serde_json::from_slice(raw())
                .map_err(|e| anyhow::anyhow!("{}: feature {}: {e}", input.label, point.id)),
            Shape::Csv(layout) => {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(layout.delimiter)
                    .has_headers(false)
                    .from_reader(raw());
                let mut record = csv::StringRecord::new();
                reader
                    .read_record(&mut record)
                    .map_err(|e| anyhow::anyhow!("{}: row {}: {e}", input.label, point.id))?;
                let mut properties: serde_json::Map<String, serde_json::Value> = layout
                    .headers
                    .iter()
                    .zip(record.iter())
                    .enumerate()
                    .filter(|(i, _)| *i != layout.lat && *i != layout.lon)
                    .map(|(_, (h, v))| (h.clone(), typed_cell(h, v.trim())))
                    .collect();
                // An `id` column is the feature's id; `event_id` and `event_id_cnty` are
                // its id and stay properties.
                let id_column = properties.remove("id");
                let named = id_column.is_some()
                    || super::columns::ID_PROPERTIES
                        .iter()
                        .any(|k| properties.get(*k).is_some_and(|v| !v.is_null()));
                let id = match &point.id {
                    FeatureId::Text(t) if named => {
                        Some(geojson::feature::Id::String(t.to_string()))
                    }
                    FeatureId::Number(n) if named => Some(geojson::feature::Id::Number(n.clone())),
                    _ => None,
                };
                Ok(geojson::Feature {
                    bbox: None,
                    geometry: Some(geojson::Geometry::new_point([point.lon, point.lat])),
                    id,
                    properties: Some(properties),
                    foreign_members: None,
                })
            }
            Shape::Fgb(layout) => layout
                .feature(raw())
                .map_err(|why| anyhow::anyhow!("{}: feature {}: {why}", input.label, point.id)),
            Shape::Parquet(table) => Ok(table.feature(start)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Opened;
    use std::io::Write;

    fn opened(path: &std::path::Path) -> Opened {
        let file = std::fs::File::open(path).unwrap();
        let meta = file.metadata().unwrap();
        Opened::new(file, &meta)
    }

    #[test]
    fn a_file_cut_grown_or_rewritten_after_it_was_opened_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.geojsonl");
        std::fs::write(&path, "0123456789").unwrap();
        let whole = opened(&path);
        assert!(whole.check_unchanged("e.geojsonl").is_ok());

        let before_cut = opened(&path);
        let writer = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        writer.set_len(4).unwrap();
        let err = before_cut.check_unchanged("e.geojsonl").unwrap_err();
        assert_eq!(
            err.to_string(),
            "e.geojsonl: the file changed while it was read; run again once it is complete"
        );

        let before_append = opened(&path);
        (&writer).write_all(b"more").unwrap();
        assert!(before_append.check_unchanged("e.geojsonl").is_err());

        // The same length, written again: only the modification time tells.
        let before_rewrite = opened(&path);
        let later = before_rewrite.stamp.modified.unwrap() + std::time::Duration::from_secs(1);
        writer.set_modified(later).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            before_rewrite.stamp.len
        );
        assert!(before_rewrite.check_unchanged("e.geojsonl").is_err());
    }
}
