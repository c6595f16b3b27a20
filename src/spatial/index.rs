//! The point index: unit vectors in an R-tree, searched by chord distance, answered by
//! true distance.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::f64::consts::PI;

use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};

use super::region::{BBox, Region};
use super::{sort_hits, Hit, LatLon};
use crate::distance::{Metric, EARTH_RADIUS_KM};

type Node = GeomWithData<[f64; 3], u32>;

/// Extra reach of every search, in kilometres, so rounding never loses a point on the edge
/// (haversine loses digits near the antipode; a metre is far more than it loses).
const EDGE_KM: f64 = 1e-3;

/// An index over points, answering by their position in the list it was built from.
///
/// ```
/// use incimap::distance::Metric;
/// use incimap::spatial::{index::PointIndex, LatLon};
/// let points = vec![LatLon { lat: 12.61, lon: -7.98 }, LatLon { lat: 12.74, lon: -8.07 },
///               LatLon { lat: 16.27, lon: -0.04 }];
/// let index = PointIndex::new(points);
/// let near = index.near(LatLon { lat: 12.6, lon: -8.0 }, 50.0, Metric::Haversine, &|a, b| a.cmp(&b));
/// assert_eq!(near.iter().map(|h| h.index).collect::<Vec<_>>(), vec![0, 1]);
/// let two = index.nearest(LatLon { lat: 16.0, lon: 0.0 }, 2, Metric::Haversine, &|a, b| a.cmp(&b));
/// assert_eq!(two[0].index, 2);
/// ```
pub struct PointIndex {
    points: Vec<LatLon>,
    tree: RTree<Node>,
}

/// The point on the unit sphere of a latitude and longitude.
fn unit_vector(p: LatLon) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The chord (straight line through the unit sphere) of a great-circle distance.
fn chord_of_km(distance_km: f64) -> f64 {
    let angle = distance_km / EARTH_RADIUS_KM;
    if angle >= PI {
        2.0
    } else {
        2.0 * (angle / 2.0).sin()
    }
}

/// The great-circle distance of a chord.
fn km_of_chord(chord: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * (chord / 2.0).min(1.0).asin()
}

/// A distance ordered by `total_cmp`, for the heap of the k best.
#[derive(PartialEq)]
struct Km(f64);

impl Eq for Km {}

impl PartialOrd for Km {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Km {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl PointIndex {
    /// Builds the index (bulk-loaded) over points; answers name them by position.
    pub fn new(points: Vec<LatLon>) -> PointIndex {
        let nodes: Vec<Node> = points
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new(unit_vector(*p), i as u32))
            .collect();
        PointIndex {
            points,
            tree: RTree::bulk_load(nodes),
        }
    }

    /// How many points it holds.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    fn hit(&self, center: LatLon, index: u32, metric: Metric) -> Hit {
        let p = self.points[index as usize];
        Hit {
            index,
            distance_km: metric.distance_km(center.lat, center.lon, p.lat, p.lon),
        }
    }

    /// Every point within `radius_km` of `center` (edge included), nearest first, equal
    /// distances ordered by `ties`.
    pub fn near(
        &self,
        center: LatLon,
        radius_km: f64,
        metric: Metric,
        ties: &dyn Fn(u32, u32) -> Ordering,
    ) -> Vec<Hit> {
        let chord = chord_of_km(radius_km * metric.sphere_slack() + EDGE_KM);
        let keep = |h: &Hit| h.distance_km <= radius_km;
        let mut hits: Vec<Hit> = if chord >= 2.0 {
            (0..self.points.len() as u32)
                .map(|i| self.hit(center, i, metric))
                .filter(keep)
                .collect()
        } else {
            let reach = chord * (1.0 + 1e-12) + 1e-12;
            self.tree
                .locate_within_distance(unit_vector(center), reach * reach)
                .map(|n| self.hit(center, n.data, metric))
                .filter(keep)
                .collect()
        };
        sort_hits(&mut hits, ties);
        hits
    }

    /// The `k` points nearest to `center`, nearest first, equal distances ordered by `ties`.
    pub fn nearest(
        &self,
        center: LatLon,
        k: usize,
        metric: Metric,
        ties: &dyn Fn(u32, u32) -> Ordering,
    ) -> Vec<Hit> {
        if k == 0 {
            return Vec::new();
        }
        let mut hits = Vec::new();
        let mut best: BinaryHeap<Km> = BinaryHeap::with_capacity(k + 1);
        for (node, chord2) in self
            .tree
            .nearest_neighbor_iter_with_distance_2(&unit_vector(center))
        {
            if best.len() == k {
                let kth = best.peek().map_or(f64::INFINITY, |d| d.0);
                let lower_bound = km_of_chord(chord2.sqrt()) / metric.sphere_slack();
                if lower_bound > kth + EDGE_KM {
                    break;
                }
            }
            let hit = self.hit(center, node.data, metric);
            best.push(Km(hit.distance_km));
            if best.len() > k {
                best.pop();
            }
            hits.push(hit);
        }
        sort_hits(&mut hits, ties);
        hits.truncate(k);
        hits
    }

    /// The positions of the points inside a bounding box (edges included), ascending.
    pub fn within_bbox(&self, bbox: &BBox) -> Vec<u32> {
        self.candidates(bbox, |p| bbox.contains(p))
    }

    /// The positions of the points inside a region (edges included), ascending.
    pub fn within_region(&self, region: &Region) -> Vec<u32> {
        self.candidates(&region.bbox(), |p| region.contains(p))
    }

    fn candidates(&self, bbox: &BBox, keep: impl Fn(LatLon) -> bool) -> Vec<u32> {
        let mut found: Vec<u32> = self
            .tree
            .locate_in_envelope(&envelope_of(bbox))
            .map(|n| n.data)
            .filter(|&i| keep(self.points[i as usize]))
            .collect();
        found.sort_unstable();
        found
    }
}

/// The 3-D box around the part of the unit sphere a latitude/longitude box covers.
fn envelope_of(bbox: &BBox) -> AABB<[f64; 3]> {
    let east = if bbox.crosses_antimeridian() {
        bbox.east + 360.0
    } else {
        bbox.east
    };
    let (west, south, north) = (bbox.west, bbox.south, bbox.north);
    let (cos_lon_lo, cos_lon_hi) = extremes(west, east, 0.0, 180.0, f64::cos);
    let (sin_lon_lo, sin_lon_hi) = extremes(west, east, 90.0, 270.0, f64::sin);
    let cos_lat_hi = if south <= 0.0 && north >= 0.0 {
        1.0
    } else {
        south.to_radians().cos().max(north.to_radians().cos())
    };
    let cos_lat_lo = south.to_radians().cos().min(north.to_radians().cos());
    let span = |lo: f64, hi: f64| {
        let products = [
            cos_lat_lo * lo,
            cos_lat_hi * lo,
            cos_lat_lo * hi,
            cos_lat_hi * hi,
        ];
        (
            products.iter().copied().fold(f64::INFINITY, f64::min),
            products.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        )
    };
    let (x_lo, x_hi) = span(cos_lon_lo, cos_lon_hi);
    let (y_lo, y_hi) = span(sin_lon_lo, sin_lon_hi);
    let pad = 1e-9;
    AABB::from_corners(
        [x_lo - pad, y_lo - pad, south.to_radians().sin() - pad],
        [x_hi + pad, y_hi + pad, north.to_radians().sin() + pad],
    )
}

/// The least and greatest of `f` (cos or sin) over the angles `lo..=hi` in degrees, given
/// the angles (mod 360) where it peaks and bottoms out.
fn extremes(lo: f64, hi: f64, peak: f64, trough: f64, f: fn(f64) -> f64) -> (f64, f64) {
    let at_ends = [f(lo.to_radians()), f(hi.to_radians())];
    let mut least = at_ends[0].min(at_ends[1]);
    let mut greatest = at_ends[0].max(at_ends[1]);
    let reaches = |angle: f64| {
        let k = ((lo - angle) / 360.0).ceil();
        angle + 360.0 * k <= hi
    };
    if reaches(peak) {
        greatest = 1.0;
    }
    if reaches(trough) {
        least = -1.0;
    }
    (least, greatest)
}
