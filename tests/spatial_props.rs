//! Property tests: the index answers exactly as a brute-force scan does, on random points
//! that crowd the antimeridian and the poles and repeat positions (so ties happen).

use incimap::distance::Metric;
use incimap::spatial::region::BBox;
use incimap::spatial::{brute, index::PointIndex, LatLon};
use proptest::prelude::*;

fn lat_lon() -> impl Strategy<Value = LatLon> {
    prop_oneof![
        (-90.0..=90.0f64, -180.0..=180.0f64).prop_map(|(lat, lon)| LatLon { lat, lon }),
        (
            -30.0..=30.0f64,
            prop_oneof![179.0..=180.0f64, -180.0..=-179.0f64]
        )
            .prop_map(|(lat, lon)| LatLon { lat, lon }),
        (
            prop_oneof![88.0..=90.0f64, -90.0..=-88.0f64],
            -180.0..=180.0f64
        )
            .prop_map(|(lat, lon)| LatLon { lat, lon }),
        (10.0..=11.0f64, -8.0..=-7.0f64).prop_map(|(lat, lon)| LatLon { lat, lon }),
    ]
}

/// Points with repeats: every third point copies an earlier one.
fn points() -> impl Strategy<Value = Vec<LatLon>> {
    prop::collection::vec(lat_lon(), 1..400).prop_map(|mut pts| {
        for i in (3..pts.len()).step_by(3) {
            pts[i] = pts[i / 3];
        }
        pts
    })
}

fn radius_km() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0..50.0f64,
        50.0..1000.0f64,
        1000.0..7000.0f64,
        7000.0..21000.0f64
    ]
}

fn bbox() -> impl Strategy<Value = BBox> {
    (
        -180.0..=180.0f64,
        -180.0..=180.0f64,
        -90.0..=90.0f64,
        -90.0..=90.0f64,
    )
        .prop_map(|(w, e, a, b)| BBox::new(w, a.min(b), e, a.max(b)).expect("a valid box"))
}

fn ids(hits: &[incimap::spatial::Hit]) -> Vec<u32> {
    hits.iter().map(|h| h.index).collect()
}

fn by_index(a: u32, b: u32) -> std::cmp::Ordering {
    a.cmp(&b)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn near_equals_brute_force(pts in points(), center in lat_lon(), radius in radius_km()) {
        let index = PointIndex::new(pts.clone());
        let fast = index.near(center, radius, Metric::Haversine, &by_index);
        let slow = brute::near(&pts, center, radius, Metric::Haversine, &by_index);
        prop_assert_eq!(ids(&fast), ids(&slow));
    }

    #[test]
    fn nearest_equals_brute_force(pts in points(), center in lat_lon(), k in 0usize..40) {
        let index = PointIndex::new(pts.clone());
        let fast = index.nearest(center, k, Metric::Haversine, &by_index);
        let slow = brute::nearest(&pts, center, k, Metric::Haversine, &by_index);
        prop_assert_eq!(ids(&fast), ids(&slow));
    }

    #[test]
    fn bbox_equals_brute_force(pts in points(), b in bbox()) {
        let index = PointIndex::new(pts.clone());
        prop_assert_eq!(index.within_bbox(&b), brute::within_bbox(&pts, &b));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn geodesic_answers_equal_brute_force(pts in points(), center in lat_lon(), radius in radius_km(), k in 1usize..20) {
        let index = PointIndex::new(pts.clone());
        let near = index.near(center, radius, Metric::Geodesic, &by_index);
        prop_assert_eq!(ids(&near), ids(&brute::near(&pts, center, radius, Metric::Geodesic, &by_index)));
        let nearest = index.nearest(center, k, Metric::Geodesic, &by_index);
        prop_assert_eq!(ids(&nearest), ids(&brute::nearest(&pts, center, k, Metric::Geodesic, &by_index)));
    }
}

#[test]
fn radius_around_the_antimeridian_reaches_the_other_side() {
    let pts = vec![
        LatLon {
            lat: 0.0,
            lon: -179.9,
        },
        LatLon {
            lat: 0.0,
            lon: 178.0,
        },
        LatLon { lat: 0.0, lon: 0.0 },
    ];
    let index = PointIndex::new(pts);
    let hits = index.near(
        LatLon {
            lat: 0.0,
            lon: 179.9,
        },
        300.0,
        Metric::Haversine,
        &by_index,
    );
    assert_eq!(ids(&hits), vec![0, 1]);
    assert!((hits[0].distance_km - 22.24).abs() < 0.01, "{hits:?}");
}

#[test]
fn radius_at_the_pole_covers_every_longitude() {
    let pts: Vec<LatLon> = (-180..180)
        .step_by(30)
        .map(|lon| LatLon {
            lat: 89.5,
            lon: lon as f64,
        })
        .collect();
    let index = PointIndex::new(pts.clone());
    let hits = index.near(
        LatLon {
            lat: 90.0,
            lon: 0.0,
        },
        60.0,
        Metric::Haversine,
        &by_index,
    );
    assert_eq!(hits.len(), pts.len());
}

#[test]
fn radius_beyond_half_the_globe_finds_the_antipode() {
    let pts = vec![
        LatLon {
            lat: -12.6,
            lon: 172.0,
        },
        LatLon {
            lat: 12.6,
            lon: -8.0,
        },
    ];
    let index = PointIndex::new(pts);
    let hits = index.near(
        LatLon {
            lat: 12.6,
            lon: -8.0,
        },
        20_100.0,
        Metric::Haversine,
        &by_index,
    );
    assert_eq!(ids(&hits), vec![1, 0]);
    let hits = index.near(
        LatLon {
            lat: 12.6,
            lon: -8.0,
        },
        6_000.0,
        Metric::Haversine,
        &by_index,
    );
    assert_eq!(ids(&hits), vec![1]);
}
