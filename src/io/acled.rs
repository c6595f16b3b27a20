//! ACLED's CSV: its own column names in its order, so that events append to an ACLED
//! download. A feature's property of an ACLED column's name fills that column (an ACLED
//! export read back keeps its values); incimap's events fill the columns they know
//! (`event_id` is `event_id_cnty`, `sources` is `source`, the year and the disorder type
//! follow from the date and the sub-event type); the others stay empty, never invented.

use serde_json::{Map, Value};

use super::columns::{cell, Kind};

/// ACLED's columns, in its order, with their types.
pub const COLUMNS: [(&str, Kind); 31] = [
    ("event_id_cnty", Kind::Text),
    ("event_date", Kind::Date),
    ("year", Kind::Integer { wide: false }),
    ("time_precision", Kind::Integer { wide: false }),
    ("disorder_type", Kind::Text),
    ("event_type", Kind::Text),
    ("sub_event_type", Kind::Text),
    ("actor1", Kind::Text),
    ("assoc_actor_1", Kind::Text),
    ("inter1", Kind::Text),
    ("actor2", Kind::Text),
    ("assoc_actor_2", Kind::Text),
    ("inter2", Kind::Text),
    ("interaction", Kind::Text),
    ("civilian_targeting", Kind::Text),
    ("iso", Kind::Integer { wide: false }),
    ("region", Kind::Text),
    ("country", Kind::Text),
    ("admin1", Kind::Text),
    ("admin2", Kind::Text),
    ("admin3", Kind::Text),
    ("location", Kind::Text),
    ("latitude", Kind::Real),
    ("longitude", Kind::Real),
    ("geo_precision", Kind::Integer { wide: false }),
    ("source", Kind::Text),
    ("source_scale", Kind::Text),
    ("notes", Kind::Text),
    ("fatalities", Kind::Integer { wide: false }),
    ("tags", Kind::Text),
    ("timestamp", Kind::Integer { wide: true }),
];

/// ACLED's disorder type of an event type and sub-event type (ACLED codebook, 2023), if
/// the pair names one.
fn disorder_type(event_type: &str, sub_event_type: &str) -> Option<&'static str> {
    Some(match (event_type, sub_event_type) {
        ("Battles" | "Explosions/Remote violence" | "Violence against civilians", _) => {
            "Political violence"
        }
        ("Riots", "Mob violence") => "Political violence",
        ("Riots", "Violent demonstration") => "Demonstrations",
        ("Protests", "Excessive force against protesters") => "Political violence; Demonstrations",
        ("Protests", _) => "Demonstrations",
        ("Strategic developments", _) => "Strategic developments",
        _ => return None,
    })
}

/// One feature's ACLED row, in the order of [`COLUMNS`]. `id` is the feature's id, if
/// any; `lon_lat` its point.
///
/// ```
/// let f = incimap::event::Event::example().to_feature();
/// let row = incimap::io::acled::row(f.properties.as_ref().unwrap(), Some("ev-example"),
///     Some((-7.97522, 12.60915)));
/// let cols: Vec<&str> = incimap::io::acled::COLUMNS.iter().map(|c| c.0).collect();
/// let get = |name: &str| row[cols.iter().position(|c| *c == name).unwrap()].as_str();
/// assert_eq!(get("event_id_cnty"), "ev-example");
/// assert_eq!(get("year"), "2019");
/// assert_eq!(get("disorder_type"), "Demonstrations");
/// assert_eq!(get("source"), "000.txt");
/// assert_eq!(get("latitude"), "12.60915");
/// assert_eq!(get("inter1"), "");
/// assert_eq!(get("fatalities"), "");
/// ```
pub fn row(
    properties: &Map<String, Value>,
    id: Option<&str>,
    lon_lat: Option<(f64, f64)>,
) -> Vec<String> {
    let text = |name: &str| properties.get(name).and_then(Value::as_str);
    COLUMNS
        .iter()
        .map(|(name, _)| {
            if let Some(v) = properties.get(*name).filter(|v| !v.is_null()) {
                if !matches!(*name, "latitude" | "longitude") {
                    return cell(Some(v));
                }
            }
            match *name {
                "event_id_cnty" => text("event_id").or(id).unwrap_or("").to_string(),
                "year" => text("event_date")
                    .filter(|d| d.len() >= 4 && d[..4].bytes().all(|b| b.is_ascii_digit()))
                    .map_or(String::new(), |d| d[..4].to_string()),
                "disorder_type" => disorder_type(
                    text("event_type").unwrap_or(""),
                    text("sub_event_type").unwrap_or(""),
                )
                .unwrap_or("")
                .to_string(),
                "civilian_targeting" => match text("actor2") {
                    Some(a) if a.starts_with("Civilians") => "Civilian targeting".to_string(),
                    _ => String::new(),
                },
                "source" => cell(properties.get("sources")),
                "latitude" => lon_lat.map_or(String::new(), |(_, lat)| lat.to_string()),
                "longitude" => lon_lat.map_or(String::new(), |(lon, _)| lon.to_string()),
                _ => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acled_row_read_back_keeps_its_values() {
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        let values = [
            "MLI1234",
            "2024-01-15",
            "2024",
            "1",
            "Political violence",
            "Battles",
            "Armed clash",
            "JNIM",
            "",
            "Rebel group",
            "Military Forces of Mali",
            "",
            "State forces",
            "Rebel group-State forces",
            "",
            "466",
            "Western Africa",
            "Mali",
            "Mopti",
            "Bandiagara",
            "",
            "Bandiagara",
            "14.35",
            "-3.61",
            "1",
            "AFP",
            "International",
            "Clashes.",
            "12",
            "",
            "1705500000",
        ];
        let properties: Map<String, Value> = names
            .iter()
            .zip(values)
            .map(|(n, v)| (n.to_string(), Value::String(v.to_string())))
            .collect();
        let row = row(&properties, None, Some((-3.61, 14.35)));
        assert_eq!(row, values.map(String::from).to_vec());
    }

    #[test]
    fn disorder_types_follow_the_codebook() {
        assert_eq!(
            disorder_type("Riots", "Mob violence"),
            Some("Political violence")
        );
        assert_eq!(
            disorder_type("Protests", "Peaceful protest"),
            Some("Demonstrations")
        );
        assert_eq!(disorder_type("Riots", "Something else"), None);
    }
}
