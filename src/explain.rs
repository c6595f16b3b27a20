//! Explanations written: for every event, the decisions that made it (the place chosen
//! with the next candidates and each one's score and features, the date and the phrase
//! it came from, every casualty figure considered and why one won, which tellings and
//! articles were fused and why, the confidence and what it was read from), and for every
//! telling that became no event, why. Written by `incimap extract --explain FILE`, as
//! text for a reader or as JSON lines for a program.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::confidence;
use crate::event::Event;
use crate::extract::assemble::Dropped;
use crate::extract::event_type::TypeDecision;
use crate::extract::link::{DateDecision, PlaceDecision, PlaceSource, Vetoed};
use crate::extract::weights::Scored;
use crate::fuse::{Explanation, TollDecision};

/// How an explanation is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text for a reader.
    Text,
    /// One JSON object a line: an `event` line per event, a `dropped` line per telling
    /// left out.
    JsonLines,
}

/// Writes the explanations of `events` (aligned with them) and the tellings left out.
pub fn write(
    w: &mut dyn Write,
    events: &[Event],
    explanations: &[Explanation],
    dropped: &[Dropped],
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Text => {
            for (e, x) in events.iter().zip(explanations) {
                write_event_text(w, e, x)?;
            }
            if !dropped.is_empty() {
                writeln!(w, "Tellings that became no event:")?;
                for d in dropped {
                    writeln!(w, "  {}:{}: {}", d.source, d.line, d.why.why())?;
                    writeln!(w, "      \"{}\"", d.text)?;
                }
            }
            Ok(())
        }
        Format::JsonLines => {
            for (e, x) in events.iter().zip(explanations) {
                serde_json::to_writer(&mut *w, &event_json(e, x))?;
                writeln!(w)?;
            }
            for d in dropped {
                let line = json!({
                    "dropped": {"source": d.source, "line": d.line, "text": d.text},
                    "why": d.why.why(),
                });
                serde_json::to_writer(&mut *w, &line)?;
                writeln!(w)?;
            }
            Ok(())
        }
    }
}

fn scored_text(s: &Scored) -> String {
    let parts: Vec<String> = s
        .contributions()
        .map(|(f, w)| format!("{} {w:+}", f.name()))
        .collect();
    format!("{:.1} = {}", s.score, parts.join(", "))
}

fn source_words(s: PlaceSource) -> &'static str {
    match s {
        PlaceSource::Clause => "named in the clause",
        PlaceSource::BackReference => "referred back to",
        PlaceSource::CityPart => "a part of a city the clause does not name",
        PlaceSource::Paragraph => "lent by the paragraph",
        PlaceSource::Section => "lent by the section heading",
    }
}

fn write_vetoed(w: &mut dyn Write, vetoed: &[Vetoed]) -> io::Result<()> {
    for v in vetoed {
        writeln!(w, "        not a candidate: {:?}: {}", v.written, v.why)?;
    }
    Ok(())
}

fn write_event_text(w: &mut dyn Write, e: &Event, x: &Explanation) -> io::Result<()> {
    writeln!(
        w,
        "{} {} ({}, {}) {:.5},{:.5} {} {} / {}",
        e.event_id,
        e.location,
        e.admin1,
        e.country_code,
        e.latitude,
        e.longitude,
        e.event_date.as_deref().unwrap_or("no date"),
        e.event_type,
        e.sub_event_type
    )?;
    writeln!(
        w,
        "  confidence {:.3}, from: {}",
        e.confidence,
        x.confidence
            .iter()
            .filter(|(n, v)| *v != 0.0 && confidence::weight(n) != 0.0)
            .map(|(n, v)| format!("{n} {v:.2} (×{:+.2})", confidence::weight(n)))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    for r in &x.reports {
        match &r.fused {
            None => writeln!(w, "  report {}", r.source)?,
            Some(why) => writeln!(w, "  report {} fused: {why}", r.source)?,
        }
        for t in &r.tellings {
            writeln!(
                w,
                "    {}:{} ({}): \"{}\"",
                r.source,
                t.line,
                t.join.why(),
                t.text
            )?;
        }
        if let Some(p) = &r.place {
            write_place_text(w, p)?;
        }
        write_date_text(w, r.date.as_ref(), r.resolved_date.as_deref())?;
        if let Some(k) = &r.kind {
            write_type_text(w, k)?;
        }
    }
    for toll in [&x.fatalities, &x.injuries] {
        write_toll_text(w, x, toll)?;
    }
    writeln!(w)
}

fn write_place_text(w: &mut dyn Write, p: &PlaceDecision) -> io::Result<()> {
    writeln!(w, "    place:")?;
    for (i, c) in p.candidates.iter().enumerate() {
        let mark = if p.chosen.first() == Some(&i) {
            "chosen"
        } else if p.chosen.contains(&i) {
            "another incident of the list"
        } else {
            "next"
        };
        writeln!(
            w,
            "      {mark}: {} as {:?}, {} ({}, {}, {}, population {}, gazetteer {}), precision {}, score {}",
            c.place.name,
            c.written,
            source_words(c.source),
            c.place.kind.as_str(),
            c.place.admin1,
            c.place.country_code,
            c.place.population,
            c.place.id,
            c.precision,
            scored_text(&c.scored)
        )?;
    }
    write_vetoed(w, &p.vetoed)
}

/// The type an article's report took: each type's score, then each piece of evidence
/// with its words and what it added.
fn write_type_text(w: &mut dyn Write, k: &TypeDecision) -> io::Result<()> {
    let scores: Vec<String> = k
        .scores
        .iter()
        .map(|(t, s)| format!("{t} {s:.1}"))
        .collect();
    writeln!(
        w,
        "    type: {} / {}, scores {}",
        k.event_type,
        k.sub_event_type,
        scores.join(", ")
    )?;
    for e in &k.evidence {
        let adds: Vec<String> = e.adds.iter().map(|(t, a)| format!("{t} {a:+}")).collect();
        let adds = if adds.is_empty() {
            "no weight".to_string()
        } else {
            adds.join(", ")
        };
        writeln!(w, "      {} ({}): {adds}", e.name, e.words.join(", "))?;
    }
    Ok(())
}

fn type_json(k: &TypeDecision) -> Value {
    json!({
        "event_type": k.event_type,
        "sub_event_type": k.sub_event_type,
        "scores": k.scores.iter().map(|(t, s)| json!([t, s])).collect::<Vec<_>>(),
        "evidence": k.evidence.iter().map(|e| json!({
            "name": e.name,
            "words": e.words,
            "adds": e.adds.iter().map(|(t, a)| json!([t, a])).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn write_date_text(
    w: &mut dyn Write,
    date: Option<&DateDecision>,
    resolved: Option<&str>,
) -> io::Result<()> {
    match (date, resolved) {
        (Some(d), Some(resolved)) => {
            writeln!(w, "    date: {resolved}")?;
            for (i, c) in d.candidates.iter().enumerate() {
                let mark = if d.chosen == Some(i) {
                    "chosen"
                } else {
                    "next"
                };
                writeln!(
                    w,
                    "      {mark}: {:?} ({:?}), score {}",
                    c.phrase,
                    c.source,
                    scored_text(&c.scored)
                )?;
            }
            write_vetoed(w, &d.vetoed)
        }
        (_, Some(resolved)) => writeln!(w, "    date: {resolved}, the day a source spoke of it"),
        _ => writeln!(w, "    date: none found"),
    }
}

fn write_toll_text(w: &mut dyn Write, x: &Explanation, toll: &TollDecision) -> io::Result<()> {
    if toll.candidates.is_empty() {
        return Ok(());
    }
    let what = match toll.role {
        crate::lexicon::CasualtyRole::Killed => "killed",
        crate::lexicon::CasualtyRole::Injured => "injured",
        crate::lexicon::CasualtyRole::Missing => "missing",
    };
    writeln!(
        w,
        "  {what}: {} (range {}–{})",
        toll.value().map_or("-".into(), |v| v.to_string()),
        toll.low.map_or("?".into(), |v| v.to_string()),
        toll.high.map_or("?".into(), |v| v.to_string())
    )?;
    for (i, c) in toll.candidates.iter().enumerate() {
        let mark = if toll.chosen == Some(i) {
            "chosen"
        } else if toll.added == Some(i) {
            "added (the attackers' own dead)"
        } else if toll.more.contains(&i) {
            "added (told as more than it)"
        } else {
            "considered"
        };
        writeln!(
            w,
            "      {mark}: {} ({:?}) from {}:{}, score {}",
            c.figure.value,
            c.figure.specificity,
            c.source,
            line_of_figure(x, &c.source, c.figure.at),
            scored_text(&c.scored)
        )?;
    }
    Ok(())
}

/// The line of the telling a figure came from.
fn line_of_figure(x: &Explanation, source: &str, at: usize) -> usize {
    x.reports
        .iter()
        .filter(|r| r.source == source)
        .flat_map(|r| &r.tellings)
        .filter(|t| t.start <= at)
        .map(|t| (t.start, t.line))
        .max()
        .map_or(0, |(_, line)| line)
}

fn scored_json(s: &Scored) -> Value {
    let features: serde_json::Map<String, Value> = s
        .contributions()
        .map(|(f, w)| (f.name().to_string(), json!(w)))
        .collect();
    json!({"score": s.score, "features": features})
}

fn vetoed_json(v: &[Vetoed]) -> Value {
    v.iter()
        .map(|v| json!({"written": v.written, "why": v.why}))
        .collect()
}

fn event_json(e: &Event, x: &Explanation) -> Value {
    let reports: Vec<Value> = x
        .reports
        .iter()
        .map(|r| {
            let place = r.place.as_ref().map(|p| {
                json!({
                    "candidates": p.candidates.iter().enumerate().map(|(i, c)| json!({
                        "chosen": p.chosen.contains(&i),
                        "name": c.place.name,
                        "written": c.written,
                        "source": source_words(c.source),
                        "gazetteer_id": c.place.id,
                        "kind": c.place.kind.as_str(),
                        "admin1": c.place.admin1,
                        "country_code": c.place.country_code,
                        "population": c.place.population,
                        "lat": c.place.lat,
                        "lon": c.place.lon,
                        "precision": c.precision,
                        "scored": scored_json(&c.scored),
                    })).collect::<Vec<_>>(),
                    "vetoed": vetoed_json(&p.vetoed),
                })
            });
            let date = r.date.as_ref().map(|d| {
                json!({
                    "candidates": d.candidates.iter().enumerate().map(|(i, c)| json!({
                        "chosen": d.chosen == Some(i),
                        "phrase": c.phrase,
                        "source": format!("{:?}", c.source).to_lowercase(),
                        "scored": scored_json(&c.scored),
                    })).collect::<Vec<_>>(),
                    "vetoed": vetoed_json(&d.vetoed),
                })
            });
            json!({
                "source": r.source,
                "fused": r.fused,
                "tellings": r.tellings.iter().map(|t| json!({
                    "line": t.line, "text": t.text, "join": t.join.why(),
                })).collect::<Vec<_>>(),
                "place": place,
                "date": date,
                "resolved_date": r.resolved_date,
                "type": r.kind.as_ref().map(type_json),
            })
        })
        .collect();
    let toll = |t: &TollDecision| {
        json!({
            "value": t.value(),
            "low": t.low,
            "high": t.high,
            "candidates": t.candidates.iter().enumerate().map(|(i, c)| json!({
                "chosen": t.chosen == Some(i),
                "added": t.added == Some(i) || t.more.contains(&i),
                "value": c.figure.value,
                "high": c.figure.high,
                "specificity": format!("{:?}", c.figure.specificity),
                "source": c.source,
                "line": line_of_figure(x, &c.source, c.figure.at),
                "scored": scored_json(&c.scored),
            })).collect::<Vec<_>>(),
        })
    };
    let confidence: serde_json::Map<String, Value> = x
        .confidence
        .iter()
        .map(|(n, v)| (n.to_string(), json!(v)))
        .collect();
    json!({
        "event": {
            "event_id": e.event_id,
            "location": e.location,
            "country_code": e.country_code,
            "latitude": e.latitude,
            "longitude": e.longitude,
            "event_date": e.event_date,
            "event_type": e.event_type,
            "fatalities": e.fatalities,
            "confidence": e.confidence,
        },
        "confidence_features": confidence,
        "reports": reports,
        "fatalities": toll(&x.fatalities),
        "injuries": toll(&x.injuries),
    })
}
