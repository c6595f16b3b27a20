//! Which events a query keeps: by date, type, toll, country, actor and confidence. The
//! same filter reads incimap's own output and ACLED's export columns.

use chrono::NaiveDate;

/// The fields of one event a filter looks at, borrowed from its properties or CSV row.
#[derive(Debug, Default, Clone, Copy)]
pub struct EventFields<'a> {
    /// `event_date`: `YYYY-MM-DD` (optionally with a time) or ACLED's `15 January 2024`.
    pub event_date: Option<&'a str>,
    /// `event_type`.
    pub event_type: Option<&'a str>,
    /// `sub_event_type`.
    pub sub_event_type: Option<&'a str>,
    /// `fatalities`.
    pub fatalities: Option<f64>,
    /// `country_code` (ISO 3166-1 alpha-2).
    pub country_code: Option<&'a str>,
    /// `country`, a name.
    pub country: Option<&'a str>,
    /// `actor1`.
    pub actor1: Option<&'a str>,
    /// `actor2`.
    pub actor2: Option<&'a str>,
    /// `confidence`: the calibrated probability, in [0, 1], that the event is a real
    /// incident placed within tolerance (incimap's own output; ACLED has none).
    pub confidence: Option<f64>,
}

/// A conjunction of conditions; an empty filter keeps everything. An event that lacks a
/// field a condition needs (no date under `since`, no toll under `min_fatalities`, no
/// `confidence` under `min_confidence`) is not kept.
///
/// ```
/// use incimap::filter::{EventFields, EventFilter};
/// let filter = EventFilter {
///     since: Some("2024-01-01".parse().unwrap()),
///     types: vec!["battles".into()],
///     countries: vec!["ml".into(), "mali".into()],
///     min_confidence: Some(0.8),
///     ..EventFilter::default()
/// };
/// let event = EventFields {
///     event_date: Some("2024-07-27"),
///     event_type: Some("Battles"),
///     country: Some("Mali"),
///     confidence: Some(0.9),
///     ..EventFields::default()
/// };
/// assert!(filter.matches(&event));
/// assert!(!filter.matches(&EventFields { event_date: Some("2023-12-31"), ..event }));
/// assert!(!filter.matches(&EventFields { confidence: Some(0.5), ..event }));
/// assert!(!filter.matches(&EventFields { confidence: None, ..event }));
/// ```
#[derive(Debug, Default, Clone)]
pub struct EventFilter {
    /// The earliest date kept.
    pub since: Option<NaiveDate>,
    /// The latest date kept.
    pub until: Option<NaiveDate>,
    /// Event types or sub-event types, lower case; any one matches.
    pub types: Vec<String>,
    /// The smallest toll kept.
    pub min_fatalities: Option<u64>,
    /// Country codes or names, lower case; any one matches.
    pub countries: Vec<String>,
    /// Words an actor's name contains, lower case; any one matches either actor.
    pub actors: Vec<String>,
    /// The smallest `confidence` kept, in [0, 1].
    pub min_confidence: Option<f64>,
}

impl EventFilter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.since.is_none()
            && self.until.is_none()
            && self.types.is_empty()
            && self.min_fatalities.is_none()
            && self.countries.is_empty()
            && self.actors.is_empty()
            && self.min_confidence.is_none()
    }

    /// Whether the event passes every condition.
    pub fn matches(&self, e: &EventFields) -> bool {
        if self.since.is_some() || self.until.is_some() {
            let Some(date) = e.event_date.and_then(parse_event_date) else {
                return false;
            };
            if self.since.is_some_and(|s| date < s) || self.until.is_some_and(|u| date > u) {
                return false;
            }
        }
        if !self.types.is_empty() {
            let kinds = [e.event_type, e.sub_event_type];
            if !kinds
                .iter()
                .flatten()
                .any(|k| self.types.iter().any(|t| k.trim().eq_ignore_ascii_case(t)))
            {
                return false;
            }
        }
        if let Some(min) = self.min_fatalities {
            if !e.fatalities.is_some_and(|f| f >= min as f64) {
                return false;
            }
        }
        if !self.countries.is_empty() {
            let names = [e.country_code, e.country];
            if !names.iter().flatten().any(|n| {
                self.countries
                    .iter()
                    .any(|c| n.trim().eq_ignore_ascii_case(c))
            }) {
                return false;
            }
        }
        if !self.actors.is_empty() {
            let actors = [e.actor1, e.actor2];
            if !actors.iter().flatten().any(|a| {
                let a = a.to_lowercase();
                self.actors.iter().any(|w| a.contains(w.as_str()))
            }) {
                return false;
            }
        }
        if let Some(min) = self.min_confidence {
            if !e.confidence.is_some_and(|c| c >= min) {
                return false;
            }
        }
        true
    }
}

/// Reads an event date: `YYYY-MM-DD` (a time after it is ignored), `15 January 2024` or
/// `January 15, 2024`.
///
/// ```
/// use incimap::filter::parse_event_date;
/// let d = chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
/// assert_eq!(parse_event_date("2024-01-15"), Some(d));
/// assert_eq!(parse_event_date("2024-01-15T08:00:00Z"), Some(d));
/// assert_eq!(parse_event_date("15 January 2024"), Some(d));
/// assert_eq!(parse_event_date("soon"), None);
/// ```
pub fn parse_event_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(day) = t.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            return Some(d);
        }
    }
    ["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y/%m/%d", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_confidence_keeps_events_at_or_above_it_and_drops_those_without() {
        let filter = EventFilter {
            min_confidence: Some(0.8),
            ..EventFilter::default()
        };
        assert!(!filter.is_empty());
        let with = |c: Option<f64>| EventFields {
            confidence: c,
            ..EventFields::default()
        };
        assert!(filter.matches(&with(Some(0.9))));
        assert!(filter.matches(&with(Some(0.8))));
        assert!(filter.matches(&with(Some(1.0))));
        assert!(!filter.matches(&with(Some(0.5))));
        assert!(!filter.matches(&with(Some(f64::NAN))));
        assert!(!filter.matches(&with(None)));
    }

    #[test]
    fn an_empty_filter_keeps_events_without_confidence() {
        let filter = EventFilter::default();
        assert!(filter.is_empty());
        assert!(filter.matches(&EventFields::default()));
        let zero = EventFilter {
            min_confidence: Some(0.0),
            ..EventFilter::default()
        };
        assert!(!zero.is_empty());
        assert!(zero.matches(&EventFields {
            confidence: Some(0.0),
            ..EventFields::default()
        }));
        assert!(!zero.matches(&EventFields::default()));
    }
}
