//! The Event record: incimap's output contract, one place. Every writer (GeoJSON,
//! GeoJSON Text Sequences, CSV) writes these fields, in this order.

use serde::{Deserialize, Serialize};

/// One incident, fused across the articles that report it.
///
/// ```
/// let e = incimap::event::Event::example();
/// let f = e.to_feature();
/// assert_eq!(f.geometry.unwrap().value, geojson::GeometryValue::new_point([-7.97522, 12.60915]));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// A stable id derived from the content: the same input gives the same id.
    pub event_id: String,
    /// YYYY-MM-DD, or null when the articles do not say.
    pub event_date: Option<String>,
    /// 1 the day, 2 the week, 3 the month.
    pub time_precision: Option<u8>,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Attacker or initiator.
    pub actor1: Option<String>,
    /// The other side or the victims.
    pub actor2: Option<String>,
    /// The place's name.
    pub location: String,
    /// Its first-level division.
    pub admin1: String,
    /// Its country.
    pub country: String,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    /// 1 the place itself, 2 near it or part of it, 3 only its region.
    pub geo_precision: u8,
    /// How the point was found: `gazetteer` (the place named), `offset` (a distance and
    /// direction from it), `near` (a distance from it, no direction), `enclosing_unit`
    /// (a place the gazetteer lacks, at the unit the text puts it in), `city_part` (a
    /// part of a city, at the city).
    #[serde(default = "gazetteer_basis")]
    pub location_basis: String,
    /// The gazetteer id of the place.
    pub gazetteer_id: String,
    /// The most conservative specific figure reported.
    pub fatalities: Option<u64>,
    /// The lowest figure reported.
    pub fatalities_low: Option<u64>,
    /// The highest figure reported.
    pub fatalities_high: Option<u64>,
    /// The most conservative specific figure of injured.
    pub injuries: Option<u64>,
    /// The lowest figure of injured.
    pub injuries_low: Option<u64>,
    /// The highest figure of injured.
    pub injuries_high: Option<u64>,
    /// The article file names that report it.
    pub sources: Vec<String>,
    /// How many articles.
    pub source_count: usize,
    /// The sentences it was read from.
    pub notes: String,
    /// The calibrated probability that it is a real incident of its articles, placed
    /// within the usual tolerance (see [`crate::confidence`]).
    pub confidence: f64,
    /// Latitude in degrees (WGS84), rounded to 5 decimals.
    pub latitude: f64,
    /// Longitude in degrees (WGS84), rounded to 5 decimals.
    pub longitude: f64,
}

fn gazetteer_basis() -> String {
    "gazetteer".into()
}

/// Rounds a coordinate to 5 decimals (about 1 m).
pub fn round5(value: f64) -> f64 {
    (value * 1e5).round() / 1e5
}

impl Event {
    /// The event as a GeoJSON Feature: a Point `[lon, lat]`, the id, and every field but
    /// the coordinates as properties.
    pub fn to_feature(&self) -> geojson::Feature {
        let mut properties = match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        properties.remove("latitude");
        properties.remove("longitude");
        geojson::Feature {
            bbox: None,
            geometry: Some(geojson::Geometry::new_point([
                round5(self.longitude),
                round5(self.latitude),
            ])),
            id: Some(geojson::feature::Id::String(self.event_id.clone())),
            properties: Some(properties),
            foreign_members: None,
        }
    }

    /// A filled-in event for examples and tests.
    pub fn example() -> Event {
        Event {
            event_id: "ev-example".into(),
            event_date: Some("2019-11-08".into()),
            time_precision: Some(1),
            event_type: "Protests".into(),
            sub_event_type: "Peaceful protest".into(),
            actor1: Some("Protesters (Mali)".into()),
            actor2: None,
            location: "Bamako".into(),
            admin1: "Bamako".into(),
            country: "Mali".into(),
            country_code: "ML".into(),
            geo_precision: 1,
            location_basis: "gazetteer".into(),
            gazetteer_id: "2460596".into(),
            fatalities: None,
            fatalities_low: None,
            fatalities_high: None,
            injuries: None,
            injuries_low: None,
            injuries_high: None,
            sources: vec!["000.txt".into()],
            source_count: 1,
            notes: "Hundreds of demonstrators gathered in Bamako on Friday (November 8).".into(),
            confidence: 0.9,
            latitude: 12.60915,
            longitude: -7.97522,
        }
    }
}
