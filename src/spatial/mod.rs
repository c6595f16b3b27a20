//! Spatial queries over point events: within a distance of a point, the k nearest, inside
//! a bounding box or a region's polygons, and many such queries in one batch.
//!
//! Points are indexed as unit vectors in 3-D (an `rstar` R-tree, bulk-loaded), where a
//! straight-line (chord) distance grows with the great-circle distance everywhere on the
//! globe: no seam at the antimeridian, no singularity at the poles. The tree is only a
//! filter; every answer is decided by the true distance ([`crate::distance::Metric`]), so
//! answers are exactly those of a brute-force scan ([`brute`]).

pub mod batch;
pub mod brute;
pub mod index;
pub mod region;

/// A point on the globe in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    /// Latitude in degrees, -90..90.
    pub lat: f64,
    /// Longitude in degrees, -180..180.
    pub lon: f64,
}

/// An answer: a point (by its position in the indexed list) and its distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The position of the point in the list the index was built from.
    pub index: u32,
    /// Its distance from the query point in kilometres.
    pub distance_km: f64,
}

/// Sorts hits by distance, ties broken by `ties` (usually by feature id).
///
/// ```
/// use incimap::spatial::{sort_hits, Hit};
/// let mut hits = vec![Hit { index: 2, distance_km: 1.0 }, Hit { index: 1, distance_km: 1.0 },
///                     Hit { index: 0, distance_km: 3.0 }];
/// sort_hits(&mut hits, &|a: u32, b: u32| a.cmp(&b));
/// assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), vec![1, 2, 0]);
/// ```
pub fn sort_hits(hits: &mut [Hit], ties: &dyn Fn(u32, u32) -> std::cmp::Ordering) {
    hits.sort_by(|a, b| {
        a.distance_km
            .total_cmp(&b.distance_km)
            .then_with(|| ties(a.index, b.index))
    });
}
