//! Areas to search in: a bounding box (which may cross the antimeridian), or a region made
//! of GeoJSON polygons (holes respected, several polygons meaning their union).

use std::path::Path;
use std::str::FromStr;

use anyhow::Context;
use geo::algorithm::line_intersection::LineIntersection;
use geo::algorithm::sweep::{Cross, Intersections};
use geo::{BoundingRect, Intersects};

use super::LatLon;
use crate::gazetteer::normalize::normalize;

/// A bounding box in degrees, RFC 7946 order `west,south,east,north`. A west edge east of
/// the east edge means the box crosses the antimeridian.
///
/// ```
/// use incimap::spatial::{region::BBox, LatLon};
/// let sahel: BBox = "-12,10,5,20".parse().unwrap();
/// assert!(sahel.contains(LatLon { lat: 12.6, lon: -8.0 }));
/// let pacific: BBox = "170,-20,-170,0".parse().unwrap();
/// assert!(pacific.crosses_antimeridian());
/// assert!(pacific.contains(LatLon { lat: -10.0, lon: -179.5 }));
/// assert!("10,20,0".parse::<BBox>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// Western edge, degrees of longitude.
    pub west: f64,
    /// Southern edge, degrees of latitude.
    pub south: f64,
    /// Eastern edge, degrees of longitude.
    pub east: f64,
    /// Northern edge, degrees of latitude.
    pub north: f64,
}

impl BBox {
    /// A checked box: edges finite, longitudes in -180..180, latitudes in -90..90, south
    /// not north of north.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<BBox, String> {
        let edges = [west, south, east, north];
        if edges.iter().any(|e| !e.is_finite()) {
            return Err("bounding box edges must be finite numbers".into());
        }
        if !(-180.0..=180.0).contains(&west) || !(-180.0..=180.0).contains(&east) {
            return Err(format!(
                "bounding box longitudes {west} and {east} must lie in -180..180"
            ));
        }
        if !(-90.0..=90.0).contains(&south) || !(-90.0..=90.0).contains(&north) {
            return Err(format!(
                "bounding box latitudes {south} and {north} must lie in -90..90"
            ));
        }
        if south > north {
            return Err(format!(
                "bounding box south edge {south} lies north of its north edge {north} (order: west,south,east,north)"
            ));
        }
        Ok(BBox {
            west,
            south,
            east,
            north,
        })
    }

    /// The whole globe.
    pub const WORLD: BBox = BBox {
        west: -180.0,
        south: -90.0,
        east: 180.0,
        north: 90.0,
    };

    /// A box holding every point within `radius_km` (great-circle, on the mean radius) of
    /// `center`: across the antimeridian when the circle is, every longitude when the
    /// circle holds a pole.
    ///
    /// ```
    /// use incimap::spatial::{region::BBox, LatLon};
    /// let b = BBox::around(LatLon { lat: 0.0, lon: 179.9 }, 111.2);
    /// assert!(b.crosses_antimeridian());
    /// assert!(b.contains(LatLon { lat: 0.0, lon: -179.2 }));
    /// assert!((b.north - 1.0).abs() < 0.01);
    /// let polar = BBox::around(LatLon { lat: 89.5, lon: 10.0 }, 100.0);
    /// assert_eq!((polar.west, polar.east, polar.north), (-180.0, 180.0, 90.0));
    /// ```
    pub fn around(center: LatLon, radius_km: f64) -> BBox {
        let angle = radius_km / crate::distance::EARTH_RADIUS_KM;
        if !angle.is_finite() || angle >= std::f64::consts::PI {
            return BBox::WORLD;
        }
        let reach = angle.to_degrees() * (1.0 + 1e-9) + 1e-9;
        let (south, north) = (center.lat - reach, center.lat + reach);
        if south <= -90.0 || north >= 90.0 {
            return BBox {
                west: -180.0,
                south: south.max(-90.0),
                east: 180.0,
                north: north.min(90.0),
            };
        }
        // The widest longitude a circle reaches: asin(sin r / cos lat), where the circle
        // holds no pole.
        let ratio = angle.sin() / center.lat.to_radians().cos();
        let half = if ratio >= 1.0 {
            180.0
        } else {
            ratio.asin().to_degrees() * (1.0 + 1e-9) + 1e-9
        };
        if half >= 180.0 {
            return BBox {
                west: -180.0,
                south,
                east: 180.0,
                north,
            };
        }
        let wrap = |lon: f64| {
            if lon < -180.0 {
                lon + 360.0
            } else if lon > 180.0 {
                lon - 360.0
            } else {
                lon
            }
        };
        BBox {
            west: wrap(center.lon - half),
            south,
            east: wrap(center.lon + half),
            north,
        }
    }

    /// Whether the box wraps across the antimeridian (west edge east of the east edge).
    pub fn crosses_antimeridian(&self) -> bool {
        self.west > self.east
    }

    /// Whether a point lies inside or on the edge.
    pub fn contains(&self, p: LatLon) -> bool {
        let lon_inside = if self.crosses_antimeridian() {
            p.lon >= self.west || p.lon <= self.east
        } else {
            (self.west..=self.east).contains(&p.lon)
        };
        lon_inside && (self.south..=self.north).contains(&p.lat)
    }
}

impl FromStr for BBox {
    type Err = String;

    fn from_str(text: &str) -> Result<BBox, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        if parts.len() != 4 {
            return Err(format!(
                "'{text}' is not a bounding box: expected four numbers west,south,east,north"
            ));
        }
        let mut edges = [0.0f64; 4];
        for (edge, part) in edges.iter_mut().zip(&parts) {
            *edge = part
                .parse()
                .map_err(|_| format!("'{text}': '{part}' is not a number"))?;
        }
        BBox::new(edges[0], edges[1], edges[2], edges[3]).map_err(|e| format!("'{text}': {e}"))
    }
}

/// A region: the union of one or more polygons (with their holes), in longitude/latitude.
///
/// ```
/// use incimap::spatial::{region::Region, LatLon};
/// let square = r#"{"type":"Feature","properties":{"name":"Sq"},"geometry":{"type":"Polygon",
///   "coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}}"#;
/// let region = Region::from_geojson(square, "square.geojson", None).unwrap();
/// assert!(region.contains(LatLon { lat: 2.0, lon: 2.0 }));
/// assert!(!region.contains(LatLon { lat: 5.0, lon: 5.0 }));
/// assert_eq!(region.names(), ["Sq"]);
/// ```
#[derive(Debug, Clone)]
pub struct Region {
    names: Vec<String>,
    shape: geo::MultiPolygon<f64>,
    bbox: BBox,
}

/// Property keys that usually hold a feature's name, tried when a selector gives no key.
const NAME_KEYS: &[&str] = &[
    "name",
    "NAME",
    "Name",
    "shapeName",
    "name_en",
    "NAME_EN",
    "admin1Name",
    "admin1",
    "ADM1_EN",
    "ADM1_FR",
    "NAME_1",
    "region",
];

impl Region {
    /// Reads a region from a GeoJSON file (FeatureCollection, Feature, or a bare Polygon or
    /// MultiPolygon). `selector` picks features by a property: `KEY=VALUE`, or a bare
    /// `VALUE` matched against any text property; names compare without case or accents.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("bad.geojson");
    /// std::fs::write(&path, r#"{"type": "Polygon", "coordinates": [[[0,0],[1,0]]]}"#).unwrap();
    /// let err = incimap::spatial::region::Region::load(&path, None).unwrap_err();
    /// assert!(err.to_string().contains("bad.geojson"));
    /// ```
    pub fn load(path: &Path, selector: Option<&str>) -> anyhow::Result<Region> {
        let label = path.display().to_string();
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{label}: cannot read"))?;
        Region::from_geojson(&text, &label, selector).map_err(anyhow::Error::msg)
    }

    /// Reads a region from GeoJSON text; `label` names it in errors.
    pub fn from_geojson(text: &str, label: &str, selector: Option<&str>) -> Result<Region, String> {
        let geojson: geojson::GeoJson = text.parse().map_err(|e| match e {
            geojson::Error::MalformedGeoJson(j) => {
                format!("{label}:{}:{}: {j}", j.line(), j.column())
            }
            other => format!("{label}: {other}"),
        })?;
        let features: Vec<geojson::Feature> = match geojson {
            geojson::GeoJson::FeatureCollection(fc) => fc.features,
            geojson::GeoJson::Feature(f) => vec![f],
            geojson::GeoJson::Geometry(g) => vec![geojson::Feature {
                bbox: None,
                geometry: Some(g),
                id: None,
                properties: None,
                foreign_members: None,
            }],
        };
        let chosen: Vec<&geojson::Feature> = match selector {
            None => features.iter().collect(),
            Some(sel) => {
                let chosen: Vec<&geojson::Feature> =
                    features.iter().filter(|f| selects(f, sel)).collect();
                if chosen.is_empty() {
                    let mut names: Vec<String> = features.iter().filter_map(feature_name).collect();
                    names.sort();
                    names.dedup();
                    let shown: Vec<&str> = names.iter().take(12).map(String::as_str).collect();
                    return Err(format!(
                        "{label}: no feature has the name '{sel}'{}",
                        if shown.is_empty() {
                            String::new()
                        } else {
                            format!(
                                " (names: {}{})",
                                shown.join(", "),
                                if names.len() > 12 { ", …" } else { "" }
                            )
                        }
                    ));
                }
                chosen
            }
        };
        let mut polygons = Vec::new();
        let mut names = Vec::new();
        for (i, feature) in chosen.iter().enumerate() {
            let Some(geometry) = &feature.geometry else {
                continue;
            };
            let before = polygons.len();
            collect_polygons(&geometry.value, &mut polygons)
                .map_err(|why| format!("{label}: feature {i}: {why}"))?;
            if polygons.len() > before {
                names.extend(feature_name(feature));
            }
        }
        if polygons.is_empty() {
            return Err(format!("{label}: no Polygon or MultiPolygon to search in"));
        }
        let shape = geo::MultiPolygon::new(polygons);
        let rect = shape
            .bounding_rect()
            .ok_or_else(|| format!("{label}: the polygons are empty"))?;
        let bbox = BBox::new(rect.min().x, rect.min().y, rect.max().x, rect.max().y)
            .map_err(|e| format!("{label}: {e}"))?;
        Ok(Region { names, shape, bbox })
    }

    /// The names of the features it was made of (where they have one).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Its bounding box.
    pub fn bbox(&self) -> BBox {
        self.bbox
    }

    /// Whether a point lies inside or on the boundary (not in a hole).
    pub fn contains(&self, p: LatLon) -> bool {
        self.bbox.contains(p) && self.shape.intersects(&geo::Point::new(p.lon, p.lat))
    }
}

fn collect_polygons(
    value: &geojson::GeometryValue,
    out: &mut Vec<geo::Polygon<f64>>,
) -> Result<(), String> {
    match value {
        geojson::GeometryValue::Polygon { coordinates: rings } => out.push(polygon(rings)?),
        geojson::GeometryValue::MultiPolygon { coordinates: parts } => {
            for rings in parts {
                out.push(polygon(rings)?);
            }
        }
        geojson::GeometryValue::GeometryCollection {
            geometries: members,
        } => {
            for g in members {
                collect_polygons(&g.value, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn polygon(rings: &[Vec<geojson::Position>]) -> Result<geo::Polygon<f64>, String> {
    let mut lines = Vec::with_capacity(rings.len());
    for (r, ring) in rings.iter().enumerate() {
        if ring.len() < 4 {
            return Err(format!(
                "ring {r} has {} positions; a closed ring needs at least 4",
                ring.len()
            ));
        }
        let mut coords = Vec::with_capacity(ring.len());
        for position in ring {
            let (Some(&lon), Some(&lat)) =
                (position.as_slice().first(), position.as_slice().get(1))
            else {
                return Err(format!("ring {r} has a position without two numbers"));
            };
            if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                return Err(format!(
                    "ring {r} has a position [{lon}, {lat}] out of range"
                ));
            }
            coords.push(geo::coord! { x: lon, y: lat });
        }
        if coords.first() != coords.last() {
            return Err(format!(
                "ring {r} is not closed (its last position must repeat its first)"
            ));
        }
        lines.push(geo::LineString::new(coords));
    }
    let mut lines = lines.into_iter();
    let exterior = lines.next().ok_or("a polygon without rings")?;
    let polygon = geo::Polygon::new(exterior, lines.collect());
    check_valid(&polygon)?;
    Ok(polygon)
}

/// One side of a ring, for the sweep that finds where rings cross: which ring, and which
/// side of how many.
#[derive(Debug, Clone)]
struct Side {
    ring: usize,
    index: usize,
    sides: usize,
    line: geo::Line<f64>,
}

impl Cross for Side {
    type Scalar = f64;

    fn line(&self) -> geo::Line<f64> {
        self.line
    }
}

impl Side {
    /// Whether two sides follow each other on one ring (they share a corner).
    fn adjacent(&self, other: &Side) -> bool {
        let gap = self.index.abs_diff(other.index);
        self.ring == other.ring && (gap == 1 || gap == self.sides - 1)
    }
}

/// Checks a polygon as the Simple Features rules do: no ring crosses, overlaps or touches
/// itself (so every ring encloses an area: a flat one goes back along itself), no two rings cross or overlap, and every hole lies
/// inside the outer ring. The sweep of `geo` (Bentley-Ottmann) finds the crossings.
fn check_valid(polygon: &geo::Polygon<f64>) -> Result<(), String> {
    let rings: Vec<&geo::LineString<f64>> = std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .collect();
    let sides = rings.iter().enumerate().flat_map(|(ring, line)| {
        let sides = line.0.len() - 1;
        line.lines().enumerate().map(move |(index, line)| Side {
            ring,
            index,
            sides,
            line,
        })
    });
    for (a, b, meet) in Intersections::from_iter(sides) {
        let (a, b) = if a.ring <= b.ring { (a, b) } else { (b, a) };
        let whose = if a.ring == b.ring {
            format!("ring {} meets itself", a.ring)
        } else {
            format!("rings {} and {} meet", a.ring, b.ring)
        };
        match meet {
            LineIntersection::Collinear { intersection }
                if intersection.start != intersection.end =>
            {
                return Err(format!(
                    "{whose} along a side, from ({}, {}) to ({}, {}); not a valid polygon",
                    intersection.start.x,
                    intersection.start.y,
                    intersection.end.x,
                    intersection.end.y
                ));
            }
            LineIntersection::SinglePoint {
                intersection,
                is_proper,
            } if is_proper || (a.ring == b.ring && !a.adjacent(&b)) => {
                let how = if is_proper { "crossing" } else { "touching" };
                return Err(format!(
                    "{whose}, {how} at ({}, {}); not a valid polygon",
                    intersection.x, intersection.y
                ));
            }
            _ => {}
        }
    }
    let outer = geo::Polygon::new(polygon.exterior().clone(), Vec::new());
    for (h, hole) in polygon.interiors().iter().enumerate() {
        if let Some(c) = hole.0.iter().find(|c| !outer.intersects(*c)) {
            return Err(format!(
                "ring {} (a hole) reaches ({}, {}), outside the outer ring; not a valid polygon",
                h + 1,
                c.x,
                c.y
            ));
        }
    }
    Ok(())
}

fn feature_name(f: &geojson::Feature) -> Option<String> {
    let props = f.properties.as_ref()?;
    NAME_KEYS
        .iter()
        .find_map(|k| props.get(*k).and_then(|v| v.as_str()).map(str::to_string))
}

fn selects(f: &geojson::Feature, selector: &str) -> bool {
    let Some(props) = f.properties.as_ref() else {
        return false;
    };
    let same = |v: &serde_json::Value, wanted: &str| match v {
        serde_json::Value::String(s) => normalize(s) == normalize(wanted),
        serde_json::Value::Number(n) => n.to_string() == wanted.trim(),
        _ => false,
    };
    match selector.split_once('=') {
        Some((key, value)) => props
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case(key.trim()) && same(v, value)),
        None => props.values().any(|v| same(v, selector)),
    }
}

#[cfg(test)]
mod tests {
    use super::Region;

    fn region(rings: &str) -> Result<Region, String> {
        let text = format!(r#"{{"type":"Polygon","coordinates":{rings}}}"#);
        Region::from_geojson(&text, "r.geojson", None)
    }

    #[test]
    fn a_valid_polygon_with_a_hole_is_read() {
        region("[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]").unwrap();
        // A hole touching the outer ring at one corner is still valid.
        region("[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[0,0],[3,1],[1,3],[0,0]]]").unwrap();
    }

    #[test]
    fn a_bow_tie_is_refused_with_where_it_crosses() {
        let err = region("[[[0,0],[2,2],[2,0],[0,2],[0,0]]]").unwrap_err();
        assert!(
            err.contains("r.geojson: feature 0: ring 0 meets itself, crossing at (1, 1)"),
            "{err}"
        );
    }

    #[test]
    fn a_hole_bigger_than_its_shell_is_refused() {
        let err = region("[[[4,4],[6,4],[6,6],[4,6],[4,4]],[[0,0],[10,0],[10,10],[0,10],[0,0]]]")
            .unwrap_err();
        assert!(
            err.contains("ring 1 (a hole) reaches (0, 0), outside the outer ring"),
            "{err}"
        );
    }

    #[test]
    fn a_hole_crossing_its_shell_is_refused() {
        let err = region("[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[8,8],[12,8],[12,9],[8,9],[8,8]]]")
            .unwrap_err();
        assert!(err.contains("rings 0 and 1 meet, crossing at"), "{err}");
    }

    #[test]
    fn a_ring_without_area_or_going_back_on_itself_is_refused() {
        let flat = region("[[[0,0],[1,1],[2,2],[0,0]]]").unwrap_err();
        assert!(flat.contains("ring 0 meets itself along a side"), "{flat}");
        let spike = region("[[[0,0],[10,0],[10,10],[10,5],[10,12],[0,10],[0,0]]]").unwrap_err();
        assert!(
            spike.contains("ring 0 meets itself along a side"),
            "{spike}"
        );
        let pinched = region("[[[0,0],[10,0],[5,5],[10,10],[0,10],[5,5],[0,0]]]").unwrap_err();
        assert!(
            pinched.contains("ring 0 meets itself, touching at (5, 5)"),
            "{pinched}"
        );
    }
}
