//! `gazetteer import`: builds an extra gazetteer from GeoNames dump files (the 19-column
//! tab-separated layout of `allCountries.txt` and of country files such as `ML.txt`),
//! as text or in the zip files GeoNames serves (`ML.zip`, `cities500.zip`).
//!
//! Feature classes P and A are kept, and the S, H and L codes that conflict news names
//! (bases, camps, airports, wells, mines, localities); `gazetteer/feature_codes.tsv` lists
//! them with the kind each becomes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::index::{build_index, Kind, PlaceRow};
use super::GazetteerError;

const FEATURE_CODES: &str = include_str!("../../gazetteer/feature_codes.tsv");

/// The first-level divisions of the shipped gazetteer by GeoNames code ("ML.09\tGao"),
/// written by `build.rs`.
const SHIPPED_ADMIN1: &str = include_str!(concat!(env!("OUT_DIR"), "/admin1_codes.tsv"));

/// What an import read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// Lines read.
    pub lines: usize,
    /// Places kept.
    pub places: usize,
    /// Lines of feature codes incimap does not keep.
    pub skipped_features: usize,
    /// Malformed lines skipped (with `skip_bad`).
    pub bad_lines: usize,
}

/// The kind a GeoNames feature class and code becomes, or None when it is not kept.
///
/// ```
/// use incimap::gazetteer::{import::kind_of_feature, Kind};
/// assert_eq!(kind_of_feature("P", "PPLA"), Some(Kind::AdminSeat));
/// assert_eq!(kind_of_feature("P", "PPL"), Some(Kind::PopulatedPlace));
/// assert_eq!(kind_of_feature("S", "MILB"), Some(Kind::Military));
/// assert_eq!(kind_of_feature("T", "MT"), None);
/// ```
pub fn kind_of_feature(class: &str, code: &str) -> Option<Kind> {
    let mut wildcard = None;
    for line in FEATURE_CODES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let (Some(key), Some(kind)) = (cols.next(), cols.next()) else {
            continue;
        };
        let Some((c, f)) = key.split_once('.') else {
            continue;
        };
        if c != class {
            continue;
        }
        if f == code {
            return Kind::parse(kind.trim());
        }
        if f == "*" {
            wildcard = Kind::parse(kind.trim());
        }
    }
    wildcard
}

/// Reads GeoNames `admin1CodesASCII.txt` (code, name, ascii name, geonameid) into a map
/// from "CC.XX" to the division's name.
pub fn read_admin1_names(path: &Path) -> Result<HashMap<String, String>, GazetteerError> {
    let io = |e: std::io::Error| GazetteerError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut names = HashMap::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || !cols[0].contains('.') {
            return Err(GazetteerError::BadLine {
                path: path.display().to_string(),
                line: n + 1,
                why: "expected 'CC.XX<TAB>name…' (admin1CodesASCII.txt)".into(),
            });
        }
        names.insert(cols[0].to_string(), cols[1].to_string());
    }
    Ok(names)
}

/// The names the shipped gazetteer gives the first-level divisions, by GeoNames code
/// ("CC.XX"): what an import names each place's division by when no `admin1CodesASCII.txt`
/// is given, so that an imported village and the region the text names agree
/// ("Tillabéri", not "NE.09").
///
/// ```
/// let names = incimap::gazetteer::import::shipped_admin1_names();
/// assert_eq!(names.get("ML.09").map(String::as_str), Some("Gao"));
/// assert_eq!(names.get("NE.09").map(String::as_str), Some("Tillabéri"));
/// ```
pub fn shipped_admin1_names() -> HashMap<String, String> {
    SHIPPED_ADMIN1
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(code, name)| (code.to_string(), name.to_string()))
        .collect()
}

fn parse_line(
    line: &str,
    admin1_names: &HashMap<String, String>,
) -> Result<Option<PlaceRow>, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 19 {
        return Err(format!(
            "{} columns, expected the 19 of a GeoNames dump",
            cols.len()
        ));
    }
    let id: u32 = cols[0]
        .parse()
        .map_err(|_| format!("geonameid {:?} is not a number", cols[0]))?;
    let lat: f64 = cols[4]
        .parse()
        .map_err(|_| format!("latitude {:?} is not a number", cols[4]))?;
    let lon: f64 = cols[5]
        .parse()
        .map_err(|_| format!("longitude {:?} is not a number", cols[5]))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates {lat}, {lon} are out of range"));
    }
    let Some(kind) = kind_of_feature(cols[6], cols[7]) else {
        return Ok(None);
    };
    let cc = cols[8];
    if cc.len() != 2 {
        return Err(format!("country code {cc:?} is not two letters"));
    }
    let code = format!("{cc}.{}", cols[10]);
    let admin1 = admin1_names.get(&code).cloned().unwrap_or_else(|| {
        if cols[10].is_empty() {
            String::new()
        } else {
            code
        }
    });
    let name = cols[1].to_string();
    let mut alternate_names: Vec<String> = std::iter::once(cols[2])
        .chain(cols[3].split(','))
        .map(str::trim)
        .filter(|a| !a.is_empty() && *a != name && keep_alternate(a))
        .map(str::to_string)
        .collect();
    alternate_names.sort();
    alternate_names.dedup();
    Ok(Some(PlaceRow {
        id: id.to_string(),
        name,
        lat,
        lon,
        country_code: cc.to_string(),
        admin1,
        kind,
        population: cols[14].parse().unwrap_or(0),
        alternate_names,
    }))
}

/// Latin-script names people write: no airport codes, no lower-case machine romanisations.
fn keep_alternate(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic());
    let mut any = false;
    for c in letters {
        any = true;
        if !c.is_ascii() && deunicode::deunicode_char(c).is_none_or(|a| a.len() > 2) {
            return false;
        }
    }
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let is_code = name.chars().all(|c| !c.is_lowercase()) && compact.chars().count() <= 4;
    any && !is_code && name != name.to_lowercase()
}

/// Reads GeoNames dump files into place rows: the text files (`ML.txt`,
/// `allCountries.txt`) or the zip files GeoNames serves them in (`ML.zip`,
/// `cities500.zip`), whose dump is read where it lies. A malformed line is an error
/// naming file:line (`ML.zip:ML.txt:12` inside a zip), unless `skip_bad` (then it is
/// counted in the stats).
pub fn read_dumps(
    paths: &[&Path],
    admin1_names: &HashMap<String, String>,
    skip_bad: bool,
) -> Result<(Vec<PlaceRow>, ImportStats), GazetteerError> {
    let mut rows = Vec::new();
    let mut stats = ImportStats::default();
    for path in paths {
        let name = path.display().to_string();
        let io = |e: std::io::Error| GazetteerError::Io {
            path: name.clone(),
            source: e,
        };
        let mut file = std::fs::File::open(path).map_err(io)?;
        if !is_zip(&mut file).map_err(io)? {
            let mut dump = Dump::new(&name, admin1_names, skip_bad, &mut rows, &mut stats);
            dump.read(BufReader::new(file))?;
            continue;
        }
        let mut archive = zip::ZipArchive::new(file).map_err(|e| GazetteerError::Format {
            path: name.clone(),
            why: format!("not a readable zip file ({e})"),
        })?;
        let inner = dump_in_zip(&archive).ok_or_else(|| GazetteerError::Format {
            path: name.clone(),
            why: "the zip holds no GeoNames dump (a .txt file other than readme.txt)".into(),
        })?;
        let entry = archive
            .by_name(&inner)
            .map_err(|e| GazetteerError::Format {
                path: name.clone(),
                why: format!("{inner}: {e}"),
            })?;
        let label = format!("{name}:{inner}");
        let mut dump = Dump::new(&label, admin1_names, skip_bad, &mut rows, &mut stats);
        dump.read(BufReader::new(entry))?;
    }
    stats.places = rows.len();
    Ok((rows, stats))
}

/// True when a file starts like a zip file; the file is rewound either way.
fn is_zip(file: &mut std::fs::File) -> std::io::Result<bool> {
    use std::io::{Read, Seek};
    let mut magic = [0u8; 4];
    let n = file.read(&mut magic)?;
    file.rewind()?;
    // A local file header, or the end record that is all an empty zip holds.
    Ok(n == 4 && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06"))
}

/// The dump inside a GeoNames zip: its one text file that is not the readme.
fn dump_in_zip<R: std::io::Read + std::io::Seek>(archive: &zip::ZipArchive<R>) -> Option<String> {
    archive
        .file_names()
        .filter(|n| {
            let lower = n.to_ascii_lowercase();
            lower.ends_with(".txt") && !lower.ends_with("readme.txt")
        })
        .min()
        .map(str::to_string)
}

/// One dump being read into the rows and stats of an import.
struct Dump<'a> {
    label: &'a str,
    admin1_names: &'a HashMap<String, String>,
    skip_bad: bool,
    rows: &'a mut Vec<PlaceRow>,
    stats: &'a mut ImportStats,
}

impl<'a> Dump<'a> {
    fn new(
        label: &'a str,
        admin1_names: &'a HashMap<String, String>,
        skip_bad: bool,
        rows: &'a mut Vec<PlaceRow>,
        stats: &'a mut ImportStats,
    ) -> Self {
        Dump {
            label,
            admin1_names,
            skip_bad,
            rows,
            stats,
        }
    }

    fn read(&mut self, mut reader: impl BufRead) -> Result<(), GazetteerError> {
        let io = |e: std::io::Error| GazetteerError::Io {
            path: self.label.to_string(),
            source: e,
        };
        let mut buf = Vec::new();
        let mut n = 0;
        loop {
            buf.clear();
            if reader.read_until(b'\n', &mut buf).map_err(io)? == 0 {
                return Ok(());
            }
            n += 1;
            self.stats.lines += 1;
            let text = String::from_utf8_lossy(&buf);
            let line = text.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                continue;
            }
            let parsed = if buf.contains(&0) {
                Err("binary data (NUL byte)".to_string())
            } else if std::str::from_utf8(&buf).is_err() {
                Err("invalid UTF-8".to_string())
            } else {
                parse_line(line, self.admin1_names)
            };
            match parsed {
                Ok(Some(row)) => self.rows.push(row),
                Ok(None) => self.stats.skipped_features += 1,
                Err(_) if self.skip_bad => self.stats.bad_lines += 1,
                Err(why) => {
                    return Err(GazetteerError::BadLine {
                        path: self.label.to_string(),
                        line: n,
                        why,
                    })
                }
            }
        }
    }
}

/// Builds a gazetteer file from GeoNames dumps and writes it atomically to `out`.
pub fn import(
    paths: &[&Path],
    admin1_file: Option<&Path>,
    skip_bad: bool,
    out: &Path,
) -> Result<ImportStats, GazetteerError> {
    let mut admin1_names = shipped_admin1_names();
    if let Some(p) = admin1_file {
        admin1_names.extend(read_admin1_names(p)?);
    }
    let (rows, stats) = read_dumps(paths, &admin1_names, skip_bad)?;
    let blob = build_index(&rows).map_err(|why| GazetteerError::Format {
        path: out.display().to_string(),
        why,
    })?;
    crate::io::atomic::write_atomic(out, |w| {
        w.write_all(&blob)?;
        Ok(())
    })
    .map_err(|e| GazetteerError::Io {
        path: out.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(stats)
}
