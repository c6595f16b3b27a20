//! The checks an events file's known fields pass when it is read, whatever the query:
//! a date is a day of the calendar (a slash date only with a day-or-month-first order),
//! and a count (`fatalities`, `injuries`, `source_count`, the precisions) is a whole
//! number, not negative.

use std::str::FromStr;

use chrono::NaiveDate;

use super::columns::{Kind, INCIMAP};

/// Which number comes first in a slash date such as `03/04/2024`: the day (`dmy`, 3 April)
/// or the month (`mdy`, 4 March). Without one, a slash date is refused as ambiguous.
///
/// ```
/// use incimap::io::fields::DateOrder;
/// assert_eq!("dmy".parse::<DateOrder>(), Ok(DateOrder::DayFirst));
/// assert_eq!("MDY".parse::<DateOrder>(), Ok(DateOrder::MonthFirst));
/// assert!("ymd".parse::<DateOrder>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `DD/MM/YYYY`.
    DayFirst,
    /// `MM/DD/YYYY`.
    MonthFirst,
}

impl FromStr for DateOrder {
    type Err = String;

    fn from_str(text: &str) -> Result<DateOrder, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dmy" => Ok(DateOrder::DayFirst),
            "mdy" => Ok(DateOrder::MonthFirst),
            other => Err(format!("date order '{other}': expected dmy or mdy")),
        }
    }
}

/// Reads an event date: `YYYY-MM-DD` (a time after it ignored), `YYYY/MM/DD`,
/// `15 January 2024`, `January 15, 2024`, or with `order` a slash date `DD/MM/YYYY` or
/// `MM/DD/YYYY`. The error says why the text is no date: not a day of the calendar
/// (`2024-02-30`), a slash date without an order, or no form it knows.
///
/// ```
/// use incimap::io::fields::{check_date, DateOrder};
/// let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(check_date("2024-01-15", None), Ok(day(2024, 1, 15)));
/// assert_eq!(check_date("03/04/2024", Some(DateOrder::DayFirst)), Ok(day(2024, 4, 3)));
/// assert_eq!(check_date("03/04/2024", Some(DateOrder::MonthFirst)), Ok(day(2024, 3, 4)));
/// assert!(check_date("03/04/2024", None).unwrap_err().contains("--date-order"));
/// assert!(check_date("2024-02-30", None).unwrap_err().contains("no day of the calendar"));
/// assert!(check_date("soon", None).is_err());
/// ```
pub fn check_date(text: &str, order: Option<DateOrder>) -> Result<NaiveDate, String> {
    let t = text.trim();
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
                .ok_or_else(|| format!("event_date '{t}' is no day of the calendar"));
        }
    }
    let parts: Vec<&str> = t.split('/').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    {
        let n: Vec<u32> = parts
            .iter()
            .map(|p| p.parse().unwrap_or(u32::MAX))
            .collect();
        let (y, m, d) = if parts[0].len() == 4 {
            (n[0], n[1], n[2])
        } else {
            match order {
                Some(DateOrder::DayFirst) => (n[2], n[1], n[0]),
                Some(DateOrder::MonthFirst) => (n[2], n[0], n[1]),
                None => {
                    return Err(format!(
                        "event_date '{t}' is a slash date, day or month first: give --date-order dmy or mdy"
                    ))
                }
            }
        };
        return i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            .ok_or_else(|| format!("event_date '{t}' is no day of the calendar"));
    }
    ["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .ok_or_else(|| {
            format!("event_date '{t}' is no date (expected YYYY-MM-DD or '15 January 2024')")
        })
}

/// Whether a property of this name is a count: one of incimap's whole-number fields.
///
/// ```
/// use incimap::io::fields::is_count;
/// assert!(is_count("fatalities") && is_count("source_count"));
/// assert!(!is_count("confidence") && !is_count("notes"));
/// ```
pub fn is_count(name: &str) -> bool {
    INCIMAP
        .iter()
        .any(|(n, k)| *n == name && matches!(k, Kind::Integer { .. }))
}

/// Reads a count written as text (a CSV cell): a whole number, not negative.
///
/// ```
/// use incimap::io::fields::check_count;
/// assert_eq!(check_count("fatalities", "12"), Ok(12));
/// assert!(check_count("fatalities", "-5").unwrap_err().contains("not negative"));
/// assert!(check_count("fatalities", "many").is_err());
/// ```
pub fn check_count(name: &str, text: &str) -> Result<u64, String> {
    let t = text.trim();
    t.parse::<u64>().map_err(|_| count_error(name, t))
}

/// The error of a count that is not a whole number at least 0, `shown` as written.
pub fn count_error(name: &str, shown: &str) -> String {
    format!("{name} {shown} is not a count (a whole number, not negative)")
}
