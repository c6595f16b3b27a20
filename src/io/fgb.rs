//! FlatGeobuf: written with the `flatgeobuf` crate (Point features, WGS84, a packed Hilbert
//! R-tree index, typed columns that GDAL and QGIS read), and read back from bytes in memory
//! with every length checked, so that a truncated or damaged file is an error, never a
//! panic. A query reads only the features the index puts in its box.

use std::io::Write;

use anyhow::{bail, Context};
use flatgeobuf::geozero::{ColumnValue, GeomProcessor, GeozeroGeometry, PropertyProcessor};
use flatgeobuf::{ColumnType, FgbCrs, FgbWriter, FgbWriterOptions, GeometryType};
use serde_json::Value;

use super::columns::{id_value, Kind};
use super::events_out::{columns, in_chunks, lon_lat, Features};
use super::record::{Property, Shape};
use crate::spatial::region::BBox;

/// The first bytes of a FlatGeobuf file: `fgb`, the major version, `fgb`, the patch
/// version (GDAL 3.6 writes `fgb\x03fgb\x01`).
pub const MAGIC: [u8; 3] = *b"fgb";

/// Whether bytes begin as a FlatGeobuf file does.
///
/// ```
/// assert!(incimap::io::fgb::is_flatgeobuf(b"fgb\x03fgb\x00...."));
/// assert!(incimap::io::fgb::is_flatgeobuf(b"fgb\x03fgb\x01...."));
/// assert!(!incimap::io::fgb::is_flatgeobuf(b"{\"type\":"));
/// ```
pub fn is_flatgeobuf(bytes: &[u8]) -> bool {
    bytes.len() >= 8 && bytes[..3] == MAGIC && bytes[4..7] == MAGIC
}

/// A point for the writer.
struct Point(f64, f64);

impl GeozeroGeometry for Point {
    fn process_geom<P: GeomProcessor>(
        &self,
        processor: &mut P,
    ) -> flatgeobuf::geozero::error::Result<()> {
        processor.point_begin(0)?;
        processor.xy(self.0, self.1, 0)?;
        processor.point_end(0)
    }
}

fn column_type(kind: Kind) -> ColumnType {
    match kind {
        Kind::Text => ColumnType::String,
        Kind::Date => ColumnType::DateTime,
        Kind::Integer { wide: false } => ColumnType::Int,
        Kind::Integer { wide: true } => ColumnType::Long,
        Kind::Real => ColumnType::Double,
        Kind::Bool => ColumnType::Bool,
    }
}

/// Writes Point features as FlatGeobuf: WGS84 (EPSG:4326), sorted along a Hilbert curve
/// and indexed by a packed R-tree; one nullable column per property, typed from the values.
pub fn write(out: &mut dyn Write, features: &dyn Features) -> anyhow::Result<()> {
    let columns = columns(features, |_| Ok(()))?;
    let options = FgbWriterOptions {
        // An index of no features is one GDAL refuses to read ("Number of items must be
        // greater than 0"): an empty file has none.
        write_index: !features.is_empty(),
        detect_type: false,
        promote_to_multi: false,
        crs: FgbCrs {
            code: 4326,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut fgb = FgbWriter::create_with_options("events", GeometryType::Point, options)
        .context("cannot start the FlatGeobuf writer")?;
    let mut names: Vec<(&str, Kind)> = Vec::new();
    if let Some(kind) = columns.id {
        names.push(("id", kind));
    }
    names.extend(columns.properties.iter().map(|(n, k)| (n.as_str(), *k)));
    for (name, kind) in &names {
        fgb.add_column(name, column_type(*kind), |_, c| c.nullable = true);
    }
    let mut position = 0usize;
    in_chunks(features, Ok, |f| {
        let Some((lon, lat)) = lon_lat(&f) else {
            bail!("feature {position}: FlatGeobuf output takes Point features only");
        };
        position += 1;
        let id = f.id.as_ref().map(id_value);
        let props = f.properties.as_ref();
        let mut failed = None;
        fgb.add_feature_geom(Point(lon, lat), |w| {
            for (i, (name, kind)) in names.iter().enumerate() {
                let value = if i == 0 && columns.id.is_some() {
                    id.as_ref()
                } else {
                    props.and_then(|p| p.get(*name))
                };
                let Some(value) = value else { continue };
                let text;
                let column = match (kind, value) {
                    (_, Value::Null) => continue,
                    (Kind::Integer { wide: false }, Value::Number(n)) => n
                        .as_i64()
                        .and_then(|v| i32::try_from(v).ok())
                        .map(ColumnValue::Int),
                    (Kind::Integer { wide: true }, Value::Number(n)) => {
                        n.as_i64().map(ColumnValue::Long)
                    }
                    (Kind::Real, Value::Number(n)) => n.as_f64().map(ColumnValue::Double),
                    (Kind::Bool, Value::Bool(b)) => Some(ColumnValue::Bool(*b)),
                    (Kind::Date, Value::String(s)) => Some(ColumnValue::DateTime(s)),
                    (_, Value::String(s)) => Some(ColumnValue::String(s)),
                    (_, other) => {
                        text = other.to_string();
                        Some(ColumnValue::String(&text))
                    }
                };
                if let Some(column) = column {
                    if let Err(e) = w.property(i, name, &column) {
                        failed.get_or_insert(e);
                    }
                }
            }
        })?;
        match failed {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    })?;
    fgb.write(out).context("writing FlatGeobuf failed")?;
    Ok(())
}

/// A column of a file read.
#[derive(Debug, Clone)]
pub struct Column {
    /// Its name.
    pub name: String,
    kind: ColumnType,
}

/// What a FlatGeobuf file holds where: its columns, features and index.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// How many features the header announces (0: unknown).
    pub count: u64,
    index_start: usize,
    node_size: u16,
    features_start: usize,
}

/// Size of a node of the packed R-tree: a box of four f64 and a u64 offset.
const NODE_BYTES: usize = 40;

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(bytes.try_into().ok()?))
}

fn f64_at(data: &[u8], at: usize) -> Option<f64> {
    let bytes = data.get(at..at.checked_add(8)?)?;
    Some(f64::from_le_bytes(bytes.try_into().ok()?))
}

fn u64_at(data: &[u8], at: usize) -> Option<u64> {
    let bytes = data.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(bytes.try_into().ok()?))
}

/// The number of nodes in each level of a packed R-tree, leaves first.
fn level_sizes(count: usize, node_size: usize) -> Vec<usize> {
    // As the format builds it: a root above the leaves even when one node would do.
    let mut sizes = vec![count];
    let mut n = count;
    loop {
        n = n.div_ceil(node_size);
        sizes.push(n);
        if n == 1 {
            return sizes;
        }
    }
}

impl Layout {
    /// Reads the header of a FlatGeobuf file in memory: magic number, columns, CRS (WGS84
    /// or none), index. A file cut short or not FlatGeobuf is an error naming `label`.
    ///
    /// ```
    /// use incimap::io::fgb::Layout;
    /// let err = Layout::read("x.fgb", b"not a flatgeobuf").unwrap_err();
    /// assert!(err.to_string().contains("x.fgb: not a FlatGeobuf file"));
    /// ```
    pub fn read(label: &str, data: &[u8]) -> anyhow::Result<Layout> {
        if !is_flatgeobuf(data) {
            bail!("{label}: not a FlatGeobuf file (it does not begin with the FlatGeobuf magic number: 'fgb', version, 'fgb', patch)");
        }
        if data[3] > flatgeobuf::VERSION {
            bail!(
                "{label}: FlatGeobuf version {} is newer than the version {} incimap reads",
                data[3],
                flatgeobuf::VERSION
            );
        }
        let truncated = |what: &str| anyhow::anyhow!("{label}: truncated FlatGeobuf: {what}");
        let header_len = u32_at(data, 8).ok_or_else(|| truncated("no header"))? as usize;
        let index_start = 12usize
            .checked_add(header_len)
            .filter(|&end| end <= data.len())
            .ok_or_else(|| truncated("the header runs past the end of the file"))?;
        let header = flatgeobuf::size_prefixed_root_as_header(&data[8..index_start])
            .map_err(|e| anyhow::anyhow!("{label}: a damaged FlatGeobuf header: {e}"))?;
        if let Some(crs) = header.crs() {
            let epsg = crs.org().is_none_or(|o| o.eq_ignore_ascii_case("epsg"));
            if epsg && crs.code() != 0 && crs.code() != 4326 {
                bail!(
                    "{label}: coordinates in EPSG:{}; incimap reads FlatGeobuf in WGS84 longitude/latitude (EPSG:4326) only (ogr2ogr -t_srs EPSG:4326 converts)",
                    crs.code()
                );
            }
        }
        let columns = header
            .columns()
            .map(|cols| {
                cols.iter()
                    .map(|c| Column {
                        name: c.name().to_string(),
                        kind: c.type_(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let count = header.features_count();
        let node_size = header.index_node_size();
        let mut layout = Layout {
            columns,
            count,
            index_start,
            node_size,
            features_start: index_start,
        };
        if node_size > 0 && count > 0 {
            if node_size < 2 {
                bail!("{label}: a damaged FlatGeobuf header: index node size {node_size}");
            }
            let count = usize::try_from(count)
                .ok()
                .filter(|c| c.saturating_mul(NODE_BYTES) <= data.len())
                .ok_or_else(|| {
                    truncated(&format!(
                        "its header announces {count} features, more than the file holds"
                    ))
                })?;
            let nodes: usize = level_sizes(count, node_size as usize).iter().sum();
            layout.features_start = nodes
                .checked_mul(NODE_BYTES)
                .and_then(|n| n.checked_add(index_start))
                .filter(|&end| end <= data.len())
                .ok_or_else(|| truncated("the spatial index runs past the end of the file"))?;
        }
        Ok(layout)
    }

    /// Whether the file has a spatial index to search.
    pub fn has_index(&self) -> bool {
        self.node_size >= 2 && self.count > 0
    }

    /// Every feature's bytes in file order, with its number.
    pub fn all<'d>(&self, label: &str, data: &'d [u8]) -> anyhow::Result<Vec<(u64, &'d [u8])>> {
        let mut items = Vec::new();
        let mut at = self.features_start;
        while at < data.len() && (self.count == 0 || (items.len() as u64) < self.count) {
            let n = items.len() as u64;
            items.push((n, self.feature_at(label, data, at, n)?));
            at += items[items.len() - 1].1.len();
        }
        if self.count > 0 && (items.len() as u64) < self.count {
            bail!(
                "{label}: truncated FlatGeobuf: it holds {} of the {} features its header announces",
                items.len(),
                self.count
            );
        }
        Ok(items)
    }

    /// The bytes of the feature at offset `at`, its size prefix included, checked.
    fn feature_at<'d>(
        &self,
        label: &str,
        data: &'d [u8],
        at: usize,
        n: u64,
    ) -> anyhow::Result<&'d [u8]> {
        let size = u32_at(data, at).ok_or_else(|| {
            anyhow::anyhow!("{label}: truncated FlatGeobuf: feature {n} is cut short")
        })? as usize;
        data.get(at..at + 4 + size).ok_or_else(|| {
            anyhow::anyhow!(
                "{label}: truncated FlatGeobuf: feature {n} runs past the end of the file"
            )
        })
    }

    /// The features whose points the index puts in any of the boxes (a box across the
    /// antimeridian is searched as two), in file order, with their numbers. Without an
    /// index, every feature.
    pub fn within<'d>(
        &self,
        label: &str,
        data: &'d [u8],
        boxes: &[BBox],
    ) -> anyhow::Result<Vec<(u64, &'d [u8])>> {
        if !self.has_index() {
            return self.all(label, data);
        }
        let count = self.count as usize;
        let node_size = self.node_size as usize;
        let sizes = level_sizes(count, node_size);
        // Levels are stored root first: the start of each level, leaves first as in `sizes`.
        let total: usize = sizes.iter().sum();
        let mut starts = Vec::with_capacity(sizes.len());
        let mut end = total;
        for size in &sizes {
            starts.push(end - size);
            end -= size;
        }
        let damaged = || anyhow::anyhow!("{label}: a damaged FlatGeobuf spatial index");
        let mut plain = Vec::new();
        for b in boxes {
            if b.crosses_antimeridian() {
                plain.push([b.west, b.south, 180.0, b.north]);
                plain.push([-180.0, b.south, b.east, b.north]);
            } else {
                plain.push([b.west, b.south, b.east, b.north]);
            }
        }
        let index = &data[self.index_start..self.features_start];
        let mut found: Vec<(u64, usize)> = Vec::new();
        let top = sizes.len() - 1;
        let mut queue = vec![(starts[top], top)];
        while let Some((first, level)) = queue.pop() {
            let level_end = starts[level] + sizes[level];
            if first < starts[level] || first >= level_end {
                return Err(damaged());
            }
            for pos in first..(first + node_size).min(level_end) {
                let at = pos * NODE_BYTES;
                let node = (
                    f64_at(index, at),
                    f64_at(index, at + 8),
                    f64_at(index, at + 16),
                    f64_at(index, at + 24),
                    u64_at(index, at + 32),
                );
                let (Some(min_x), Some(min_y), Some(max_x), Some(max_y), Some(offset)) = node
                else {
                    return Err(damaged());
                };
                let hit = plain
                    .iter()
                    .any(|[w, s, e, n]| !(max_x < *w || max_y < *s || min_x > *e || min_y > *n));
                if !hit {
                    continue;
                }
                let offset = usize::try_from(offset).map_err(|_| damaged())?;
                if level == 0 {
                    found.push(((pos - starts[0]) as u64, offset));
                } else {
                    queue.push((offset, level - 1));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|(n, offset)| {
                let at = self
                    .features_start
                    .checked_add(offset)
                    .ok_or_else(damaged)?;
                Ok((n, self.feature_at(label, data, at, n)?))
            })
            .collect()
    }

    /// Reads one feature: its point (None when it has no geometry), whether its geometry is
    /// a point, and each property handed to `each` with its column's position.
    pub(crate) fn read_feature<'d>(
        &self,
        raw: &'d [u8],
        mut each: impl FnMut(usize, Property<'d>),
    ) -> Result<Shape, String> {
        let feature = flatgeobuf::size_prefixed_root_as_feature(raw)
            .map_err(|e| format!("damaged: {}", e.to_string().lines().next().unwrap_or("")))?;
        if let Some(props) = feature.properties() {
            self.properties(props.bytes(), &mut each)?;
        }
        let Some(geometry) = feature.geometry() else {
            return Ok(Shape::None);
        };
        match geometry.type_() {
            GeometryType::Point | GeometryType::Unknown => {}
            _ => return Ok(Shape::Other),
        }
        match geometry.xy() {
            Some(xy) if xy.len() >= 2 => Ok(Shape::Point(xy.get(0), xy.get(1))),
            _ => Ok(Shape::None),
        }
    }

    fn properties<'d>(
        &self,
        bytes: &'d [u8],
        each: &mut impl FnMut(usize, Property<'d>),
    ) -> Result<(), String> {
        let mut at = 0;
        let short = || "its properties are cut short".to_string();
        while at < bytes.len() {
            let column = bytes.get(at..at + 2).ok_or_else(short)?;
            let column = u16::from_le_bytes([column[0], column[1]]) as usize;
            at += 2;
            let kind = self
                .columns
                .get(column)
                .ok_or_else(|| format!("a property of column {column}, which the header lacks"))?
                .kind;
            let fixed = |n: usize| bytes.get(at..at + n).ok_or_else(short);
            let (value, size) = match kind {
                ColumnType::Bool => (Property::Bool(fixed(1)?[0] != 0), 1),
                ColumnType::Byte => (Property::Integer(fixed(1)?[0] as i8 as i64), 1),
                ColumnType::UByte => (Property::Integer(fixed(1)?[0] as i64), 1),
                ColumnType::Short => {
                    let b = fixed(2)?;
                    (
                        Property::Integer(i16::from_le_bytes([b[0], b[1]]) as i64),
                        2,
                    )
                }
                ColumnType::UShort => {
                    let b = fixed(2)?;
                    (
                        Property::Integer(u16::from_le_bytes([b[0], b[1]]) as i64),
                        2,
                    )
                }
                ColumnType::Int => {
                    let b: [u8; 4] = fixed(4)?.try_into().map_err(|_| short())?;
                    (Property::Integer(i32::from_le_bytes(b) as i64), 4)
                }
                ColumnType::UInt => {
                    let b: [u8; 4] = fixed(4)?.try_into().map_err(|_| short())?;
                    (Property::Integer(u32::from_le_bytes(b) as i64), 4)
                }
                ColumnType::Long => {
                    let b: [u8; 8] = fixed(8)?.try_into().map_err(|_| short())?;
                    (Property::Integer(i64::from_le_bytes(b)), 8)
                }
                ColumnType::ULong => {
                    let b: [u8; 8] = fixed(8)?.try_into().map_err(|_| short())?;
                    (Property::Unsigned(u64::from_le_bytes(b)), 8)
                }
                ColumnType::Float => {
                    let b: [u8; 4] = fixed(4)?.try_into().map_err(|_| short())?;
                    (Property::Real(f32::from_le_bytes(b) as f64), 4)
                }
                ColumnType::Double => {
                    let b: [u8; 8] = fixed(8)?.try_into().map_err(|_| short())?;
                    (Property::Real(f64::from_le_bytes(b)), 8)
                }
                _ => {
                    let len = u32_at(bytes, at).ok_or_else(short)? as usize;
                    let body = bytes.get(at + 4..at + 4 + len).ok_or_else(short)?;
                    let value = if kind == ColumnType::Binary {
                        Property::Other
                    } else {
                        Property::Text(std::str::from_utf8(body).map_err(|_| {
                            format!(
                                "column {}: text that is not UTF-8",
                                self.columns[column].name
                            )
                        })?)
                    };
                    (value, 4 + len)
                }
            };
            at += size;
            each(column, value);
        }
        Ok(())
    }

    /// One feature as GeoJSON: its point, and every column as a property (null where the
    /// feature has no value); ids as [`super::record::feature`] finds them.
    pub fn feature(&self, raw: &[u8]) -> Result<geojson::Feature, String> {
        let mut values: Vec<Value> = vec![Value::Null; self.columns.len()];
        let shape = self.read_feature(raw, |i, p| values[i] = p.to_value())?;
        let names = self.columns.iter().map(|c| c.name.as_str());
        Ok(super::record::feature(names.zip(values), shape))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_features_read_back_with_their_types() {
        let events = vec![crate::event::Event::example(), {
            let mut e = crate::event::Event::example();
            e.event_id = "ev-2".into();
            e.latitude = 16.27;
            e.longitude = -0.04;
            e.fatalities = Some(12);
            e
        }];
        let mut out = Vec::new();
        write(&mut out, &events.as_slice()).unwrap();
        let layout = Layout::read("t.fgb", &out).unwrap();
        assert!(layout.has_index());
        assert_eq!(layout.count, 2);
        let kinds: Vec<(&str, ColumnType)> = layout
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.kind))
            .collect();
        assert!(kinds.contains(&("event_date", ColumnType::DateTime)));
        assert!(kinds.contains(&("fatalities", ColumnType::Int)));
        assert!(kinds.contains(&("confidence", ColumnType::Double)));
        assert!(kinds.contains(&("gazetteer_id", ColumnType::String)));
        let all = layout.all("t.fgb", &out).unwrap();
        assert_eq!(all.len(), 2);
        let gao = BBox::new(-1.0, 15.0, 1.0, 17.0).unwrap();
        let near_gao = layout.within("t.fgb", &out, &[gao]).unwrap();
        assert_eq!(near_gao.len(), 1);
        let f = layout.feature(near_gao[0].1).unwrap();
        let mut expected = events[1].to_feature();
        super::super::events_out::flatten(&mut expected);
        assert_eq!(f, expected);
    }

    #[test]
    fn a_damaged_byte_anywhere_is_never_a_panic() {
        let events = [
            crate::event::Event::example(),
            crate::event::Event::example(),
        ];
        let mut out = Vec::new();
        write(&mut out, &events.as_slice()).unwrap();
        let everywhere = BBox::new(-180.0, -90.0, 180.0, 90.0).unwrap();
        for at in 0..out.len() {
            for value in [0x00, 0xFF, out[at] ^ 0x10] {
                let mut bad = out.clone();
                bad[at] = value;
                // Ok or an error, whichever: reading must return.
                let _read = Layout::read("t.fgb", &bad).map(|l| {
                    for items in [l.all("t.fgb", &bad), l.within("t.fgb", &bad, &[everywhere])] {
                        for (_, raw) in items.unwrap_or_default() {
                            let _ = l.feature(raw);
                        }
                    }
                });
            }
        }
    }

    #[test]
    fn a_cut_file_is_an_error_at_every_length() {
        let mut out = Vec::new();
        write(&mut out, &[crate::event::Event::example()].as_slice()).unwrap();
        for len in 0..out.len() {
            let cut = &out[..len];
            let read = Layout::read("t.fgb", cut).and_then(|l| {
                let items = l.all("t.fgb", cut)?;
                for (_, raw) in items {
                    l.feature(raw).map_err(anyhow::Error::msg)?;
                }
                Ok(())
            });
            let err = read.expect_err("a cut file is an error").to_string();
            assert!(err.starts_with("t.fgb: "), "{err}");
        }
    }
}
