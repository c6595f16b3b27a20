//! The gazetteer's binary format: fixed-width place records, a string table and two
//! `fst` maps from name keys to posting lists, all in one byte blob that is searched
//! in place (embedded in the binary for the default gazetteer, memory-mapped for an
//! imported one).
//!
//! This file is also compiled into the build script, so it uses only `std`, `fst` and
//! the sibling [`normalize`](super::normalize) module.

use std::collections::{BTreeMap, HashMap};

/// The magic bytes that open every gazetteer file.
pub const MAGIC: &[u8; 8] = b"INCIGAZ\x01";
/// The size of the header: the magic and five (offset, length) pairs.
pub const HEADER_LEN: usize = 8 + 5 * 16;
/// The size of one place record.
pub const RECORD_LEN: usize = 32;

/// What a place is; it ranks candidates and tells a town from a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A sovereign country.
    Country,
    /// A first-level administrative division (region, state, province).
    Admin1,
    /// A lower administrative division (cercle, district, county).
    Admin2,
    /// A national capital.
    Capital,
    /// The seat of an administrative division.
    AdminSeat,
    /// A town or village.
    PopulatedPlace,
    /// A military base, camp or post.
    Military,
    /// A camp for displaced people or refugees.
    Camp,
    /// An airport or airfield.
    Airport,
    /// A well or borehole.
    Well,
    /// A mine or mining site.
    Mine,
    /// A named locality or other site.
    Locality,
}

impl Kind {
    /// Every kind, in the order of their codes.
    pub const ALL: [Kind; 12] = [
        Kind::Country,
        Kind::Admin1,
        Kind::Admin2,
        Kind::Capital,
        Kind::AdminSeat,
        Kind::PopulatedPlace,
        Kind::Military,
        Kind::Camp,
        Kind::Airport,
        Kind::Well,
        Kind::Mine,
        Kind::Locality,
    ];

    /// The kind's name in data files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::Capital => "capital",
            Kind::AdminSeat => "admin_seat",
            Kind::PopulatedPlace => "populated_place",
            Kind::Military => "military",
            Kind::Camp => "camp",
            Kind::Airport => "airport",
            Kind::Well => "well",
            Kind::Mine => "mine",
            Kind::Locality => "locality",
        }
    }

    /// The kind named `name`, as [`Kind::as_str`] writes it.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The one-byte code stored in a record.
    pub fn code(self) -> u8 {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0) as u8
    }

    /// The kind of a stored code; unknown codes read as a locality.
    pub fn from_code(code: u8) -> Kind {
        Kind::ALL
            .get(code as usize)
            .copied()
            .unwrap_or(Kind::Locality)
    }

    /// True for countries and administrative divisions: areas rather than points.
    pub fn is_area(self) -> bool {
        matches!(self, Kind::Country | Kind::Admin1 | Kind::Admin2)
    }
}

/// One place as the builders read it from a data file.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    /// A GeoNames id ("2460596"), "supplement:N" or "admin1:CC.XX".
    pub id: String,
    /// The preferred name.
    pub name: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code.
    pub country_code: String,
    /// The first-level division's name (or its code when its name is unknown).
    pub admin1: String,
    /// What the place is.
    pub kind: Kind,
    /// Inhabitants, 0 when unknown.
    pub population: u64,
    /// Other names the place goes by.
    pub alternate_names: Vec<String>,
}

/// How a record's id is written: a GeoNames id, a supplement row or an admin1 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdSource {
    /// A GeoNames id.
    GeoNames,
    /// A row of the supplement.
    Supplement,
}

/// Splits a place id into its source and number.
pub fn parse_id(id: &str) -> Option<(IdSource, u32)> {
    if let Some(n) = id.strip_prefix("supplement:") {
        return n.parse().ok().map(|n| (IdSource::Supplement, n));
    }
    id.parse().ok().map(|n| (IdSource::GeoNames, n))
}

struct Strings {
    bytes: Vec<u8>,
    seen: HashMap<String, (u32, u16)>,
}

impl Strings {
    fn add(&mut self, s: &str) -> Result<(u32, u16), String> {
        if let Some(r) = self.seen.get(s) {
            return Ok(*r);
        }
        let len = u16::try_from(s.len()).map_err(|_| format!("name too long: {s:.40}…"))?;
        let off =
            u32::try_from(self.bytes.len()).map_err(|_| "string table over 4 GiB".to_string())?;
        self.bytes.extend_from_slice(s.as_bytes());
        self.seen.insert(s.to_string(), (off, len));
        Ok((off, len))
    }
}

fn coord_e5(value: f64, limit: f64, what: &str, id: &str) -> Result<i32, String> {
    if !value.is_finite() || value.abs() > limit {
        return Err(format!("place {id}: {what} {value} is out of range"));
    }
    Ok((value * 1e5).round() as i32)
}

/// Builds a gazetteer blob from place rows.
///
/// Every name and alternate name is filed under its [`normalize`](super::normalize::normalize)
/// key and its [`fold`](super::normalize::fold) key.
pub fn build_index(rows: &[PlaceRow]) -> Result<Vec<u8>, String> {
    use super::normalize::{fold, normalize};

    let mut strings = Strings {
        bytes: Vec::new(),
        seen: HashMap::new(),
    };
    let mut records = Vec::with_capacity(rows.len() * RECORD_LEN);
    let mut exact: BTreeMap<String, Vec<[u32; 3]>> = BTreeMap::new();
    let mut folded: BTreeMap<String, Vec<[u32; 3]>> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        let record = u32::try_from(index).map_err(|_| "too many places".to_string())?;
        let (source, number) =
            parse_id(&row.id).ok_or_else(|| format!("place id {:?} is not a number", row.id))?;
        let cc = row.country_code.as_bytes();
        if cc.len() != 2 {
            return Err(format!(
                "place {}: country code {:?} is not two letters",
                row.id, row.country_code
            ));
        }
        let (name_off, name_len) = strings.add(&row.name)?;
        let (admin1_off, admin1_len) = strings.add(&row.admin1)?;
        records.extend_from_slice(&number.to_le_bytes());
        records.push(match source {
            IdSource::GeoNames => 0,
            IdSource::Supplement => 1,
        });
        records.push(row.kind.code());
        records.extend_from_slice(cc);
        records.extend_from_slice(&coord_e5(row.lat, 90.0, "latitude", &row.id)?.to_le_bytes());
        records.extend_from_slice(&coord_e5(row.lon, 180.0, "longitude", &row.id)?.to_le_bytes());
        records.extend_from_slice(&(row.population.min(u32::MAX as u64) as u32).to_le_bytes());
        records.extend_from_slice(&name_off.to_le_bytes());
        records.extend_from_slice(&name_len.to_le_bytes());
        records.extend_from_slice(&admin1_len.to_le_bytes());
        records.extend_from_slice(&admin1_off.to_le_bytes());

        let mut seen_exact = std::collections::HashSet::new();
        let mut seen_folded = std::collections::HashSet::new();
        for name in std::iter::once(&row.name).chain(row.alternate_names.iter()) {
            let key = normalize(name);
            if key.is_empty() {
                continue;
            }
            let (off, len) = strings.add(name)?;
            let posting = [record, off, u32::from(len)];
            let folded_key = fold(&key);
            if seen_exact.insert(key.clone()) {
                exact.entry(key).or_default().push(posting);
            }
            if !folded_key.is_empty() && seen_folded.insert(folded_key.clone()) {
                folded.entry(folded_key).or_default().push(posting);
            }
        }
    }

    let mut postings: Vec<u32> = Vec::new();
    let exact_fst = build_fst(&exact, &mut postings)?;
    let folded_fst = build_fst(&folded, &mut postings)?;
    let posting_bytes: Vec<u8> = postings.iter().flat_map(|w| w.to_le_bytes()).collect();

    let sections: [&[u8]; 5] = [
        &records,
        &strings.bytes,
        &posting_bytes,
        &exact_fst,
        &folded_fst,
    ];
    let mut out = Vec::with_capacity(HEADER_LEN + sections.iter().map(|s| s.len()).sum::<usize>());
    out.extend_from_slice(MAGIC);
    let mut offset = HEADER_LEN as u64;
    for s in sections {
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        offset += s.len() as u64;
    }
    for s in sections {
        out.extend_from_slice(s);
    }
    Ok(out)
}

fn build_fst(
    keys: &BTreeMap<String, Vec<[u32; 3]>>,
    postings: &mut Vec<u32>,
) -> Result<Vec<u8>, String> {
    let mut builder = fst::MapBuilder::memory();
    for (key, list) in keys {
        let start = postings.len() as u64;
        postings.push(list.len() as u32);
        for p in list {
            postings.extend_from_slice(p);
        }
        builder.insert(key, start).map_err(|e| e.to_string())?;
    }
    builder.into_inner().map_err(|e| e.to_string())
}
