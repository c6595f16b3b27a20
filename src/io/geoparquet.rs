//! GeoParquet 1.1: written with the `parquet` crate's column writers (no Arrow) as Point
//! features in a WKB `geometry` column, a `bbox` covering struct (`xmin`, `ymin`, `xmax`,
//! `ymax`) declared in the `geo` file metadata, and one typed, nullable column per
//! property (text, DATE, INT64, DOUBLE, BOOLEAN) in the order of every other format; the
//! CRS is left out, which the specification reads as OGC:CRS84 (longitude, latitude).
//! Rows are sorted along the Hilbert curve FlatGeobuf's index uses and cut into row groups
//! of [`ROW_GROUP`] rows, so that the row groups' statistics on `bbox` tell which groups
//! a box can touch. Read back, a query's boxes skip the other row groups; a file that is
//! not Parquet, is cut short or has no `geo` metadata is an error naming it.

use std::io::Write;
use std::sync::Arc;

use anyhow::{bail, Context};
use flatgeobuf::packed_r_tree::{calc_extent, hilbert_sort, NodeItem};
use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, Type as Physical};
use parquet::column::reader::ColumnReaderImpl;
use parquet::data_type::{
    BoolType, ByteArray, ByteArrayType, DataType, DoubleType, Int32Type, Int64Type,
};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, RowGroupReader};
use parquet::file::serialized_reader::SerializedFileReader;
use parquet::file::statistics::Statistics;
use parquet::file::writer::{SerializedFileWriter, SerializedRowGroupWriter};
use parquet::schema::types::Type;
use rayon::prelude::*;
use serde_json::{json, Value};

use super::columns::{cell, id_value, Columns, Kind};
use super::events_out::{columns, flatten, lon_lat, Features};
use super::record::{Property, Shape};
use crate::spatial::region::BBox;

/// Rows per row group: small enough that a box query skips most of a large file, large
/// enough that each column chunk compresses well.
pub const ROW_GROUP: usize = 8 * 1024;

/// The four bytes a Parquet file begins and ends with.
pub const MAGIC: [u8; 4] = *b"PAR1";

/// Whether bytes begin as a Parquet file does.
///
/// ```
/// assert!(incimap::io::geoparquet::is_parquet(b"PAR1...."));
/// assert!(!incimap::io::geoparquet::is_parquet(b"{\"type\":"));
/// ```
pub fn is_parquet(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// The columns of features and each feature's point, in order: what a GeoParquet file of
/// them needs before its first row. `each` sees every feature (flattened) in order. A
/// feature that is not a Point is an error.
pub(crate) fn survey(
    features: &dyn Features,
    mut each: impl FnMut(&geojson::Feature),
) -> anyhow::Result<(Columns, Vec<(f64, f64)>)> {
    let mut points = Vec::with_capacity(features.len());
    let columns = columns(features, |f| {
        let Some(point) = lon_lat(f) else {
            bail!(
                "feature {}: GeoParquet output takes Point features only",
                points.len()
            );
        };
        points.push(point);
        each(f);
        Ok(())
    })?;
    Ok((columns, points))
}

/// Positions of points in the order of FlatGeobuf's packed Hilbert R-tree: near points
/// near each other, so that each row group covers a small box.
///
/// ```
/// let order = incimap::io::geoparquet::hilbert_order(&[(0.0, 0.0), (10.0, 10.0), (0.1, 0.1)]);
/// let (a, b) = (order.iter().position(|&i| i == 0), order.iter().position(|&i| i == 2));
/// assert_eq!(a.unwrap().abs_diff(b.unwrap()), 1);
/// ```
pub fn hilbert_order(points: &[(f64, f64)]) -> Vec<usize> {
    let mut items: Vec<NodeItem> = points
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| NodeItem {
            min_x: x,
            min_y: y,
            max_x: x,
            max_y: y,
            offset: i as u64,
        })
        .collect();
    let extent = calc_extent(&items);
    hilbert_sort(&mut items, &extent);
    items.into_iter().map(|n| n.offset as usize).collect()
}

/// Writes Point features as GeoParquet, sorted along a Hilbert curve.
///
/// ```
/// use incimap::io::geoparquet::{write, Table};
/// let events = [incimap::event::Event::example()];
/// let mut out = Vec::new();
/// write(&mut out, &events.as_slice()).unwrap();
/// assert!(out.starts_with(b"PAR1") && out.ends_with(b"PAR1"));
/// let table = Table::read("e.parquet", out.into(), None).unwrap();
/// assert_eq!(table.len(), 1);
/// assert_eq!(table.feature(0).properties.unwrap()["event_date"], "2019-11-08");
/// ```
pub fn write(out: &mut dyn Write, features: &dyn Features) -> anyhow::Result<()> {
    let (columns, points) = survey(features, |_| {})?;
    let rows: Vec<(usize, (f64, f64))> = hilbert_order(&points)
        .into_iter()
        .map(|i| (i, points[i]))
        .collect();
    out.write_all(&encode(features, &columns, &rows)?)?;
    Ok(())
}

/// A file of the given rows (a feature's position and its point), in that order, with
/// the given columns.
pub(crate) fn encode(
    features: &dyn Features,
    columns: &Columns,
    rows: &[(usize, (f64, f64))],
) -> anyhow::Result<Vec<u8>> {
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("incimap {}", env!("CARGO_PKG_VERSION")))
        .set_statistics_truncate_length(Some(64))
        .set_key_value_metadata(Some(vec![KeyValue::new(
            "geo".to_string(),
            geo_metadata(rows).to_string(),
        )]))
        .build();
    let mut buf = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut buf, Arc::new(schema(columns)?), Arc::new(properties))?;
    for group in rows.chunks(ROW_GROUP) {
        let made: Vec<geojson::Feature> = group
            .par_iter()
            .map(|&(i, _)| {
                let mut f = features.feature(i)?;
                flatten(&mut f);
                Ok(f)
            })
            .collect::<anyhow::Result<_>>()?;
        let mut rg = writer.next_row_group()?;
        if let Some(kind) = columns.id {
            let ids: Vec<Option<Value>> =
                made.iter().map(|f| f.id.as_ref().map(id_value)).collect();
            let ids: Vec<Option<&Value>> = ids.iter().map(Option::as_ref).collect();
            write_column(&mut rg, "id", kind, &ids)?;
        }
        for (name, kind) in &columns.properties {
            let values: Vec<Option<&Value>> = made
                .iter()
                .map(|f| f.properties.as_ref().and_then(|p| p.get(name)))
                .collect();
            write_column(&mut rg, name, *kind, &values)?;
        }
        let wkb: Vec<ByteArray> = group
            .iter()
            .map(|&(_, (x, y))| wkb_point(x, y).into())
            .collect();
        write_values::<ByteArrayType>(&mut rg, &wkb, None)?;
        for pick in [|p: (f64, f64)| p.0, |p: (f64, f64)| p.1] {
            let values: Vec<f64> = group.iter().map(|&(_, p)| pick(p)).collect();
            // The covering's min and max of a point are the point.
            write_values::<DoubleType>(&mut rg, &values, None)?;
        }
        for pick in [|p: (f64, f64)| p.0, |p: (f64, f64)| p.1] {
            let values: Vec<f64> = group.iter().map(|&(_, p)| pick(p)).collect();
            write_values::<DoubleType>(&mut rg, &values, None)?;
        }
        rg.close()?;
    }
    writer.close()?;
    Ok(buf)
}

/// The `geo` metadata of a file of these rows.
fn geo_metadata(rows: &[(usize, (f64, f64))]) -> Value {
    let mut column = json!({
        "encoding": "WKB",
        "geometry_types": ["Point"],
        "covering": {"bbox": {
            "xmin": ["bbox", "xmin"],
            "ymin": ["bbox", "ymin"],
            "xmax": ["bbox", "xmax"],
            "ymax": ["bbox", "ymax"],
        }},
    });
    if !rows.is_empty() {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for &(_, (x, y)) in rows {
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        }
        column["bbox"] = json!(b);
    }
    json!({
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {"geometry": column},
    })
}

/// The file's schema: the columns, each nullable, then `geometry` and `bbox`.
fn schema(columns: &Columns) -> anyhow::Result<Type> {
    let mut fields = Vec::new();
    let names = columns
        .id
        .map(|k| ("id", k))
        .into_iter()
        .chain(columns.properties.iter().map(|(n, k)| (n.as_str(), *k)));
    for (name, kind) in names {
        if name == "geometry" || name == "bbox" {
            bail!("a property named '{name}', the name of GeoParquet's geometry or bbox column: rename it to write GeoParquet");
        }
        let (physical, logical) = match kind {
            Kind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
            Kind::Date => (Physical::INT32, Some(LogicalType::Date)),
            Kind::Integer { .. } => (Physical::INT64, None),
            Kind::Real => (Physical::DOUBLE, None),
            Kind::Bool => (Physical::BOOLEAN, None),
        };
        let field = Type::primitive_type_builder(name, physical)
            .with_repetition(Repetition::OPTIONAL)
            .with_logical_type(logical)
            .build()?;
        fields.push(Arc::new(field));
    }
    fields.push(Arc::new(
        Type::primitive_type_builder("geometry", Physical::BYTE_ARRAY)
            .with_repetition(Repetition::REQUIRED)
            .build()?,
    ));
    let corners = ["xmin", "ymin", "xmax", "ymax"]
        .into_iter()
        .map(|n| {
            Type::primitive_type_builder(n, Physical::DOUBLE)
                .with_repetition(Repetition::REQUIRED)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    fields.push(Arc::new(
        Type::group_type_builder("bbox")
            .with_repetition(Repetition::REQUIRED)
            .with_fields(corners)
            .build()?,
    ));
    Ok(Type::group_type_builder("schema")
        .with_fields(fields)
        .build()?)
}

/// ISO WKB of a 2D point, little-endian.
fn wkb_point(x: f64, y: f64) -> Vec<u8> {
    let mut wkb = Vec::with_capacity(21);
    wkb.push(1);
    wkb.extend_from_slice(&1u32.to_le_bytes());
    wkb.extend_from_slice(&x.to_le_bytes());
    wkb.extend_from_slice(&y.to_le_bytes());
    wkb
}

/// Writes the next column of a row group: the values present, and with `defined` the
/// definition level of each row (1 present, 0 null).
fn write_values<T: DataType>(
    rg: &mut SerializedRowGroupWriter<'_, &mut Vec<u8>>,
    values: &[T::T],
    defined: Option<&[i16]>,
) -> anyhow::Result<()> {
    let mut column = rg
        .next_column()?
        .context("the GeoParquet writer ran out of columns")?;
    column.typed::<T>().write_batch(values, defined, None)?;
    column.close()?;
    Ok(())
}

/// Writes one property column of a row group, typed as its kind.
fn write_column(
    rg: &mut SerializedRowGroupWriter<'_, &mut Vec<u8>>,
    name: &str,
    kind: Kind,
    values: &[Option<&Value>],
) -> anyhow::Result<()> {
    let present: Vec<&Value> = values
        .iter()
        .flatten()
        .filter(|v| !v.is_null())
        .copied()
        .collect();
    let defined: Vec<i16> = values
        .iter()
        .map(|v| i16::from(v.is_some_and(|v| !v.is_null())))
        .collect();
    let wrong = |v: &Value, what: &str| anyhow::anyhow!("column {name}: {v} is not {what}");
    match kind {
        Kind::Text => {
            let text: Vec<ByteArray> = present
                .iter()
                .map(|v| cell(Some(v)).into_bytes().into())
                .collect();
            write_values::<ByteArrayType>(rg, &text, Some(&defined))
        }
        Kind::Date => {
            let epoch = chrono::NaiveDate::default();
            let days = present
                .iter()
                .map(|v| {
                    let day = v
                        .as_str()
                        .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                        .ok_or_else(|| wrong(v, "a date"))?;
                    i32::try_from((day - epoch).num_days()).map_err(|_| wrong(v, "a date"))
                })
                .collect::<anyhow::Result<Vec<i32>>>()?;
            write_values::<Int32Type>(rg, &days, Some(&defined))
        }
        Kind::Integer { .. } => {
            let numbers = present
                .iter()
                .map(|v| v.as_i64().ok_or_else(|| wrong(v, "a whole number")))
                .collect::<anyhow::Result<Vec<i64>>>()?;
            write_values::<Int64Type>(rg, &numbers, Some(&defined))
        }
        Kind::Real => {
            let numbers = present
                .iter()
                .map(|v| v.as_f64().ok_or_else(|| wrong(v, "a number")))
                .collect::<anyhow::Result<Vec<f64>>>()?;
            write_values::<DoubleType>(rg, &numbers, Some(&defined))
        }
        Kind::Bool => {
            let flags = present
                .iter()
                .map(|v| v.as_bool().ok_or_else(|| wrong(v, "true or false")))
                .collect::<anyhow::Result<Vec<bool>>>()?;
            write_values::<BoolType>(rg, &flags, Some(&defined))
        }
    }
}

/// The values of one column for the rows read.
enum Values {
    Integer(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    /// Every row's text one after another; row `i` is `text[starts[i]..starts[i + 1]]`,
    /// null where `present[i]` is false.
    Text {
        text: String,
        starts: Vec<usize>,
        present: Vec<bool>,
    },
}

impl Values {
    fn get(&self, row: usize) -> Option<Property<'_>> {
        match self {
            Values::Integer(v) => v[row].map(Property::Integer),
            Values::Real(v) => v[row].map(Property::Real),
            Values::Bool(v) => v[row].map(Property::Bool),
            Values::Text {
                text,
                starts,
                present,
            } => present[row].then(|| Property::Text(&text[starts[row]..starts[row + 1]])),
        }
    }
}

/// How a leaf column of a file is read.
#[derive(Clone, Copy)]
enum Read {
    Integer,
    Date,
    Real,
    Bool,
    Text,
}

/// The rows of a GeoParquet file a query reads: every row group, or those whose `bbox`
/// statistics meet its boxes; each row's point and property values.
pub struct Table {
    /// The property columns, in file order.
    pub columns: Vec<String>,
    values: Vec<Values>,
    shapes: Vec<Shape>,
    numbers: Vec<u64>,
    /// Row groups in the file.
    pub row_groups: usize,
    /// Row groups read (the others lie outside the query's boxes).
    pub groups_read: usize,
}

impl Table {
    /// Reads a GeoParquet file in memory, in place (a memory-mapped input is not copied:
    /// only the pages of the row groups read are touched): with `boxes`, only the row
    /// groups whose `bbox` covering statistics meet one of them (a box across the
    /// antimeridian counts as two). A file that is not GeoParquet is an error naming
    /// `label`.
    ///
    /// ```
    /// use incimap::io::geoparquet::Table;
    /// let err = Table::read("x.parquet", b"not parquet".to_vec().into(), None).err().unwrap();
    /// assert!(err.to_string().starts_with("x.parquet: not a Parquet file"));
    /// ```
    pub fn read(label: &str, data: bytes::Bytes, boxes: Option<&[BBox]>) -> anyhow::Result<Table> {
        if !is_parquet(&data) {
            bail!("{label}: not a Parquet file (it does not begin with the Parquet magic number PAR1)");
        }
        if data.len() < 12 || !data.ends_with(&MAGIC) {
            bail!("{label}: truncated Parquet file: it does not end with the magic number PAR1 a whole file ends with");
        }
        quietly(label, || Table::decode(label, data, boxes))
    }

    /// [`Table::read`] past the magic numbers.
    fn decode(label: &str, data: bytes::Bytes, boxes: Option<&[BBox]>) -> anyhow::Result<Table> {
        let reader = SerializedFileReader::new(data)
            .map_err(|e| anyhow::anyhow!("{label}: a damaged Parquet file: {e}"))?;
        let meta = reader.metadata();
        let geo = meta
            .file_metadata()
            .key_value_metadata()
            .and_then(|kv| kv.iter().find(|k| k.key == "geo"))
            .and_then(|k| k.value.as_deref())
            .ok_or_else(|| anyhow::anyhow!("{label}: a Parquet file without GeoParquet's 'geo' metadata: incimap reads GeoParquet, whose metadata names its geometry column"))?;
        let geo: Value = serde_json::from_str(geo).map_err(|e| {
            anyhow::anyhow!("{label}: GeoParquet 'geo' metadata that is not JSON: {e}")
        })?;
        let primary = geo["primary_column"].as_str().ok_or_else(|| {
            anyhow::anyhow!("{label}: GeoParquet 'geo' metadata without a primary_column")
        })?;
        let column = &geo["columns"][primary];
        if !column.is_object() {
            bail!("{label}: GeoParquet 'geo' metadata does not describe its primary column '{primary}'");
        }
        match column["encoding"].as_str() {
            Some(e) if e.eq_ignore_ascii_case("wkb") => {}
            other => bail!(
                "{label}: geometry column '{primary}' encoded as {}; incimap reads WKB",
                other.unwrap_or("nothing named")
            ),
        }
        check_crs(label, &column["crs"])?;
        let schema = meta.file_metadata().schema_descr();
        let leaf = |path: &[&str]| {
            (0..schema.num_columns()).find(|&i| schema.column(i).path().parts() == path)
        };
        let geometry = leaf(&[primary]).ok_or_else(|| {
            anyhow::anyhow!(
                "{label}: no column '{primary}', the geometry column its metadata names"
            )
        })?;
        let covering: Option<Vec<usize>> = ["xmin", "ymin", "xmax", "ymax"]
            .iter()
            .map(|corner| {
                let path: Vec<&str> = column["covering"]["bbox"][corner]
                    .as_array()?
                    .iter()
                    .map(Value::as_str)
                    .collect::<Option<_>>()?;
                leaf(&path)
            })
            .collect();
        let mut reads = Vec::new();
        let mut columns = Vec::new();
        for i in 0..schema.num_columns() {
            let c = schema.column(i);
            if i == geometry || c.path().parts().len() != 1 || c.max_rep_level() > 0 {
                continue;
            }
            let logical = c.logical_type_ref();
            let read = match c.physical_type() {
                Physical::BOOLEAN => Read::Bool,
                Physical::INT32 if matches!(logical, Some(LogicalType::Date)) => Read::Date,
                Physical::INT32 if c.converted_type() == ConvertedType::DATE => Read::Date,
                Physical::INT32 | Physical::INT64 => Read::Integer,
                Physical::FLOAT | Physical::DOUBLE => Read::Real,
                Physical::BYTE_ARRAY
                    if matches!(
                        logical,
                        Some(LogicalType::String | LogicalType::Json | LogicalType::Enum)
                    ) || matches!(
                        c.converted_type(),
                        ConvertedType::UTF8 | ConvertedType::JSON | ConvertedType::ENUM
                    ) =>
                {
                    Read::Text
                }
                _ => continue,
            };
            reads.push((i, read));
            columns.push(c.name().to_string());
        }
        let mut table = Table {
            columns,
            values: Vec::new(),
            shapes: Vec::new(),
            numbers: Vec::new(),
            row_groups: meta.num_row_groups(),
            groups_read: 0,
        };
        let mut parts: Vec<Vec<Values>> = Vec::new();
        let mut first_row = 0u64;
        for g in 0..meta.num_row_groups() {
            let group = meta.row_group(g);
            let rows = usize::try_from(group.num_rows())
                .map_err(|_| anyhow::anyhow!("{label}: row group {g}: a negative row count"))?;
            let start = first_row;
            first_row += rows as u64;
            if let (Some(boxes), Some(corners)) = (boxes, &covering) {
                if !meets(group, corners, boxes) {
                    continue;
                }
            }
            table.groups_read += 1;
            let damaged =
                |e: parquet::errors::ParquetError| anyhow::anyhow!("{label}: row group {g}: {e}");
            let rg = reader.get_row_group(g).map_err(damaged)?;
            let wkb = read_leaf::<ByteArrayType>(&*rg, geometry, rows).map_err(damaged)?;
            table.shapes.extend(
                wkb.iter()
                    .map(|w| w.as_ref().map_or(Shape::None, |w| wkb_shape(w.data()))),
            );
            let mut group_values = Vec::with_capacity(reads.len());
            for &(i, read) in &reads {
                let name = schema.column(i).name().to_string();
                let v = read_values(&*rg, i, read, rows)
                    .map_err(|e| anyhow::anyhow!("{label}: row group {g}, column {name}: {e}"))?;
                group_values.push(v);
            }
            parts.push(group_values);
            table.numbers.extend(start..start + rows as u64);
        }
        table.values = join(parts, reads.len());
        Ok(table)
    }

    /// How many rows were read.
    ///
    /// ```
    /// use incimap::io::geoparquet::{write, Table};
    /// let mut out = Vec::new();
    /// write(&mut out, &[incimap::event::Event::example()].as_slice()).unwrap();
    /// let table = Table::read("e.parquet", out.into(), None).unwrap();
    /// assert_eq!((table.len(), table.is_empty(), table.number(0)), (1, false, 0));
    /// assert_eq!(table.shape(0), incimap::io::record::Shape::Point(-7.97522, 12.60915));
    /// assert_eq!(table.row(0)[0], Some(incimap::io::record::Property::Text("ev-example")));
    /// ```
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether no row was read.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// The row's number in the file (0-based).
    pub fn number(&self, row: usize) -> u64 {
        self.numbers[row]
    }

    /// The row's geometry.
    pub fn shape(&self, row: usize) -> Shape {
        self.shapes[row]
    }

    /// The row's value in each column, in order.
    pub fn row(&self, row: usize) -> Vec<Option<Property<'_>>> {
        self.values.iter().map(|v| v.get(row)).collect()
    }

    /// One row as a GeoJSON feature, ids as [`super::record::feature`] finds them.
    pub fn feature(&self, row: usize) -> geojson::Feature {
        let values = self
            .row(row)
            .into_iter()
            .map(|p| p.map_or(Value::Null, Property::to_value));
        super::record::feature(
            self.columns.iter().map(String::as_str).zip(values),
            self.shapes[row],
        )
    }
}

thread_local! {
    /// Whether a panic on this thread is caught by [`quietly`], which reports it.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `decode` and turns a panic in it into an error naming `label`: the `parquet`
/// crate indexes some damaged pages without checking them, and a damaged input is an
/// error, not a crash. The panic message is not printed on the way (the hook that prints
/// it is skipped on this thread while `decode` runs).
fn quietly<T>(label: &str, decode: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode));
    QUIET.with(|q| q.set(was));
    result.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("the decoder failed");
        bail!("{label}: a damaged Parquet file ({why})")
    })
}

/// Refuses a CRS other than longitude/latitude on WGS84 (absent or null: OGC:CRS84 or
/// unknown, read as such).
fn check_crs(label: &str, crs: &Value) -> anyhow::Result<()> {
    let id = &crs["id"];
    let (Some(authority), Some(code)) = (id["authority"].as_str(), id.get("code")) else {
        return Ok(());
    };
    let code = code
        .as_str()
        .map_or_else(|| code.to_string(), str::to_string);
    let lon_lat = matches!(
        (authority.to_ascii_uppercase().as_str(), code.as_str()),
        ("OGC", "CRS84") | ("EPSG", "4326")
    );
    if !lon_lat {
        bail!("{label}: coordinates in {authority}:{code}; incimap reads GeoParquet in longitude/latitude (OGC:CRS84) only (ogr2ogr -t_srs EPSG:4326 converts)");
    }
    Ok(())
}

/// Whether a row group's `bbox` statistics meet one of the boxes; true when a statistic
/// is missing.
fn meets(
    group: &parquet::file::metadata::RowGroupMetaData,
    corners: &[usize],
    boxes: &[BBox],
) -> bool {
    let stat = |i: usize, max: bool| match group.column(corners[i]).statistics() {
        Some(Statistics::Double(s)) => {
            if max {
                s.max_opt().copied()
            } else {
                s.min_opt().copied()
            }
        }
        Some(Statistics::Float(s)) => {
            (if max { s.max_opt() } else { s.min_opt() }).map(|&v| v as f64)
        }
        _ => None,
    };
    let (Some(west), Some(south), Some(east), Some(north)) =
        (stat(0, false), stat(1, false), stat(2, true), stat(3, true))
    else {
        return true;
    };
    boxes.iter().any(|b| {
        let spans: &[(f64, f64)] = if b.crosses_antimeridian() {
            &[(b.west, 180.0), (-180.0, b.east)]
        } else {
            &[(b.west, b.east)]
        };
        north >= b.south && south <= b.north && spans.iter().any(|&(w, e)| east >= w && west <= e)
    })
}

/// The shape a WKB value describes: a 2D point (or the X and Y of a 3D or measured one),
/// an empty point (NaN coordinates) as none, another type as other.
fn wkb_shape(wkb: &[u8]) -> Shape {
    let Some(&order) = wkb.first() else {
        return Shape::None;
    };
    let word = |at: usize| -> Option<[u8; 4]> { wkb.get(at..at + 4)?.try_into().ok() };
    let double = |at: usize| -> Option<f64> {
        let b: [u8; 8] = wkb.get(at..at + 8)?.try_into().ok()?;
        Some(if order == 0 {
            f64::from_be_bytes(b)
        } else {
            f64::from_le_bytes(b)
        })
    };
    let Some(kind) = word(1).map(|b| {
        if order == 0 {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    }) else {
        return Shape::None;
    };
    // ISO codes 1, 1001, 2001, 3001 and EWKB's flag bits all name a point.
    if (kind & 0x0FFF_FFFF) % 1000 != 1 {
        return Shape::Other;
    }
    let at = if kind & 0x2000_0000 != 0 { 9 } else { 5 };
    match (double(at), double(at + 8)) {
        (Some(x), Some(y)) if !(x.is_nan() && y.is_nan()) => Shape::Point(x, y),
        _ => Shape::None,
    }
}

/// The values of one leaf column of a row group, null where not defined.
fn read_leaf<T: DataType>(
    rg: &dyn RowGroupReader,
    i: usize,
    rows: usize,
) -> parquet::errors::Result<Vec<Option<T::T>>>
where
    T::T: Clone,
{
    let reader = rg.get_column_reader(i)?;
    let mut typed: ColumnReaderImpl<T> = parquet::column::reader::get_typed_column_reader(reader);
    let max_def = rg.metadata().column(i).column_descr().max_def_level();
    let mut defs = Vec::new();
    let mut values = Vec::new();
    let mut read = 0;
    while read < rows {
        // In batches: a damaged row count must not size an allocation.
        let batch = (rows - read).min(ROW_GROUP);
        let (records, _, _) = typed.read_records(batch, Some(&mut defs), None, &mut values)?;
        if records == 0 {
            break;
        }
        read += records;
    }
    if read != rows {
        return Err(parquet::errors::ParquetError::General(format!(
            "{read} values where the row group has {rows} rows"
        )));
    }
    if max_def == 0 {
        return Ok(values.into_iter().map(Some).collect());
    }
    let mut values = values.into_iter();
    defs.iter()
        .map(|&d| {
            if d == max_def {
                values.next().map(Some).ok_or_else(|| {
                    parquet::errors::ParquetError::General("fewer values than levels".into())
                })
            } else {
                Ok(None)
            }
        })
        .collect()
}

/// One property column of a row group, typed.
fn read_values(
    rg: &dyn RowGroupReader,
    i: usize,
    read: Read,
    rows: usize,
) -> anyhow::Result<Values> {
    let physical = rg.metadata().column(i).column_type();
    Ok(match (read, physical) {
        (Read::Bool, Physical::BOOLEAN) => Values::Bool(read_leaf::<BoolType>(rg, i, rows)?),
        (Read::Integer, Physical::INT32) => Values::Integer(
            read_leaf::<Int32Type>(rg, i, rows)?
                .into_iter()
                .map(|v| v.map(i64::from))
                .collect(),
        ),
        (Read::Integer, Physical::INT64) => Values::Integer(read_leaf::<Int64Type>(rg, i, rows)?),
        (Read::Real, Physical::FLOAT) => Values::Real(
            read_leaf::<parquet::data_type::FloatType>(rg, i, rows)?
                .into_iter()
                .map(|v| v.map(f64::from))
                .collect(),
        ),
        (Read::Real, Physical::DOUBLE) => Values::Real(read_leaf::<DoubleType>(rg, i, rows)?),
        (Read::Date, Physical::INT32) => {
            let epoch = chrono::NaiveDate::default();
            let days = read_leaf::<Int32Type>(rg, i, rows)?;
            let mut text = Values::text();
            for d in days {
                let day = match d {
                    Some(d) => Some(
                        epoch
                            .checked_add_signed(chrono::TimeDelta::days(i64::from(d)))
                            .ok_or_else(|| anyhow::anyhow!("day {d} is out of the calendar"))?
                            .format("%Y-%m-%d")
                            .to_string(),
                    ),
                    None => None,
                };
                text.push_text(day.as_deref());
            }
            text
        }
        (Read::Text, Physical::BYTE_ARRAY) => {
            let mut text = Values::text();
            for v in read_leaf::<ByteArrayType>(rg, i, rows)? {
                let s = match &v {
                    Some(b) => Some(
                        std::str::from_utf8(b.data())
                            .map_err(|_| anyhow::anyhow!("text that is not UTF-8"))?,
                    ),
                    None => None,
                };
                text.push_text(s);
            }
            text
        }
        _ => bail!("values of another type than its schema says"),
    })
}

impl Values {
    fn text() -> Values {
        Values::Text {
            text: String::new(),
            starts: vec![0],
            present: Vec::new(),
        }
    }

    fn push_text(&mut self, value: Option<&str>) {
        if let Values::Text {
            text,
            starts,
            present,
        } = self
        {
            text.push_str(value.unwrap_or(""));
            starts.push(text.len());
            present.push(value.is_some());
        }
    }

    /// Appends another group's values of the same column.
    fn append(&mut self, other: Values) {
        match (self, other) {
            (Values::Integer(a), Values::Integer(b)) => a.extend(b),
            (Values::Real(a), Values::Real(b)) => a.extend(b),
            (Values::Bool(a), Values::Bool(b)) => a.extend(b),
            (
                Values::Text {
                    text,
                    starts,
                    present,
                },
                Values::Text {
                    text: t,
                    starts: s,
                    present: p,
                },
            ) => {
                let base = text.len();
                text.push_str(&t);
                starts.extend(s.into_iter().skip(1).map(|x| x + base));
                present.extend(p);
            }
            _ => {}
        }
    }
}

/// Each column's values of every group read, joined.
fn join(parts: Vec<Vec<Values>>, columns: usize) -> Vec<Values> {
    let mut joined: Vec<Option<Values>> = (0..columns).map(|_| None).collect();
    for group in parts {
        for (slot, values) in joined.iter_mut().zip(group) {
            match slot {
                Some(all) => all.append(values),
                None => *slot = Some(values),
            }
        }
    }
    joined
        .into_iter()
        .map(|v| v.unwrap_or(Values::Integer(Vec::new())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_events() -> Vec<crate::event::Event> {
        vec![crate::event::Event::example(), {
            let mut e = crate::event::Event::example();
            e.event_id = "ev-2".into();
            e.latitude = 16.27;
            e.longitude = -0.04;
            e.fatalities = Some(12);
            e
        }]
    }

    #[test]
    fn written_rows_read_back_with_their_types_and_the_geo_metadata() {
        let events = two_events();
        let mut out = Vec::new();
        write(&mut out, &events.as_slice()).unwrap();
        let reader = SerializedFileReader::new(bytes::Bytes::from(out.clone())).unwrap();
        let meta = reader.metadata().file_metadata();
        let geo = meta.key_value_metadata().unwrap();
        let geo: Value = serde_json::from_str(geo[0].value.as_deref().unwrap()).unwrap();
        assert_eq!(geo["version"], "1.1.0");
        assert_eq!(
            geo["columns"]["geometry"]["covering"]["bbox"]["ymax"],
            json!(["bbox", "ymax"])
        );
        let schema = meta.schema_descr();
        let kind = |name: &str| {
            let c = (0..schema.num_columns())
                .map(|i| schema.column(i))
                .find(|c| c.path().string() == name)
                .unwrap();
            (c.physical_type(), c.logical_type_ref().cloned())
        };
        assert_eq!(
            kind("event_date"),
            (Physical::INT32, Some(LogicalType::Date))
        );
        assert_eq!(kind("fatalities"), (Physical::INT64, None));
        assert_eq!(kind("confidence"), (Physical::DOUBLE, None));
        assert_eq!(
            kind("gazetteer_id"),
            (Physical::BYTE_ARRAY, Some(LogicalType::String))
        );
        assert_eq!(kind("bbox.xmin"), (Physical::DOUBLE, None));
        let table = Table::read("t.parquet", out.clone().into(), None).unwrap();
        assert_eq!(table.len(), 2);
        for e in &events {
            let mut expected = e.to_feature();
            super::super::events_out::flatten(&mut expected);
            assert!((0..2).any(|r| table.feature(r) == expected), "{e:?}");
        }
    }

    #[test]
    fn a_box_reads_only_the_row_groups_its_statistics_allow() {
        let mut events = Vec::new();
        for i in 0..(2 * ROW_GROUP + 10) {
            let mut e = crate::event::Event::example();
            e.event_id = format!("ev-{i}");
            // Three clusters far apart: each fills about a row group.
            e.longitude = [-60.0, 20.0, 120.0][i % 3] + (i as f64) * 1e-6;
            e.latitude = [-30.0, 10.0, 40.0][i % 3];
            events.push(e);
        }
        let mut out = Vec::new();
        write(&mut out, &events.as_slice()).unwrap();
        let all = Table::read("t.parquet", out.clone().into(), None).unwrap();
        assert_eq!(all.len(), events.len());
        assert_eq!(all.row_groups, 3);
        let around = BBox::new(19.0, 9.0, 21.0, 11.0).unwrap();
        let some = Table::read("t.parquet", out.into(), Some(&[around])).unwrap();
        assert!(some.groups_read < all.row_groups, "{}", some.groups_read);
        let inside = (0..some.len())
            .filter(|&r| matches!(some.shape(r), Shape::Point(x, _) if (19.0..21.0).contains(&x)))
            .count();
        let in_the_box = events
            .iter()
            .filter(|e| (19.0..21.0).contains(&e.longitude))
            .count();
        assert_eq!(inside, in_the_box);
    }

    #[test]
    fn a_cut_file_is_an_error_at_every_length() {
        let mut out = Vec::new();
        write(&mut out, &two_events().as_slice()).unwrap();
        for len in 0..out.len() {
            let err = Table::read("t.parquet", out[..len].to_vec().into(), None)
                .err()
                .expect("a cut file is an error")
                .to_string();
            assert!(err.starts_with("t.parquet: "), "{err}");
        }
    }

    #[test]
    fn a_damaged_byte_anywhere_is_never_a_panic() {
        let mut out = Vec::new();
        write(&mut out, &two_events().as_slice()).unwrap();
        let everywhere = BBox::new(-180.0, -90.0, 180.0, 90.0).unwrap();
        for at in 0..out.len() {
            for value in [0x00, 0xFF, out[at] ^ 0x10] {
                let mut bad = out.clone();
                bad[at] = value;
                for boxes in [None, Some(&[everywhere][..])] {
                    if let Ok(table) = Table::read("t.parquet", bad.clone().into(), boxes) {
                        for r in 0..table.len() {
                            let _ = table.feature(r);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn wkb_points_of_either_byte_order_and_other_shapes() {
        assert_eq!(wkb_shape(&wkb_point(-8.0, 12.5)), Shape::Point(-8.0, 12.5));
        let mut big = vec![0, 0, 0, 0, 1];
        big.extend_from_slice(&2.0f64.to_be_bytes());
        big.extend_from_slice(&3.0f64.to_be_bytes());
        assert_eq!(wkb_shape(&big), Shape::Point(2.0, 3.0));
        assert_eq!(wkb_shape(&[1, 2, 0, 0, 0]), Shape::Other);
        assert_eq!(wkb_shape(&[1, 1, 0]), Shape::None);
        assert_eq!(wkb_shape(&wkb_point(f64::NAN, f64::NAN)), Shape::None);
    }
}
