//! One gazetteer file opened for search: the default one embedded in the binary, or an
//! imported one memory-mapped from disk. Reads are bounds-checked: a damaged file gives
//! an error or no match, never a panic.

use std::path::Path;

use fst::{IntoStreamer, Streamer};

use super::index::{Kind, HEADER_LEN, MAGIC, RECORD_LEN};
use super::GazetteerError;

/// A gazetteer file opened for search.
pub struct Store {
    origin: String,
    records: &'static [u8],
    strings: &'static [u8],
    postings: &'static [u8],
    exact: fst::Map<&'static [u8]>,
    folded: fst::Map<&'static [u8]>,
}

/// One place record as stored.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub(crate) store: &'a Store,
    pub(crate) index: u32,
}

/// A name key that matched: the record and the stored name it matched.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// The record's position in its store.
    pub record: u32,
    /// Where the matched name sits in the string table.
    pub name_off: u32,
    /// The matched name's length in bytes.
    pub name_len: u32,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({}, {} places)", self.origin, self.len())
    }
}

impl Store {
    /// Opens a gazetteer blob that lives for the whole run (embedded or leaked).
    pub fn from_static(data: &'static [u8], origin: &str) -> Result<Store, GazetteerError> {
        let bad = |why: String| GazetteerError::Format {
            path: origin.to_string(),
            why,
        };
        if data.len() < HEADER_LEN || &data[..8] != MAGIC {
            return Err(bad("not an incimap gazetteer (bad magic bytes)".into()));
        }
        let mut sections = [&data[..0]; 5];
        for (i, section) in sections.iter_mut().enumerate() {
            let at = 8 + i * 16;
            let off = u64::from_le_bytes(data[at..at + 8].try_into().unwrap_or_default()) as usize;
            let len =
                u64::from_le_bytes(data[at + 8..at + 16].try_into().unwrap_or_default()) as usize;
            let end = off.checked_add(len).filter(|e| *e <= data.len());
            match end {
                Some(end) => *section = &data[off..end],
                None => {
                    return Err(bad(format!(
                        "section {i} runs past the end of the file (byte {off})"
                    )))
                }
            }
        }
        if sections[0].len() % RECORD_LEN != 0 {
            return Err(bad("record section is not a whole number of records".into()));
        }
        let exact = fst::Map::new(sections[3]).map_err(|e| bad(format!("name index: {e}")))?;
        let folded = fst::Map::new(sections[4]).map_err(|e| bad(format!("spelling index: {e}")))?;
        Ok(Store {
            origin: origin.to_string(),
            records: sections[0],
            strings: sections[1],
            postings: sections[2],
            exact,
            folded,
        })
    }

    /// Memory-maps a gazetteer file written by `incimap gazetteer import`.
    pub fn open(path: &Path) -> Result<Store, GazetteerError> {
        let io = |e: std::io::Error| GazetteerError::Io {
            path: path.display().to_string(),
            source: e,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        // SAFETY: the map is read-only and lives for the rest of the run; incimap never
        // writes to a gazetteer file it has open (`gazetteer import` and `install` write
        // through a rename, which leaves a mapped file whole). A file truncated under us by
        // another process makes a read of the lost pages raise SIGBUS, which
        // `mapped::watch` turns into an error naming the file.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        let label = path.display().to_string();
        crate::io::mapped::watch(&label);
        let data: &'static [u8] = Box::leak(Box::new(map));
        Store::from_static(data, &label)
    }

    /// Where the store came from (a path, or "default").
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The number of places.
    pub fn len(&self) -> usize {
        self.records.len() / RECORD_LEN
    }

    /// True when the store holds no place.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The record at `index`, if there is one.
    pub fn record(&self, index: u32) -> Option<Record<'_>> {
        ((index as usize) < self.len()).then_some(Record { store: self, index })
    }

    /// Every record, in stored order.
    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        (0..self.len() as u32).map(move |index| Record { store: self, index })
    }

    /// The places filed under an exact (normalised) key.
    pub fn exact(&self, key: &str) -> Vec<Hit> {
        self.exact
            .get(key)
            .map(|off| self.postings_at(off))
            .unwrap_or_default()
    }

    /// The places filed under a folded (transliteration-tolerant) key.
    pub fn folded(&self, key: &str) -> Vec<Hit> {
        self.folded
            .get(key)
            .map(|off| self.postings_at(off))
            .unwrap_or_default()
    }

    /// The places whose folded key lies within `distance` edits of `key`, with the
    /// distance of each key found.
    pub fn fuzzy(&self, key: &str, distance: u32) -> Vec<(Hit, u32)> {
        let Ok(automaton) = fst::automaton::Levenshtein::new(key, distance) else {
            return Vec::new();
        };
        let mut stream = self.folded.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((found, off)) = stream.next() {
            let d = edit_distance(key.as_bytes(), found);
            out.extend(self.postings_at(off).into_iter().map(|h| (h, d)));
        }
        out
    }

    /// Every exact key that starts with `prefix`, up to `limit` of them.
    pub fn keys_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        let automaton = fst::automaton::Str::new(prefix);
        let mut stream = self
            .exact
            .search(fst::Automaton::starts_with(automaton))
            .into_stream();
        let mut out = Vec::new();
        while let Some((k, _)) = stream.next() {
            out.push(String::from_utf8_lossy(k).into_owned());
            if out.len() >= limit {
                break;
            }
        }
        out
    }

    fn postings_at(&self, off: u64) -> Vec<Hit> {
        let word = |i: usize| -> Option<u32> {
            let at = i.checked_mul(4)?;
            self.postings
                .get(at..at + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let start = off as usize;
        let Some(count) = word(start) else {
            return Vec::new();
        };
        (0..count as usize)
            .map_while(|i| {
                let base = start + 1 + i * 3;
                Some(Hit {
                    record: word(base)?,
                    name_off: word(base + 1)?,
                    name_len: word(base + 2)?,
                })
            })
            .collect()
    }

    pub(crate) fn string(&self, off: u32, len: u32) -> &str {
        let start = off as usize;
        self.strings
            .get(start..start.saturating_add(len as usize))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// The Levenshtein distance between two byte strings (short keys only).
pub(crate) fn edit_distance(a: &[u8], b: &[u8]) -> u32 {
    let mut prev: Vec<u32> = (0..=b.len() as u32).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i as u32 + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + u32::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

impl<'a> Record<'a> {
    fn bytes(&self) -> &'a [u8] {
        let at = self.index as usize * RECORD_LEN;
        &self.store.records[at..at + RECORD_LEN]
    }

    fn u32_at(&self, at: usize) -> u32 {
        let b = self.bytes();
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    fn u16_at(&self, at: usize) -> u16 {
        let b = self.bytes();
        u16::from_le_bytes([b[at], b[at + 1]])
    }

    /// The place id: a GeoNames id, or "supplement:N".
    pub fn id(&self) -> String {
        match self.bytes()[4] {
            1 => format!("supplement:{}", self.u32_at(0)),
            _ => self.u32_at(0).to_string(),
        }
    }

    /// The number of the id, for ordering without allocating.
    pub fn id_number(&self) -> u32 {
        self.u32_at(0)
    }

    /// What the place is.
    pub fn kind(&self) -> Kind {
        Kind::from_code(self.bytes()[5])
    }

    /// The ISO 3166-1 alpha-2 country code.
    pub fn country_code(&self) -> &'a str {
        std::str::from_utf8(&self.bytes()[6..8]).unwrap_or("")
    }

    /// Latitude in degrees.
    pub fn lat(&self) -> f64 {
        self.u32_at(8) as i32 as f64 / 1e5
    }

    /// Longitude in degrees.
    pub fn lon(&self) -> f64 {
        self.u32_at(12) as i32 as f64 / 1e5
    }

    /// Inhabitants, 0 when unknown.
    pub fn population(&self) -> u32 {
        self.u32_at(16)
    }

    /// The preferred name.
    pub fn name(&self) -> &'a str {
        self.store
            .string(self.u32_at(20), u32::from(self.u16_at(24)))
    }

    /// True when `hit` matched this place's preferred name rather than one of its
    /// alternate names.
    pub fn named_by(&self, hit: &Hit) -> bool {
        hit.name_off == self.u32_at(20)
    }

    /// True when `hit` matched the first words of this place's preferred name, its short
    /// form: "Coahuila" of "Coahuila de Zaragoza", "Veracruz" of "Veracruz de Ignacio de
    /// la Llave".
    pub fn named_short_by(&self, hit: &Hit) -> bool {
        let name = self.name();
        let matched = self.store.string(hit.name_off, hit.name_len);
        name.strip_prefix(matched)
            .is_some_and(|rest| rest.starts_with(' '))
    }

    /// The first-level division's name.
    pub fn admin1(&self) -> &'a str {
        self.store
            .string(self.u32_at(28), u32::from(self.u16_at(26)))
    }
}
