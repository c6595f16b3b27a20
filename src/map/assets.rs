//! The files a map page is made of, compiled into the binary: Leaflet and its marker
//! clusters, the Natural Earth basemap, and the page's own template, script and style. Each vendored file is the registry package's file as published
//! (see `assets/map/README.md`); only a trailing source-map comment is left out of the
//! page, since no map file ships with it.

/// Leaflet 1.9.4 (BSD-2-Clause), npm `leaflet`.
const LEAFLET_JS: &str = include_str!("../../assets/map/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../../assets/map/leaflet/leaflet.css");
/// Leaflet.markercluster 1.5.3 (MIT), npm `leaflet.markercluster`.
const MARKERCLUSTER_JS: &str =
    include_str!("../../assets/map/leaflet.markercluster/leaflet.markercluster.js");
const MARKERCLUSTER_CSS: &str =
    include_str!("../../assets/map/leaflet.markercluster/MarkerCluster.css");
/// The page's own script and style.
const PAGE_JS: &str = include_str!("../../assets/map/page.js");
const PAGE_CSS: &str = include_str!("../../assets/map/page.css");

/// The page's HTML with `{{name}}` holes.
pub const TEMPLATE: &str = include_str!("../../assets/map/page.html");

/// Natural Earth country outlines, admin-1 lines and country label points as TopoJSON,
/// made by `assets/map/basemap/make.sh`.
pub const BASEMAP_TOPOJSON: &str = include_str!("../../assets/map/basemap/natural-earth.topo.json");

/// The inline scripts in the order the page runs them.
pub fn scripts() -> [&'static str; 3] {
    [
        without_source_map(LEAFLET_JS),
        without_source_map(MARKERCLUSTER_JS),
        PAGE_JS,
    ]
}

/// The style sheets in the order the page applies them.
pub fn styles() -> [&'static str; 3] {
    [LEAFLET_CSS, MARKERCLUSTER_CSS, PAGE_CSS]
}

/// A script without its last line when that is a `//# sourceMappingURL=` comment.
fn without_source_map(js: &str) -> &str {
    let body = js.trim_end();
    match body.rfind('\n') {
        Some(i) if body[i + 1..].starts_with("//# sourceMappingURL=") => &body[..=i],
        _ => js,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_asset_can_end_its_element_early() {
        for js in scripts() {
            let lower = js.to_ascii_lowercase();
            assert!(!lower.contains("</script") && !lower.contains("<!--"));
            assert!(!lower.contains("sourcemappingurl"));
        }
        for css in styles() {
            assert!(!css.to_ascii_lowercase().contains("</style"));
        }
    }

    #[test]
    fn the_basemap_has_its_three_layers() {
        let topo: serde_json::Value = serde_json::from_str(BASEMAP_TOPOJSON).unwrap();
        for layer in ["countries", "admin1", "labels"] {
            assert!(topo["objects"][layer]["geometries"].is_array(), "{layer}");
        }
        // Written into its <script> element as it is, so it must need no escaping.
        assert!(!BASEMAP_TOPOJSON.contains(['<', '>', '&']));
    }
}
