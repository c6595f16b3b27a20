//! A feature read from a typed table (FlatGeobuf, GeoParquet): its property values and
//! its shape, as read, and the GeoJSON feature they make.

use serde_json::{Map, Number, Value};

/// What a feature's geometry is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// A point: longitude, latitude.
    Point(f64, f64),
    /// No geometry, or an empty one.
    None,
    /// Another geometry type.
    Other,
}

/// A property value read from a feature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Property<'d> {
    /// Text (also a date-time).
    Text(&'d str),
    /// A signed whole number.
    Integer(i64),
    /// An unsigned 64-bit whole number.
    Unsigned(u64),
    /// A floating-point number.
    Real(f64),
    /// True or false.
    Bool(bool),
    /// Bytes, not read.
    Other,
}

impl Property<'_> {
    /// The value as JSON.
    ///
    /// ```
    /// use incimap::io::record::Property;
    /// assert_eq!(Property::Text("Gao").to_value(), "Gao");
    /// assert_eq!(Property::Real(f64::NAN).to_value(), serde_json::Value::Null);
    /// ```
    pub fn to_value(self) -> Value {
        match self {
            Property::Text(t) => Value::String(t.to_string()),
            Property::Integer(i) => i.into(),
            Property::Unsigned(u) => u.into(),
            Property::Real(r) => Number::from_f64(r).map_or(Value::Null, Value::Number),
            Property::Bool(b) => Value::Bool(b),
            Property::Other => Value::Null,
        }
    }

    /// The value as a number, if it is one (text that reads as one included).
    ///
    /// ```
    /// use incimap::io::record::Property;
    /// assert_eq!(Property::Integer(3).as_number(), Some(3.0));
    /// assert_eq!(Property::Text(" 2.5").as_number(), Some(2.5));
    /// assert_eq!(Property::Bool(true).as_number(), None);
    /// ```
    pub fn as_number(self) -> Option<f64> {
        match self {
            Property::Integer(i) => Some(i as f64),
            Property::Unsigned(u) => Some(u as f64),
            Property::Real(r) => Some(r),
            Property::Text(t) => t.trim().parse().ok(),
            _ => None,
        }
    }
}

/// A feature from its columns' names and values and its shape: an `id` column becomes the
/// feature's id; an `event_id` or `event_id_cnty` column is the id too, and stays a
/// property.
///
/// ```
/// use incimap::io::record::{feature, Shape};
/// use serde_json::json;
/// let f = feature([("event_id", json!("ev-1")), ("fatalities", json!(3))], Shape::Point(-8.0, 12.6));
/// assert_eq!(f.id, Some(geojson::feature::Id::String("ev-1".into())));
/// assert_eq!(f.properties.unwrap()["fatalities"], 3);
/// ```
pub fn feature<'n>(
    columns: impl IntoIterator<Item = (&'n str, Value)>,
    shape: Shape,
) -> geojson::Feature {
    let mut properties = Map::new();
    let mut id = None;
    for (name, value) in columns {
        if name == "id" {
            id = Some(value);
        } else {
            properties.insert(name.to_string(), value);
        }
    }
    let id = id
        .into_iter()
        .chain(
            super::columns::ID_PROPERTIES
                .iter()
                .filter_map(|k| properties.get(*k).cloned()),
        )
        .find_map(|v| match v {
            Value::String(s) => Some(geojson::feature::Id::String(s)),
            Value::Number(n) => Some(geojson::feature::Id::Number(n)),
            _ => None,
        });
    let geometry = match shape {
        Shape::Point(lon, lat) => Some(geojson::Geometry::new_point([lon, lat])),
        _ => None,
    };
    geojson::Feature {
        bbox: None,
        geometry,
        id,
        properties: Some(properties),
        foreign_members: None,
    }
}
