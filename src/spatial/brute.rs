//! Brute-force answers: every point measured. The reference the index must equal, in the
//! property tests and the benchmarks.

use std::cmp::Ordering;

use super::region::BBox;
use super::{sort_hits, Hit, LatLon};
use crate::distance::Metric;

fn all_hits(points: &[LatLon], center: LatLon, metric: Metric) -> Vec<Hit> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| Hit {
            index: i as u32,
            distance_km: metric.distance_km(center.lat, center.lon, p.lat, p.lon),
        })
        .collect()
}

/// Every point within `radius_km` of `center`, nearest first, ties by `ties`.
///
/// ```
/// use incimap::distance::Metric;
/// use incimap::spatial::{brute, LatLon};
/// let points = [LatLon { lat: 0.0, lon: 179.9 }, LatLon { lat: 0.0, lon: -179.9 }];
/// let hits = brute::near(&points, LatLon { lat: 0.0, lon: 179.9 }, 300.0, Metric::Haversine, &|a, b| a.cmp(&b));
/// assert_eq!(hits.len(), 2);
/// ```
pub fn near(
    points: &[LatLon],
    center: LatLon,
    radius_km: f64,
    metric: Metric,
    ties: &dyn Fn(u32, u32) -> Ordering,
) -> Vec<Hit> {
    let mut hits: Vec<Hit> = all_hits(points, center, metric)
        .into_iter()
        .filter(|h| h.distance_km <= radius_km)
        .collect();
    sort_hits(&mut hits, ties);
    hits
}

/// The `k` points nearest to `center`, nearest first, ties by `ties`.
pub fn nearest(
    points: &[LatLon],
    center: LatLon,
    k: usize,
    metric: Metric,
    ties: &dyn Fn(u32, u32) -> Ordering,
) -> Vec<Hit> {
    let mut hits = all_hits(points, center, metric);
    if k < hits.len() {
        let order = |a: &Hit, b: &Hit| {
            a.distance_km
                .total_cmp(&b.distance_km)
                .then_with(|| ties(a.index, b.index))
        };
        if k == 0 {
            return Vec::new();
        }
        hits.select_nth_unstable_by(k - 1, order);
        hits.truncate(k);
    }
    sort_hits(&mut hits, ties);
    hits
}

/// The positions of the points inside a bounding box, ascending.
pub fn within_bbox(points: &[LatLon], bbox: &BBox) -> Vec<u32> {
    (0..points.len() as u32)
        .filter(|&i| bbox.contains(points[i as usize]))
        .collect()
}
