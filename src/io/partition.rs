//! Hive-partitioned GeoParquet (`--partition country,year`): features split by the values
//! of some of their columns into `FOLDER/country=Mali/year=2023/part-0.parquet`, as DuckDB,
//! Spark/Sedona, pyarrow and BigQuery read a partitioned table. Every file has the same
//! columns, the partition columns included (`year` is the year of `event_date` unless the
//! features have a `year` of their own), and its rows in Hilbert order. The folder is
//! written whole into a temporary folder and renamed into place.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::atomic::{write_folder_atomic, write_synced};
use super::columns::cell;
use super::events_out::Features;
use super::geoparquet::{encode, hilbert_order, survey};

/// The name Hive gives the partition of features with no value.
pub const NO_VALUE: &str = "__HIVE_DEFAULT_PARTITION__";

/// Reads `--partition`'s comma-separated column names.
///
/// ```
/// use incimap::io::partition::parse_keys;
/// assert_eq!(parse_keys("country, year"), Ok(vec!["country".to_string(), "year".to_string()]));
/// assert!(parse_keys("country,,year").is_err());
/// assert!(parse_keys("a=b").is_err());
/// ```
pub fn parse_keys(text: &str) -> Result<Vec<String>, String> {
    let keys: Vec<String> = text.split(',').map(|k| k.trim().to_string()).collect();
    for key in &keys {
        if key.is_empty() || key.contains(['=', '/', '\\']) || key.starts_with('.') {
            return Err(format!(
                "'{text}': partition keys are column names separated by commas, e.g. country,year"
            ));
        }
    }
    let mut seen = keys.clone();
    seen.sort();
    seen.dedup();
    if seen.len() != keys.len() {
        return Err(format!("'{text}': a partition key named twice"));
    }
    Ok(keys)
}

/// A feature's value for a partition key, as the text of its folder name (escaped as
/// Hive escapes it), [`NO_VALUE`] when it has none.
///
/// ```
/// use incimap::io::partition::{folder_value, NO_VALUE};
/// let f: geojson::Feature = serde_json::from_str(r#"{"type":"Feature","geometry":null,
///   "properties":{"country":"Burkina Faso","event_date":"2023-05-01","actor1":"A/B: 50%"}}"#).unwrap();
/// assert_eq!(folder_value(&f, "country"), "Burkina Faso");
/// assert_eq!(folder_value(&f, "year"), "2023");
/// assert_eq!(folder_value(&f, "actor1"), "A%2FB%3A 50%25");
/// assert_eq!(folder_value(&f, "admin1"), NO_VALUE);
/// ```
pub fn folder_value(feature: &geojson::Feature, key: &str) -> String {
    let props = feature.properties.as_ref();
    let value = props.and_then(|p| p.get(key)).filter(|v| !v.is_null());
    let text = match value {
        Some(v) => cell(Some(v)),
        None if key == "year" => props
            .and_then(|p| p.get("event_date"))
            .and_then(Value::as_str)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| chrono::Datelike::year(&d).to_string())
            .unwrap_or_default(),
        None => String::new(),
    };
    if text.is_empty() {
        NO_VALUE.to_string()
    } else {
        escape(&text)
    }
}

/// Escapes what cannot or should not be in a folder name as Hive does (`%` and two hex
/// digits): control characters, `"#%'*/:=?\^{}[]`, and a leading dot.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let special = c.is_control() || "\"#%'*/:=?\\^{}[]".contains(c) || (i == 0 && c == '.');
        if special {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes features as a Hive-partitioned folder of GeoParquet files, one
/// `key=value/.../part-0.parquet` per combination of the keys' values; the number of files
/// written. A folder that exists must be empty; on error nothing is left.
///
/// ```
/// use incimap::io::partition::write;
/// let dir = tempfile::tempdir().unwrap();
/// let mut other = incimap::event::Event::example();
/// other.event_id = "ev-2".into();
/// other.event_date = Some("2023-02-01".into());
/// let events = [incimap::event::Event::example(), other];
/// let out = dir.path().join("events");
/// let keys = ["country_code".to_string(), "year".to_string()];
/// assert_eq!(write(&out, &events.as_slice(), &keys).unwrap(), 2);
/// assert!(out.join("country_code=ML/year=2023/part-0.parquet").is_file());
/// ```
pub fn write(folder: &Path, features: &dyn Features, keys: &[String]) -> anyhow::Result<usize> {
    let mut parts: Vec<Vec<String>> = Vec::with_capacity(features.len());
    let (columns, points) = survey(features, |f| {
        parts.push(keys.iter().map(|k| folder_value(f, k)).collect());
    })?;
    let mut rank = vec![0usize; points.len()];
    for (r, i) in hilbert_order(&points).into_iter().enumerate() {
        rank[i] = r;
    }
    let mut groups: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (i, values) in parts.into_iter().enumerate() {
        groups.entry(values).or_default().push(i);
    }
    let files = groups.len();
    write_folder_atomic(folder, |tmp| {
        for (values, mut members) in groups {
            members.sort_unstable_by_key(|&i| rank[i]);
            let rows: Vec<(usize, (f64, f64))> = members.iter().map(|&i| (i, points[i])).collect();
            let bytes = encode(features, &columns, &rows)?;
            let mut path = tmp.to_path_buf();
            for (key, value) in keys.iter().zip(&values) {
                path.push(format!("{}={value}", escape(key)));
            }
            write_synced(&path.join("part-0.parquet"), &bytes)?;
        }
        Ok(())
    })?;
    Ok(files)
}
