//! The columns of features written as a table (CSV, ACLED's CSV, FlatGeobuf): their names
//! in one order for every command, and their types, read from the values and, for a column
//! with no value, from the fields incimap and ACLED define.

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::Value;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// Whole numbers; `wide` when one does not fit in 32 bits.
    Integer {
        /// Whether a value needs 64 bits.
        wide: bool,
    },
    /// Floating-point numbers.
    Real,
    /// True or false.
    Bool,
}

/// incimap's event properties and their types, in the order of [`crate::event::Event`].
pub const INCIMAP: [(&str, Kind); 24] = [
    ("event_id", Kind::Text),
    ("event_date", Kind::Date),
    ("time_precision", Kind::Integer { wide: false }),
    ("event_type", Kind::Text),
    ("sub_event_type", Kind::Text),
    ("actor1", Kind::Text),
    ("actor2", Kind::Text),
    ("location", Kind::Text),
    ("admin1", Kind::Text),
    ("country", Kind::Text),
    ("country_code", Kind::Text),
    ("geo_precision", Kind::Integer { wide: false }),
    ("location_basis", Kind::Text),
    ("gazetteer_id", Kind::Text),
    ("fatalities", Kind::Integer { wide: false }),
    ("fatalities_low", Kind::Integer { wide: false }),
    ("fatalities_high", Kind::Integer { wide: false }),
    ("injuries", Kind::Integer { wide: false }),
    ("injuries_low", Kind::Integer { wide: false }),
    ("injuries_high", Kind::Integer { wide: false }),
    ("sources", Kind::Text),
    ("source_count", Kind::Integer { wide: false }),
    ("notes", Kind::Text),
    ("confidence", Kind::Real),
];

/// The type incimap or ACLED gives a column of this name, if either defines it.
///
/// ```
/// use incimap::io::columns::{known_kind, Kind};
/// assert_eq!(known_kind("gazetteer_id"), Some(Kind::Text));
/// assert_eq!(known_kind("event_id_cnty"), Some(Kind::Text));
/// assert_eq!(known_kind("distance_km"), None);
/// ```
pub fn known_kind(name: &str) -> Option<Kind> {
    INCIMAP
        .iter()
        .chain(crate::io::acled::COLUMNS.iter())
        .find(|(n, _)| *n == name)
        .map(|(_, k)| *k)
}

/// The columns of a set of features: `id` first when some feature's id is held by no
/// property (`event_id`, `event_id_cnty`), then every property in the order first met,
/// each with its type. `latitude` and `longitude` properties are left to the geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// The type of the `id` column that carries the features' ids, when one is needed.
    pub id: Option<Kind>,
    /// The property columns, in order, with their types.
    pub properties: Vec<(String, Kind)>,
}

/// What the values of one column showed so far.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum Seen {
    #[default]
    Nothing,
    Is(Kind),
}

impl Seen {
    fn add(self, value: &Value) -> Seen {
        let kind = match value {
            Value::Null => return self,
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) => match n.as_i64() {
                Some(i) => Kind::Integer {
                    wide: i32::try_from(i).is_err(),
                },
                None => Kind::Real,
            },
            Value::String(s) if is_date(s) => Kind::Date,
            _ => Kind::Text,
        };
        self.merge(Seen::Is(kind))
    }

    fn merge(self, other: Seen) -> Seen {
        use Kind::*;
        match (self, other) {
            (Seen::Nothing, s) | (s, Seen::Nothing) => s,
            (Seen::Is(a), Seen::Is(b)) => Seen::Is(match (a, b) {
                (Integer { wide: x }, Integer { wide: y }) => Integer { wide: x || y },
                (Integer { .. } | Real, Integer { .. } | Real) => Real,
                (a, b) if a == b => a,
                _ => Text,
            }),
        }
    }
}

/// Whether a text is a `YYYY-MM-DD` date.
fn is_date(text: &str) -> bool {
    text.len() == 10 && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// The properties that name a feature, in the order an id is looked for.
pub(crate) const ID_PROPERTIES: [&str; 2] = ["event_id", "event_id_cnty"];

/// Whether a column of this name is the geometry's, not a property.
fn is_coordinate(name: &str) -> bool {
    name == "latitude" || name == "longitude"
}

/// The columns of one feature and the id column's type when its id needs one.
fn columns_of(feature: &geojson::Feature) -> (Seen, Vec<(String, Seen)>) {
    let props = feature.properties.as_ref();
    let id = match &feature.id {
        Some(id) => {
            let value = id_value(id);
            let held = ID_PROPERTIES
                .iter()
                .any(|k| props.and_then(|p| p.get(*k)) == Some(&value));
            if held || props.is_some_and(|p| p.contains_key("id")) {
                Seen::Nothing
            } else {
                Seen::Nothing.add(&value)
            }
        }
        None => Seen::Nothing,
    };
    let columns = props
        .into_iter()
        .flatten()
        .filter(|(k, _)| !is_coordinate(k))
        .map(|(k, v)| (k.clone(), Seen::Nothing.add(v)))
        .collect();
    (id, columns)
}

/// The text of a value in a column: empty for null, numbers and booleans as JSON writes
/// them, a list of scalars its items joined by "; " (GDAL's drivers take no lists), a list
/// of lists or objects and an object their JSON text.
///
/// ```
/// use incimap::io::columns::cell;
/// use serde_json::json;
/// assert_eq!(cell(Some(&json!(["a.txt", "b.txt"]))), "a.txt; b.txt");
/// assert_eq!(cell(Some(&json!({"low": 1}))), r#"{"low":1}"#);
/// assert_eq!(cell(Some(&json!(null))), "");
/// assert_eq!(cell(Some(&json!(0.5))), "0.5");
/// ```
pub fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(|v| !v.is_array() && !v.is_object()) => items
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| cell(Some(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(v) => v.to_string(),
    }
}

/// A feature's id as a JSON value.
pub(crate) fn id_value(id: &geojson::feature::Id) -> Value {
    match id {
        geojson::feature::Id::String(s) => Value::String(s.clone()),
        geojson::feature::Id::Number(n) => Value::Number(n.clone()),
    }
}

/// Columns met so far, in order, with what their values showed.
#[derive(Default)]
struct Gathered {
    id: Seen,
    order: Vec<String>,
    seen: HashMap<String, Seen>,
}

impl Gathered {
    fn add(&mut self, id: Seen, columns: Vec<(String, Seen)>) {
        self.id = self.id.merge(id);
        for (name, s) in columns {
            match self.seen.get_mut(&name) {
                Some(old) => *old = old.merge(s),
                None => {
                    self.order.push(name.clone());
                    self.seen.insert(name, s);
                }
            }
        }
    }

    fn merge(mut self, mut other: Gathered) -> Gathered {
        let columns = other
            .order
            .into_iter()
            .map(|name| {
                let s = other.seen.remove(&name).unwrap_or_default();
                (name, s)
            })
            .collect();
        self.add(other.id, columns);
        self
    }
}

/// Gathers the columns of features met a batch at a time, in order.
///
/// ```
/// use incimap::io::columns::{ColumnsBuilder, Kind};
/// let f: geojson::Feature = serde_json::from_str(r#"{"type":"Feature","id":"a",
///   "geometry":null,"properties":{"n":1,"day":"2024-01-05","x":1.5}}"#).unwrap();
/// let g: geojson::Feature = serde_json::from_str(r#"{"type":"Feature","id":"b",
///   "geometry":null,"properties":{"n":2.5,"day":null,"fatalities":null}}"#).unwrap();
/// let mut builder = ColumnsBuilder::default();
/// builder.add(&[f]);
/// builder.add(&[g]);
/// let c = builder.finish();
/// assert_eq!(c.id, Some(Kind::Text));
/// assert_eq!(c.properties, vec![("n".to_string(), Kind::Real), ("day".into(), Kind::Date),
///     ("x".into(), Kind::Real), ("fatalities".into(), Kind::Integer { wide: false })]);
/// ```
#[derive(Default)]
pub struct ColumnsBuilder(Gathered);

impl ColumnsBuilder {
    /// Adds the columns of the next features (flattened already: no lists or objects).
    pub fn add(&mut self, features: &[geojson::Feature]) {
        let batch = features
            .par_iter()
            .fold(Gathered::default, |mut g, f| {
                let (id, columns) = columns_of(f);
                g.add(id, columns);
                g
            })
            .reduce(Gathered::default, Gathered::merge);
        self.0 = std::mem::take(&mut self.0).merge(batch);
    }

    /// The columns: a column no feature gave a value takes the type incimap or ACLED
    /// gives its name, else text.
    pub fn finish(self) -> Columns {
        let g = self.0;
        let resolve = |name: &str, seen: Seen| match seen {
            Seen::Is(k) => k,
            Seen::Nothing => known_kind(name).unwrap_or(Kind::Text),
        };
        let properties = g
            .order
            .into_iter()
            .map(|name| {
                let kind = resolve(&name, g.seen.get(&name).copied().unwrap_or_default());
                (name, kind)
            })
            .collect();
        Columns {
            id: match g.id {
                Seen::Is(k) => Some(k),
                Seen::Nothing => None,
            },
            properties,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incimap_columns_are_the_event_properties_in_order() {
        let feature = crate::event::Event::example().to_feature();
        let keys: Vec<&str> = feature
            .properties
            .as_ref()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let names: Vec<&str> = INCIMAP.iter().map(|(n, _)| *n).collect();
        assert_eq!(keys, names);
    }
}
