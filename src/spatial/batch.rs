//! Batches of queries, one JSON object a line, answered over one loaded index:
//! `{"qid":0,"op":"near","lon":..,"lat":..,"radius_km":..}`,
//! `{"qid":1,"op":"nearest","lon":..,"lat":..,"k":..}`,
//! `{"qid":2,"op":"bbox","bbox":[w,s,e,n]}`.

use std::cmp::Ordering;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::index::PointIndex;
use super::region::BBox;
use super::LatLon;
use crate::distance::{parse_distance_km, Metric};

/// One query.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// Points within a distance, nearest first.
    Near {
        /// The centre.
        center: LatLon,
        /// The radius in kilometres.
        radius_km: f64,
    },
    /// The k nearest points, nearest first.
    Nearest {
        /// The centre.
        center: LatLon,
        /// How many.
        k: usize,
    },
    /// Points inside a bounding box, in input order.
    Bbox(BBox),
}

/// A query and the id it is answered under, echoed as written.
#[derive(Debug)]
pub struct QueryLine {
    /// The `qid` as it was written (number, text, anything JSON).
    pub qid: Box<RawValue>,
    /// The query.
    pub query: Query,
}

#[derive(Deserialize)]
struct Wire {
    qid: Option<Box<RawValue>>,
    op: Option<String>,
    lon: Option<f64>,
    lat: Option<f64>,
    radius_km: Option<f64>,
    radius: Option<String>,
    k: Option<u64>,
    bbox: Option<Vec<f64>>,
}

/// Reads queries, one JSON object a line (blank lines skipped); an error names
/// `label:line` and what is wrong.
///
/// ```
/// use incimap::spatial::batch::{parse_queries, Query};
/// let text = r#"{"qid":0,"op":"near","lon":-8.0,"lat":12.6,"radius_km":100}
/// {"qid":"b","op":"nearest","lon":-8.0,"lat":12.6,"k":5}
/// {"qid":2,"op":"bbox","bbox":[-12,10,5,20]}"#;
/// let queries = parse_queries(text, "q.jsonl").unwrap();
/// assert_eq!(queries.len(), 3);
/// assert_eq!(queries[1].qid.get(), "\"b\"");
/// assert!(matches!(queries[1].query, Query::Nearest { k: 5, .. }));
/// let err = parse_queries(r#"{"qid":0,"op":"near","lon":-8,"lat":12.6,"radius_km":-1}"#, "q.jsonl");
/// assert!(err.unwrap_err().starts_with("q.jsonl:1:"));
/// ```
pub fn parse_queries(text: &str, label: &str) -> Result<Vec<QueryLine>, String> {
    let mut queries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = |why: String| format!("{label}:{}: {why}", n + 1);
        let wire: Wire = serde_json::from_str(line)
            .map_err(|e| at(format!("{e}").replace(" at line 1 column", " at column")))?;
        let qid = wire.qid.clone().ok_or_else(|| at("no \"qid\"".into()))?;
        let query = build(&wire).map_err(at)?;
        queries.push(QueryLine { qid, query });
    }
    Ok(queries)
}

fn build(wire: &Wire) -> Result<Query, String> {
    let center = || -> Result<LatLon, String> {
        let (Some(lon), Some(lat)) = (wire.lon, wire.lat) else {
            return Err("needs \"lon\" and \"lat\"".into());
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(format!(
                "lon {lon}, lat {lat} out of range (lon -180..180, lat -90..90)"
            ));
        }
        Ok(LatLon { lat, lon })
    };
    match wire.op.as_deref() {
        Some("near") => {
            let radius_km = match (wire.radius_km, &wire.radius) {
                (Some(r), _) if r.is_finite() && r >= 0.0 => r,
                (Some(r), _) => return Err(format!("radius_km {r} must be a distance >= 0")),
                (None, Some(text)) => parse_distance_km(text)?,
                (None, None) => return Err("near needs \"radius_km\"".into()),
            };
            Ok(Query::Near {
                center: center()?,
                radius_km,
            })
        }
        Some("nearest") => {
            let k = wire.k.ok_or("nearest needs \"k\" (a whole number)")?;
            Ok(Query::Nearest {
                center: center()?,
                k: usize::try_from(k).map_err(|_| format!("k {k} is too large"))?,
            })
        }
        Some("bbox") | Some("within") => {
            let b = wire
                .bbox
                .as_deref()
                .ok_or("bbox needs \"bbox\": [west, south, east, north]")?;
            let [w, s, e, n] = b else {
                return Err(format!(
                    "\"bbox\" has {} numbers; expected [west, south, east, north]",
                    b.len()
                ));
            };
            Ok(Query::Bbox(BBox::new(*w, *s, *e, *n)?))
        }
        Some(other) => Err(format!(
            "unknown op '{other}' (expected near, nearest or bbox)"
        )),
        None => Err("no \"op\" (near, nearest or bbox)".into()),
    }
}

/// Answers one query: the positions of the points, nearest first for `near` and
/// `nearest` (equal distances ordered by `ties`), in input order for `bbox`.
///
/// ```
/// use incimap::distance::Metric;
/// use incimap::spatial::{batch::{answer, Query}, index::PointIndex, LatLon};
/// let index = PointIndex::new(vec![LatLon { lat: 0.0, lon: 179.9 }, LatLon { lat: 0.0, lon: -179.9 }]);
/// let q = Query::Near { center: LatLon { lat: 0.0, lon: 179.9 }, radius_km: 300.0 };
/// assert_eq!(answer(&index, &q, Metric::Haversine, &|a, b| a.cmp(&b)), vec![0, 1]);
/// ```
pub fn answer(
    index: &PointIndex,
    query: &Query,
    metric: Metric,
    ties: &dyn Fn(u32, u32) -> Ordering,
) -> Vec<u32> {
    match query {
        Query::Near { center, radius_km } => index
            .near(*center, *radius_km, metric, ties)
            .iter()
            .map(|h| h.index)
            .collect(),
        Query::Nearest { center, k } => index
            .nearest(*center, *k, metric, ties)
            .iter()
            .map(|h| h.index)
            .collect(),
        Query::Bbox(bbox) => index.within_bbox(bbox),
    }
}
