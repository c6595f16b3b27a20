//! The quick-look map: one self-contained HTML page that draws events over an embedded
//! Natural Earth basemap with Leaflet. It works offline and asks for nothing over the
//! network: the map library, the basemap and the events are all in the file, and its
//! Content-Security-Policy ([`csp`]) refuses any fetch and any script but its own.
//!
//! The events are embedded as the GeoJSON FeatureCollection they were read as, in a
//! `<script type="application/json" id="incimap-events">` element ([`escape`]), with each
//! event's day worked out here (so that ACLED's "15 January 2024" sorts with ISO dates).
//! `assets/map/page.js` draws them: a circle per event sized by fatalities and coloured
//! by event type, dashed when the place is approximate, clustered where they overlap,
//! with a popup, a legend, a date range and type toggles.

mod assets;
pub mod csp;
pub mod escape;
pub mod source_links;

use std::io::Write;

use anyhow::bail;

use crate::filter::parse_event_date;

/// What a page shows besides its events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// The page's title, shown in its tab and over the legend.
    pub title: String,
    /// The prefix that makes a source name a link (see [`source_links`]), if any.
    pub source_link_prefix: Option<String>,
    /// How many input features were left out for want of a usable point.
    pub skipped_features: usize,
}

/// Writes the page for Point features (as `EventSet::feature` gives them).
///
/// ```
/// use incimap::map::{write_page, PageOptions};
/// let feature: geojson::Feature = serde_json::from_str(r#"{"type":"Feature","id":"ev-1",
///   "geometry":{"type":"Point","coordinates":[-7.98,12.61]},
///   "properties":{"event_date":"2024-09-17","event_type":"Battles","notes":"</script>"}}"#).unwrap();
/// let options = PageOptions { title: "Bamako <test>".into(), ..PageOptions::default() };
/// let mut page = Vec::new();
/// write_page(&mut page, &[feature], &options).unwrap();
/// let page = String::from_utf8(page).unwrap();
/// assert!(page.contains("<title>Bamako &lt;test&gt;</title>"));
/// assert!(page.contains(r#""id":"ev-1""#));
/// assert!(page.contains(r#""days":[19983]"#));
/// assert!(!page.contains("\"</script>"));
/// ```
pub fn write_page(
    out: &mut dyn Write,
    features: &[geojson::Feature],
    options: &PageOptions,
) -> anyhow::Result<()> {
    let scripts = assets::scripts();
    let mut rest = assets::TEMPLATE;
    while let Some(start) = rest.find("{{") {
        out.write_all(&rest.as_bytes()[..start])?;
        let Some(length) = rest[start..].find("}}") else {
            bail!("the map page template has an unclosed {{{{");
        };
        match &rest[start + 2..start + length] {
            "csp" => out.write_all(escape::html_text(&csp::policy(&scripts)).as_bytes())?,
            "generator" => write!(out, "incimap {}", env!("CARGO_PKG_VERSION"))?,
            "title" => out.write_all(escape::html_text(&options.title).as_bytes())?,
            "style" => {
                for style in assets::styles() {
                    writeln!(out, "{style}")?;
                }
            }
            "data" => write_data(out, features, options)?,
            "scripts" => {
                for script in scripts {
                    writeln!(out, "<script>{script}</script>")?;
                }
            }
            other => bail!("the map page template has an unknown hole {{{{{other}}}}}"),
        }
        rest = &rest[start + length + 2..];
    }
    out.write_all(rest.as_bytes())?;
    Ok(())
}

/// The three JSON elements: the page's settings with each event's day, the events, and
/// the basemap.
fn write_data(
    out: &mut dyn Write,
    features: &[geojson::Feature],
    options: &PageOptions,
) -> anyhow::Result<()> {
    let days: Vec<Option<i64>> = features.iter().map(day_of).collect();
    let config = serde_json::json!({
        "title": options.title,
        "sourceLinkPrefix": options.source_link_prefix,
        "skipped": options.skipped_features,
        "days": days,
    });
    out.write_all(br#"<script type="application/json" id="incimap-config">"#)?;
    escape::write_script_json(out, &config)?;
    out.write_all(b"</script>\n")?;
    out.write_all(br#"<script type="application/json" id="incimap-events">{"type":"FeatureCollection","features":["#)?;
    for (i, feature) in features.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        escape::write_script_json(out, feature)?;
    }
    out.write_all(b"\n]}</script>\n")?;
    out.write_all(br#"<script type="application/json" id="incimap-basemap">"#)?;
    out.write_all(assets::BASEMAP_TOPOJSON.trim_end().as_bytes())?;
    out.write_all(b"</script>\n")?;
    Ok(())
}

/// The event's day as days since 1970-01-01, from its `event_date` in any form
/// [`parse_event_date`] reads; `None` when it has none.
fn day_of(feature: &geojson::Feature) -> Option<i64> {
    let text = feature.property("event_date")?.as_str()?;
    let date = parse_event_date(text)?;
    let epoch = chrono::NaiveDate::default(); // 1970-01-01
    Some(date.signed_duration_since(epoch).num_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(date: serde_json::Value) -> geojson::Feature {
        serde_json::from_value(serde_json::json!({"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [0.0, 0.0]},
            "properties": {"event_date": date}}))
        .unwrap()
    }

    #[test]
    fn days_read_iso_and_acled_dates_and_none_for_the_rest() {
        assert_eq!(day_of(&feature("1970-01-02".into())), Some(1));
        assert_eq!(
            day_of(&feature("15 January 2024".into())),
            day_of(&feature("2024-01-15".into()))
        );
        assert_eq!(day_of(&feature(serde_json::Value::Null)), None);
        assert_eq!(day_of(&feature("soon".into())), None);
    }

    #[test]
    fn every_hole_of_the_template_is_filled() {
        let mut page = Vec::new();
        write_page(&mut page, &[], &PageOptions::default()).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(!page.contains("{{") && page.ends_with("</html>\n"));
    }
}
