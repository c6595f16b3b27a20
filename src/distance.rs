//! Great-circle distance on the mean Earth radius, and geodesic distance on WGS84.

/// The mean Earth radius in kilometres (IUGG R1), the radius every incimap distance uses.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The great-circle (haversine) distance in kilometres between two points given in degrees.
///
/// ```
/// use incimap::distance::haversine_km;
/// let bamako_to_kati = haversine_km(12.60915, -7.97522, 12.74409, -8.07257);
/// assert!((bamako_to_kati - 18.4).abs() < 0.5);
/// assert!(haversine_km(0.0, 179.9, 0.0, -179.9) < 23.0);
/// ```
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// The geodesic distance in kilometres on the WGS84 ellipsoid (Karney's method, via `geo`).
///
/// ```
/// use incimap::distance::geodesic_km;
/// let d = geodesic_km(12.60915, -7.97522, 12.74409, -8.07257);
/// assert!((d - 18.3).abs() < 0.5);
/// ```
pub fn geodesic_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    use geo::{Distance, Geodesic, Point};
    Geodesic::distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0
}
