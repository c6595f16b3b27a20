//! Great-circle distance and destination on the mean Earth radius, and geodesic distance on
//! WGS84, all through `geo`'s metric spaces, in kilometres; and distances parsed with their unit.

use geo::{Destination, Distance, Geodesic, HaversineMeasure, Point};

/// The mean Earth radius in kilometres (IUGG R1), the radius every incimap distance uses.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// `geo`'s haversine on a sphere of [`EARTH_RADIUS_KM`]: its distances are in kilometres.
/// (`geo::Haversine` is the same sphere in metres.)
const SPHERE_KM: HaversineMeasure = HaversineMeasure::new(EARTH_RADIUS_KM);

/// The great-circle (haversine) distance in kilometres between two points given in degrees.
///
/// ```
/// use incimap::distance::haversine_km;
/// let bamako_to_kati = haversine_km(12.60915, -7.97522, 12.74409, -8.07257);
/// assert!((bamako_to_kati - 18.4).abs() < 0.5);
/// assert!(haversine_km(0.0, 179.9, 0.0, -179.9) < 23.0);
/// ```
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    SPHERE_KM.distance(Point::new(lon1, lat1), Point::new(lon2, lat2))
}

/// The point reached from a point (degrees) by going `km` kilometres along the great circle
/// that leaves it at `bearing_deg` (clockwise from north), as (latitude, longitude) with
/// the longitude in -180..180.
///
/// ```
/// use incimap::distance::destination_km;
/// let (lat, lon) = destination_km(10.0, 5.0, 0.0, 55.6);
/// assert!((lat - 10.5).abs() < 0.01 && (lon - 5.0).abs() < 1e-9);
/// let (_, lon) = destination_km(0.0, 179.9, 90.0, 55.6);
/// assert!((lon - -179.6).abs() < 0.01, "{lon}");
/// ```
pub fn destination_km(lat: f64, lon: f64, bearing_deg: f64, km: f64) -> (f64, f64) {
    let to = SPHERE_KM.destination(Point::new(lon, lat), bearing_deg, km);
    (to.y(), to.x())
}

/// The geodesic distance in kilometres on the WGS84 ellipsoid (Karney's method, via `geo`).
///
/// ```
/// use incimap::distance::geodesic_km;
/// let d = geodesic_km(12.60915, -7.97522, 12.74409, -8.07257);
/// assert!((d - 18.3).abs() < 0.5);
/// ```
pub fn geodesic_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    Geodesic.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0
}

/// How distances are measured: great-circle on the mean radius (the default), or geodesic
/// on the WGS84 ellipsoid.
///
/// ```
/// use incimap::distance::Metric;
/// let d = Metric::Haversine.distance_km(12.60915, -7.97522, 12.74409, -8.07257);
/// assert!((d - 18.4).abs() < 0.5);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Metric {
    /// Great-circle distance on a sphere of radius [`EARTH_RADIUS_KM`].
    #[default]
    Haversine,
    /// Geodesic distance on the WGS84 ellipsoid.
    Geodesic,
}

impl Metric {
    /// The distance in kilometres between two points given in degrees.
    pub fn distance_km(self, lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
        match self {
            Metric::Haversine => haversine_km(lat1, lon1, lat2, lon2),
            Metric::Geodesic => geodesic_km(lat1, lon1, lat2, lon2),
        }
    }

    /// The largest ratio between this metric's distance and the great-circle one: a
    /// spherical search widened by it finds every point within a distance of this metric.
    /// (WGS84 geodesics differ from great circles on the mean radius by under 0.7 %.)
    ///
    /// ```
    /// use incimap::distance::Metric;
    /// assert_eq!(Metric::Haversine.sphere_slack(), 1.0);
    /// assert!(Metric::Geodesic.sphere_slack() > 1.0);
    /// ```
    pub fn sphere_slack(self) -> f64 {
        match self {
            Metric::Haversine => 1.0,
            Metric::Geodesic => 1.01,
        }
    }
}

/// Parses a distance with its unit (`100km`, `62 mi`, `5000m`; a bare number is in
/// kilometres) into kilometres. Negative, infinite and NaN distances are refused.
///
/// ```
/// use incimap::distance::parse_distance_km;
/// assert_eq!(parse_distance_km("100km").unwrap(), 100.0);
/// assert_eq!(parse_distance_km("2500 m").unwrap(), 2.5);
/// assert!((parse_distance_km("10mi").unwrap() - 16.09344).abs() < 1e-9);
/// assert!(parse_distance_km("-5km").is_err());
/// assert!(parse_distance_km("far").is_err());
/// ```
pub fn parse_distance_km(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => 1.0,
        "m" | "metre" | "metres" | "meter" | "meters" => 0.001,
        "mi" | "mile" | "miles" => 1.609344,
        other => {
            return Err(format!(
                "'{text}': unknown unit '{other}' (use km, mi or m)"
            ))
        }
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a distance such as 100km, 60mi or 500m"))?;
    if !value.is_finite() {
        return Err(format!("'{text}' is not a finite distance"));
    }
    if value < 0.0 {
        return Err(format!("'{text}': a distance cannot be negative"));
    }
    Ok(value * factor)
}
