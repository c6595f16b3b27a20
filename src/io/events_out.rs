//! Writing events: an RFC 7946 FeatureCollection, GeoJSON Text Sequences (RFC 8142) or
//! CSV, all with the columns of [`Event`](crate::event::Event).

use std::io::Write;

use crate::event::{round5, Event};

/// The output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    /// An RFC 7946 FeatureCollection.
    GeoJson,
    /// RFC 8142: one Feature per record, each led by an ASCII record separator.
    GeoJsonSeq,
    /// CSV with a header, `latitude` and `longitude` columns.
    Csv,
}

/// Writes events in the chosen format.
pub fn write_events(
    out: &mut dyn Write,
    events: &[Event],
    format: EventFormat,
) -> anyhow::Result<()> {
    match format {
        EventFormat::GeoJson => {
            out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
            let mut first = true;
            for_each_feature(events, |feature| {
                out.write_all(if first { b"\n" } else { b",\n" })?;
                first = false;
                out.write_all(feature)
            })?;
            out.write_all(b"\n]}\n")?;
        }
        EventFormat::GeoJsonSeq => {
            for_each_feature(events, |feature| {
                out.write_all(b"\x1e")?;
                out.write_all(feature)?;
                out.write_all(b"\n")
            })?;
        }
        EventFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            for e in events {
                let mut row = e.clone();
                row.latitude = round5(row.latitude);
                row.longitude = round5(row.longitude);
                w.serialize(CsvEvent::from(&row))?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// Hands each event's Feature, as JSON, to `write`, in order. Features are written to
/// text a chunk at a time on all threads, so memory holds one chunk of text at most.
fn for_each_feature(
    events: &[Event],
    mut write: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    const CHUNK: usize = 1024;
    for chunk in events.chunks(CHUNK) {
        let texts: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|e| serde_json::to_vec(&e.to_feature()))
            .collect::<Result<_, _>>()?;
        for text in &texts {
            write(text)?;
        }
    }
    Ok(())
}

/// The CSV row: lists joined with "; ".
#[derive(serde::Serialize)]
struct CsvEvent<'a> {
    event_id: &'a str,
    event_date: Option<&'a str>,
    time_precision: Option<u8>,
    event_type: &'a str,
    sub_event_type: &'a str,
    actor1: Option<&'a str>,
    actor2: Option<&'a str>,
    location: &'a str,
    admin1: &'a str,
    country: &'a str,
    country_code: &'a str,
    geo_precision: u8,
    location_basis: &'a str,
    gazetteer_id: &'a str,
    fatalities: Option<u64>,
    fatalities_low: Option<u64>,
    fatalities_high: Option<u64>,
    injuries: Option<u64>,
    injuries_low: Option<u64>,
    injuries_high: Option<u64>,
    sources: String,
    source_count: usize,
    notes: &'a str,
    confidence: f64,
    latitude: f64,
    longitude: f64,
}

impl<'a> From<&'a Event> for CsvEvent<'a> {
    fn from(e: &'a Event) -> Self {
        CsvEvent {
            event_id: &e.event_id,
            event_date: e.event_date.as_deref(),
            time_precision: e.time_precision,
            event_type: &e.event_type,
            sub_event_type: &e.sub_event_type,
            actor1: e.actor1.as_deref(),
            actor2: e.actor2.as_deref(),
            location: &e.location,
            admin1: &e.admin1,
            country: &e.country,
            country_code: &e.country_code,
            geo_precision: e.geo_precision,
            location_basis: &e.location_basis,
            gazetteer_id: &e.gazetteer_id,
            fatalities: e.fatalities,
            fatalities_low: e.fatalities_low,
            fatalities_high: e.fatalities_high,
            injuries: e.injuries,
            injuries_low: e.injuries_low,
            injuries_high: e.injuries_high,
            sources: e.sources.join("; "),
            source_count: e.source_count,
            notes: &e.notes,
            confidence: e.confidence,
            latitude: e.latitude,
            longitude: e.longitude,
        }
    }
}
