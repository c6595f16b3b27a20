//! The gazetteer: place names to coordinates.
//!
//! The default gazetteer (GeoNames cities500, first- and second-level divisions, countries
//! and a small supplement; see `gazetteer/README.md`) is compiled into the binary. Extra
//! gazetteers written by [`import`] are memory-mapped and searched alongside it.
//!
//! ```
//! use incimap::gazetteer::{Gazetteer, LookupOptions};
//! let gaz = Gazetteer::default_only().unwrap();
//! let best = &gaz.lookup("Kati", &LookupOptions::in_country("ML"))[0];
//! assert_eq!(best.country_code, "ML");
//! assert!((best.lat - 12.744).abs() < 0.01);
//! ```

pub mod import;
pub mod index;
pub mod installed;
pub mod normalize;
mod query;
mod store;

use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

pub use index::Kind;
pub use query::{parse_query, Cue, PlaceQuery};
use serde::Serialize;
pub use store::{Record, Store};

use crate::distance::haversine_km;

/// The default gazetteer, compiled from `gazetteer/places.tsv.gz` by the build script.
static DEFAULT_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.gaz"));

/// What can go wrong opening or building a gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// A file could not be read or written. (The cause is the error's source: `{:#}`
    /// prints both, once each.)
    #[error("{path}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not a gazetteer, or is damaged.
    #[error("{path}: {why}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        why: String,
    },
    /// A line of a GeoNames dump is malformed.
    #[error("{path}:{line}: {why}")]
    BadLine {
        /// The dump file.
        path: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong.
        why: String,
    },
}

/// One candidate place for a name, with the fields every consumer needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// GeoNames id, or "supplement:N" for the shipped supplement.
    pub id: String,
    /// The place's preferred name.
    pub name: String,
    /// The stored name that matched the query.
    pub matched_name: String,
    /// Latitude in degrees (WGS84).
    pub lat: f64,
    /// Longitude in degrees (WGS84).
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code.
    pub country_code: String,
    /// The country's name.
    pub country: String,
    /// The first-level division's name ("" for countries).
    pub admin1: String,
    /// What the place is.
    #[serde(serialize_with = "serialize_kind")]
    pub kind: Kind,
    /// Inhabitants, 0 when unknown.
    pub population: u32,
    /// The ranking score: higher is better.
    pub score: f64,
    /// True for a place the gazetteer lacks, named as the article names it and placed by
    /// what the article says of it (in a district, some distance from a town): it is one
    /// place with the places of its name only, never with its host.
    #[serde(skip)]
    pub unlisted: bool,
}

/// The population from which a town is a city: one whose quarters, markets and embassies
/// the news names without naming the city again, and whose name a same-name hamlet never
/// takes.
pub const CITY_POPULATION: u32 = 100_000;

impl Place {
    /// True for a capital, a region's seat or a town of [`CITY_POPULATION`] people: the
    /// place a bare name means, whatever else goes by it.
    ///
    /// ```
    /// let gaz = incimap::gazetteer::Gazetteer::default_only().unwrap();
    /// assert!(gaz.ranked("Mopti", Some("ML"))[0].is_city());
    /// assert!(!gaz.ranked("Douentza", Some("ML"))[0].is_city());
    /// ```
    pub fn is_city(&self) -> bool {
        matches!(self.kind, Kind::Capital | Kind::AdminSeat) || self.population >= CITY_POPULATION
    }
}

fn serialize_kind<S: serde::Serializer>(kind: &Kind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.as_str())
}

/// How to rank and cut the candidates of a lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupOptions {
    /// A context country (ISO alpha-2): its places rank first.
    pub country: Option<String>,
    /// A context point (lat, lon in degrees): nearer places rank higher among equals.
    pub near_lat_lon: Option<(f64, f64)>,
    /// How many candidates to return at most.
    pub limit: usize,
    /// Whether to look for misspellings when nothing matches exactly.
    pub fuzzy: bool,
}

impl Default for LookupOptions {
    fn default() -> Self {
        LookupOptions {
            country: None,
            near_lat_lon: None,
            limit: 10,
            fuzzy: true,
        }
    }
}

impl LookupOptions {
    /// Options with a context country.
    ///
    /// ```
    /// let o = incimap::gazetteer::LookupOptions::in_country("ml");
    /// assert_eq!(o.country.as_deref(), Some("ML"));
    /// ```
    pub fn in_country(country_code: &str) -> Self {
        LookupOptions {
            country: Some(country_code.to_ascii_uppercase()),
            ..Self::default()
        }
    }
}

/// How well a name matched.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum MatchTier {
    Exact,
    Folded,
    Fuzzy(u32),
}

impl MatchTier {
    fn points(self) -> f64 {
        match self {
            MatchTier::Exact => 100.0,
            MatchTier::Folded => 85.0,
            MatchTier::Fuzzy(1) => 55.0,
            MatchTier::Fuzzy(_) => 40.0,
        }
    }
}

/// The default gazetteer plus any imported ones.
#[derive(Debug)]
pub struct Gazetteer {
    stores: Vec<Store>,
    countries: OnceLock<HashMap<String, String>>,
    capitals: OnceLock<HashMap<String, Place>>,
    /// [`Gazetteer::ranked`]'s and [`Gazetteer::respellings`]' memory, keyed by
    /// [`memory_key`]; shared lists, so a hit copies no place it does not return.
    remembered: Mutex<HashMap<String, Arc<[Place]>>>,
}

/// The key of a name read in a country, misspellings allowed or not.
fn memory_key(name: &str, country: Option<&str>, fuzzy: bool) -> String {
    let country = country.unwrap_or("");
    let mut key = String::with_capacity(name.len() + country.len() + 3);
    key.push_str(name);
    key.push('\0');
    key.push_str(country);
    key.push(if fuzzy { '~' } else { '=' });
    key
}

/// How many names [`Gazetteer::ranked`] and [`Gazetteer::respellings`] remember before
/// starting afresh.
const REMEMBERED: usize = 100_000;

/// How many same-name places [`Gazetteer::ranked`] returns: enough for the places of one
/// name in one country ("Villa Unión": five in Mexico) after those a context lifts.
pub const HOMONYMS: usize = 8;

impl Gazetteer {
    /// The gazetteer that ships with incimap, alone.
    pub fn default_only() -> Result<Gazetteer, GazetteerError> {
        Ok(Gazetteer {
            stores: vec![Store::from_static(DEFAULT_BLOB, "default")?],
            countries: OnceLock::new(),
            capitals: OnceLock::new(),
            remembered: Mutex::new(HashMap::default()),
        })
    }

    /// The default gazetteer plus the imported files in `extra` (see [`import`]).
    pub fn with_extra(extra: &[PathBuf]) -> Result<Gazetteer, GazetteerError> {
        let mut gaz = Gazetteer::default_only()?;
        for path in extra {
            gaz.stores.push(Store::open(path)?);
        }
        Ok(gaz)
    }

    /// The default gazetteer plus the extra files named on the command line, in the
    /// environment variable `INCIMAP_GAZETTEER` (paths separated like `PATH`) and
    /// installed in the user's data folder ([`installed`]), in that order.
    pub fn from_args(extra: &[PathBuf]) -> Result<Gazetteer, GazetteerError> {
        let mut paths = extra.to_vec();
        if let Some(env) = std::env::var_os("INCIMAP_GAZETTEER") {
            paths.extend(std::env::split_paths(&env).filter(|p| !p.as_os_str().is_empty()));
        }
        for g in installed::list()? {
            if !paths.contains(&g.path) {
                paths.push(g.path);
            }
        }
        Gazetteer::with_extra(&paths)
    }

    /// The number of places in all stores.
    pub fn len(&self) -> usize {
        self.stores.iter().map(Store::len).sum()
    }

    /// True when no store holds a place.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The country name of an ISO alpha-2 code, from the default gazetteer.
    ///
    /// ```
    /// let gaz = incimap::gazetteer::Gazetteer::default_only().unwrap();
    /// assert_eq!(gaz.country_name("ML"), Some("Mali"));
    /// ```
    pub fn country_name(&self, country_code: &str) -> Option<&str> {
        let map = self.countries.get_or_init(|| {
            self.stores[0]
                .records()
                .filter(|r| r.kind() == Kind::Country)
                .map(|r| (r.country_code().to_string(), r.name().to_string()))
                .collect()
        });
        map.get(country_code).map(String::as_str)
    }

    /// The national capital of an ISO alpha-2 code, from the default gazetteer (the most
    /// populous, where GeoNames names two).
    ///
    /// ```
    /// let gaz = incimap::gazetteer::Gazetteer::default_only().unwrap();
    /// assert_eq!(gaz.capital_of("ML").map(|p| p.name.as_str()), Some("Bamako"));
    /// assert!(gaz.capital_of("XX").is_none());
    /// ```
    pub fn capital_of(&self, country_code: &str) -> Option<&Place> {
        let map = self.capitals.get_or_init(|| {
            let mut map: HashMap<String, Place> = HashMap::default();
            for r in self.stores[0]
                .records()
                .filter(|r| r.kind() == Kind::Capital)
            {
                let bigger = map
                    .get(r.country_code())
                    .is_none_or(|p| p.population < r.population());
                if bigger {
                    let place = self.place(&r, r.name(), 0.0);
                    map.insert(r.country_code().to_string(), place);
                }
            }
            map
        });
        map.get(country_code)
    }

    /// The best exact candidates for a name in a country's context (no misspellings),
    /// best first, at most [`HOMONYMS`], remembered for the run and shared rather than
    /// copied: news repeats its places, and each is looked up once.
    ///
    /// ```
    /// let gaz = incimap::gazetteer::Gazetteer::default_only().unwrap();
    /// assert_eq!(gaz.ranked("Kati", Some("ML"))[0].country_code, "ML");
    /// assert_eq!(gaz.ranked("Kati", Some("ML")), gaz.ranked("Kati", Some("ML")));
    /// assert!(gaz.ranked("Qwzxv", None).is_empty());
    /// ```
    pub fn ranked(&self, name: &str, country: Option<&str>) -> Arc<[Place]> {
        self.remembered(name, country, false)
    }

    /// The three best candidates for a name the gazetteer lacks as written, misspellings
    /// allowed, remembered for the run like [`Gazetteer::ranked`].
    ///
    /// ```
    /// let gaz = incimap::gazetteer::Gazetteer::default_only().unwrap();
    /// let found = gaz.respellings("Goneri", Some("NG"));
    /// assert!(found.iter().any(|p| p.name == "Goniri"));
    /// ```
    pub fn respellings(&self, name: &str, country: Option<&str>) -> Vec<Place> {
        self.remembered(name, country, true).to_vec()
    }

    fn remembered(&self, name: &str, country: Option<&str>, fuzzy: bool) -> Arc<[Place]> {
        let key = memory_key(name, country, fuzzy);
        if let Ok(memo) = self.remembered.lock() {
            if let Some(found) = memo.get(&key) {
                return Arc::clone(found);
            }
        }
        let options = LookupOptions {
            country: country.map(str::to_string),
            near_lat_lon: None,
            limit: if fuzzy { 3 } else { HOMONYMS },
            fuzzy,
        };
        let found: Arc<[Place]> = self.lookup(name, &options).into();
        if let Ok(mut memo) = self.remembered.lock() {
            if memo.len() >= REMEMBERED {
                memo.clear();
            }
            memo.insert(key, Arc::clone(&found));
        }
        found
    }

    /// Ranked candidates for a place name.
    ///
    /// The name may carry generic words ("Mopti region", "région de Ménaka", "cercle de
    /// Douentza"); a region word prefers first-level divisions. Exact matches (case,
    /// diacritics, apostrophes and hyphens aside) rank before transliteration variants,
    /// and those before misspellings; then the context country, the kind of place, its
    /// population and its nearness to the context point decide.
    ///
    /// ```
    /// use incimap::gazetteer::{Gazetteer, LookupOptions};
    /// let gaz = Gazetteer::default_only().unwrap();
    /// let region = &gaz.lookup("région de Ménaka", &LookupOptions::default())[0];
    /// assert_eq!(region.kind.as_str(), "admin1");
    /// let town = &gaz.lookup("Menaka", &LookupOptions::default())[0];
    /// assert_eq!(town.kind.as_str(), "admin_seat");
    /// // Found by its own name and by an alias with the generic word, Kati (Mali) keeps
    /// // the better match and stays ahead of Kāti (India).
    /// let kati = &gaz.lookup("Kati, ville", &LookupOptions::default())[0];
    /// assert_eq!((kati.matched_name.as_str(), kati.country_code.as_str()), ("Kati", "ML"));
    /// ```
    pub fn lookup(&self, name: &str, options: &LookupOptions) -> Vec<Place> {
        let query = parse_query(name);
        if query.key.is_empty() {
            return Vec::new();
        }
        let mut best: HashMap<(usize, u32), (MatchTier, store::Hit)> = HashMap::default();
        // A place matched twice keeps its closer match, and of two alike its own name
        // ("Kati, ville" finds Kati as "Kati" and by its alias "Kati Ville").
        let consider = |best: &mut HashMap<(usize, u32), (MatchTier, store::Hit)>,
                        si: usize,
                        hit: store::Hit,
                        tier: MatchTier| {
            let own = |h: &store::Hit| {
                self.stores[si]
                    .record(h.record)
                    .is_some_and(|r| r.named_by(h))
            };
            let entry = best.entry((si, hit.record)).or_insert((tier, hit));
            if tier < entry.0 || (tier == entry.0 && !own(&entry.1) && own(&hit)) {
                *entry = (tier, hit);
            }
        };
        let folded = normalize::fold(&query.key);
        for (si, store) in self.stores.iter().enumerate() {
            for hit in store.exact(&query.full_key) {
                consider(&mut best, si, hit, MatchTier::Exact);
            }
            if query.key != query.full_key {
                for hit in store.exact(&query.key) {
                    consider(&mut best, si, hit, MatchTier::Exact);
                }
            }
            for hit in store.folded(&folded) {
                consider(&mut best, si, hit, MatchTier::Folded);
            }
        }
        if best.is_empty() && options.fuzzy && folded.len() >= 4 {
            let distance = if folded.len() >= 8 { 2 } else { 1 };
            for (si, store) in self.stores.iter().enumerate() {
                for (hit, d) in store.fuzzy(&folded, distance) {
                    if d > 0 {
                        consider(&mut best, si, hit, MatchTier::Fuzzy(d));
                    }
                }
            }
        }
        // Score every candidate without allocating; build places for the best only.
        let mut scored: Vec<(f64, u32, usize, store::Hit)> = best
            .into_iter()
            .filter_map(|((si, record), (tier, hit))| {
                let r = self.stores[si].record(record)?;
                Some((
                    self.score(&r, &hit, tier, &query, options),
                    r.id_number(),
                    si,
                    hit,
                ))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut places: Vec<Place> = Vec::with_capacity(options.limit.min(scored.len()));
        for (score, _, si, hit) in scored {
            if places.len() >= options.limit {
                break;
            }
            let store = &self.stores[si];
            let Some(record) = store.record(hit.record) else {
                continue;
            };
            let id = record.id();
            // An imported gazetteer may repeat a place of the default one: keep the best.
            if places.iter().any(|p| p.id == id) {
                continue;
            }
            places.push(self.place(&record, store.string(hit.name_off, hit.name_len), score));
        }
        places
    }

    /// Up to `limit` stored names close in spelling to `name`, for "did you mean" hints.
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<String> {
        let key = normalize::fold(&parse_query(name).key);
        if key.len() < 2 {
            return Vec::new();
        }
        let mut found: Vec<(u32, u32, String)> = Vec::new();
        for store in &self.stores {
            for (hit, d) in store.fuzzy(&key, if key.len() >= 6 { 2 } else { 1 }) {
                let population = store
                    .record(hit.record)
                    .map(|r| r.population())
                    .unwrap_or(0);
                found.push((
                    d,
                    u32::MAX - population,
                    store.string(hit.name_off, hit.name_len).to_string(),
                ));
            }
        }
        found.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, _, n) in found {
            if !names.contains(&n) {
                names.push(n);
            }
            if names.len() >= limit {
                break;
            }
        }
        names
    }

    fn score(
        &self,
        record: &Record<'_>,
        hit: &store::Hit,
        tier: MatchTier,
        query: &PlaceQuery,
        options: &LookupOptions,
    ) -> f64 {
        let kind = record.kind();
        let mut score = tier.points();
        if options.country.as_deref() == Some(record.country_code()) {
            score += 40.0;
        }
        let kind_rank = match kind {
            Kind::Country => 6.0,
            Kind::Capital => 5.0,
            Kind::AdminSeat => 4.0,
            Kind::Admin1 => 3.0,
            Kind::PopulatedPlace => 2.0,
            // A second-level unit is mostly named after its seat, and its population is
            // the sum of its towns': below every point, so that a bare name is the town
            // (even one of unknown population) and the unit wins only on a cue ("cercle
            // de Bankass") or a context country.
            Kind::Admin2 => 0.0,
            _ => 1.5,
        };
        score += 4.0 * kind_rank;
        // A place's own name before another's alias: "Chiapas" is the state, though the
        // town of Chiapa de Corzo is also called so. A division's everyday name is often
        // the short form of its own ("Coahuila" for Coahuila de Zaragoza), and that is
        // its own name too, not a hamlet's of Yucatán.
        if record.named_by(hit) || (kind == Kind::Admin1 && record.named_short_by(hit)) {
            score += 2.0;
        }
        score += match query.cue {
            Some(query::Cue::Admin1) if kind == Kind::Admin1 => 30.0,
            // "province", "préfecture", "county" name a first-level division in some
            // countries and a second-level one in others (Burkina Faso's provinces,
            // Togo's préfectures); a division of either level of the name beats a town.
            Some(query::Cue::Admin1) if kind == Kind::Admin2 => 25.0,
            // "cercle de Mopti" is the cercle, not the region of the same name.
            Some(query::Cue::Area) if kind == Kind::Admin2 => 25.0,
            Some(query::Cue::Area) if kind.is_area() => 15.0,
            Some(query::Cue::Settlement) if !kind.is_area() => 10.0,
            _ => 0.0,
        };
        score += f64::from(record.population()).ln_1p() / std::f64::consts::LN_10;
        if let Some((lat, lon)) = options.near_lat_lon {
            let d = haversine_km(lat, lon, record.lat(), record.lon());
            score += 3.0 * (1.0 - (d / 3000.0).min(1.0));
        }
        (score * 1000.0).round() / 1000.0
    }

    fn place(&self, record: &Record<'_>, matched: &str, score: f64) -> Place {
        let cc = record.country_code();
        Place {
            id: record.id(),
            name: record.name().to_string(),
            matched_name: matched.to_string(),
            lat: record.lat(),
            lon: record.lon(),
            country_code: cc.to_string(),
            country: self.country_name(cc).unwrap_or(cc).to_string(),
            admin1: if record.kind() == Kind::Country {
                String::new()
            } else {
                record.admin1().to_string()
            },
            kind: record.kind(),
            population: record.population(),
            unlisted: false,
            score,
        }
    }
}
