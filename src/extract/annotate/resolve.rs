//! Place resolution: every spotted name looked up in the gazetteer, in two passes. The
//! first finds where the article's places are (its dominant countries, weighed by the
//! places and by nationality words such as "Cameroonian soldiers"); the second resolves
//! each name in that context, with explicit vetoes for a same-name place abroad, and
//! places what the gazetteer lacks from the article's own words: "Ngarbuh is a quarter of
//! Ntumbaw village", "Bankass lies some 40 kilometres north of Diallassagou".

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, OnceLock};

use super::distances::{may_measure, MAX_OFFSET_KM};
use super::places::{is_stopword, Basis, Mention, Role};
use crate::distance::haversine_km;
use crate::extract::doc::Clause;
use crate::extract::phrases::{Phrases, Words};
use crate::gazetteer::normalize::{fold, normalize, with_key};
use crate::gazetteer::{Cue, Gazetteer, Kind, Place};
use crate::lexicon::{lexicon, AppositionWord, GenericRole};

/// The article-level view of its places: the dominant country and what the article
/// itself says of names the gazetteer lacks.
#[derive(Debug, Default)]
pub struct PlaceContext {
    /// Countries by weight, heaviest first.
    pub countries: Vec<(String, f64)>,
    /// The capital of the dominant country: what "the capital" names.
    pub capital: Option<Place>,
    /// Per name (folded key): the country of its best match anywhere and the weight its
    /// mentions gave that country.
    by_name: HashMap<String, (String, f64)>,
    /// Per name (its [`learned_key`]): where the article's words place it.
    learned: HashMap<String, (Place, u8, Basis)>,
}

/// The key a place learned from the text is kept under: the name's key without its
/// spaces, so that one spelling teaches the others ("Zam Zam lies 15 km south of T"
/// places "Zamzam" and "Zam-Zam").
fn learned_key(key: &str) -> String {
    key.replace(' ', "")
}

impl PlaceContext {
    /// The dominant country.
    pub fn country(&self) -> Option<&str> {
        self.countries.first().map(|(c, _)| c.as_str())
    }

    /// True when the article's places and nationality words give a country a real
    /// weight (at least one cued town's worth), whether or not it dominates.
    fn weighs(&self, cc: &str) -> bool {
        self.countries.iter().any(|(c, w)| c == cc && *w >= 1.0)
    }

    /// One of the (at most two) countries the article is about: a real weight, and not a
    /// trace beside the dominant one (a same-name town abroad weighs little against the
    /// towns of the country the article is about).
    pub fn is_main_country(&self, cc: &str) -> bool {
        let top = self.countries.first().map_or(0.0, |(_, w)| *w);
        self.countries
            .iter()
            .take(2)
            .any(|(c, w)| c == cc && *w >= 1.0 && *w >= 0.4 * top)
    }
}

impl PlaceContext {
    /// [`is_main_country`](Self::is_main_country), judged without the weight the name
    /// itself gave: a same-name town abroad that the article repeats ("Moura", six times
    /// in an article on Mali, is a town in Portugal too) does not make its own country
    /// one the article is about. When nothing but the name weighs, the name decides.
    fn is_main_country_besides(&self, cc: &str, name: &str) -> bool {
        let own = match self.by_name.get(&fold(&normalize(name))) {
            Some((c, w)) if c == cc => *w,
            _ => return self.is_main_country(cc),
        };
        let mut others: Vec<(&str, f64)> = self
            .countries
            .iter()
            .map(|(c, w)| (c.as_str(), if c == cc { w - own } else { *w }))
            .collect();
        if others.iter().all(|(_, w)| *w < 1.0) {
            return self.is_main_country(cc);
        }
        others.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let top = others[0].1;
        others
            .iter()
            .take(2)
            .any(|(c, w)| *c == cc && *w >= 1.0 && *w >= 0.4 * top)
    }
}

/// The best candidate for a name, looked up once per article and context country: a
/// name an article repeats ("Bamako", five times) costs one lookup.
struct Candidates<'g> {
    gaz: &'g Gazetteer,
    /// Per name: its candidates anywhere, and those a context country lifted.
    seen: HashMap<String, Seen>,
}

/// The candidates of one name.
struct Seen {
    anywhere: Arc<[Place]>,
    /// Keyed by country code, for names whose best match anywhere lies elsewhere.
    lifted: Vec<(String, Arc<[Place]>)>,
}

impl<'g> Candidates<'g> {
    fn new(gaz: &'g Gazetteer) -> Self {
        Candidates {
            gaz,
            seen: HashMap::default(),
        }
    }

    /// The best candidate; see [`Candidates::ranked`].
    fn best(&mut self, text: &str, country: Option<&str>) -> Option<&Place> {
        self.ranked(text, country).first()
    }

    /// The candidates, best first. A context country only lifts its own places: a best
    /// match already in it stays best without a second lookup.
    fn ranked(&mut self, text: &str, country: Option<&str>) -> &[Place] {
        if !self.seen.contains_key(text) {
            let anywhere = self.gaz.ranked(text, None);
            self.seen.insert(
                text.to_string(),
                Seen {
                    anywhere,
                    lifted: Vec::new(),
                },
            );
        }
        let Some(seen) = self.seen.get_mut(text) else {
            return &[];
        };
        let Some(cc) = country else {
            return &seen.anywhere;
        };
        if seen.anywhere.first().is_some_and(|p| p.country_code == cc) {
            return &seen.anywhere;
        }
        let at = match seen.lifted.iter().position(|(c, _)| c == cc) {
            Some(at) => at,
            None => {
                seen.lifted
                    .push((cc.to_string(), self.gaz.ranked(text, Some(cc))));
                seen.lifted.len() - 1
            }
        };
        &seen.lifted[at].1
    }
}

/// The countries of the nationality words of a clause, as whole words of its key (a
/// plural "s" allowed): "Malian troops and French soldiers" → ML, FR.
fn demonym_countries<'c>(clause: &'c Clause) -> impl Iterator<Item = &'static str> + 'c {
    let (phrases, countries) = demonyms();
    let words = Words::from_spans(&clause.key, &clause.key_words);
    phrases
        .find(&words)
        .map(|m| countries[m.pattern].as_str())
        .collect::<Vec<_>>()
        .into_iter()
}

/// Builds the nationality words' phrases now rather than at the first article (see
/// [`crate::extract::prepare`]).
pub(crate) fn prepare() {
    demonyms();
}

/// The nationality words of the lexicon as phrases of keys (each also in the plural),
/// and the country of each.
fn demonyms() -> &'static (Phrases, Vec<String>) {
    static P: OnceLock<(Phrases, Vec<String>)> = OnceLock::new();
    P.get_or_init(|| {
        let mut keys: Vec<(&String, &String)> = lexicon().demonym_keys.iter().collect();
        keys.sort();
        let countries = keys.iter().map(|(_, cc)| (*cc).clone()).collect();
        (Phrases::new(keys.iter().map(|(k, _)| k)), countries)
    })
}

/// True when a name given as an area ("Bui division") resolved to a town.
fn area_named_town(m: &Mention, place: &Place) -> bool {
    matches!(m.query.cue, Some(Cue::Area | Cue::Admin1)) && !place.kind.is_area()
}

/// Accepts a resolved mention: single uncued words must be notable places or lie in the
/// article's main countries; places abroad must be notable; a name given as an area
/// that resolves to a town must lie in a country the article is about.
fn acceptable(m: &Mention, place: &Place, ctx: Option<&PlaceContext>) -> bool {
    let exact = with_key(&place.matched_name, |matched| {
        m.query.full_key == matched || m.query.key == matched
    });
    if !exact && !ctx.is_some_and(|c| c.is_main_country(&place.country_code)) {
        return false;
    }
    // "l'ONU", "MSF": a word in capitals that only another name of a town matches is an
    // organisation's acronym; a town's own name in capitals ("GAO, Mali") stays itself.
    let acronym = m.text.chars().count() <= 5 && m.text.chars().all(char::is_uppercase);
    if acronym && place.kind != Kind::Country && fold(&normalize(&place.name)) != fold(&m.query.key)
    {
        return false;
    }
    // "Bui division" is no town abroad that goes by Bui; "Bankass district" is the
    // district of the town of Bankass, in a country the article is about.
    if let Some(ctx) = ctx {
        if area_named_town(m, place) && !ctx.weighs(&place.country_code) {
            return false;
        }
        // A town outside the article's dominant country named by one of its other names
        // ("the White House" is an old name of Casablanca, "Boni" one of Bonn): the text
        // means something else. A transliteration of its own name ("Zaporizhzhya") is its
        // name.
        let town = !matches!(place.kind, Kind::Country | Kind::Admin1);
        if town && ctx.country() != Some(place.country_code.as_str()) {
            let own = fold(&normalize(&place.name));
            if own != fold(&m.query.full_key) && own != fold(&m.query.key) {
                return false;
            }
        }
    }
    // A district named bare, with no place word around it, is more often a word of
    // another name ("Katiba Macina", an armed group) than the district.
    if place.kind == Kind::Admin2 && !m.cued {
        return false;
    }
    let notable = matches!(place.kind, Kind::Country | Kind::Admin1 | Kind::Capital)
        || place.population >= 100_000;
    let multiword = m.text.contains(' ') || m.text.contains('-');
    match ctx {
        None => notable || m.cued || multiword,
        Some(ctx) => {
            let home = ctx.is_main_country_besides(&place.country_code, &m.text);
            let site = !place.kind.is_area()
                && !matches!(
                    place.kind,
                    Kind::PopulatedPlace | Kind::AdminSeat | Kind::Capital
                );
            (home
                && (m.cued
                    || multiword
                    || site
                    || place.population >= 1_000
                    || place.kind.is_area()))
                || (notable
                    && (m.cued || place.population >= 500_000 || place.kind == Kind::Country))
        }
    }
}

/// The words of the persons' names an article gives, as folded keys: the capitalised
/// words after a title ("Major General William Taylor", "le colonel Assimi Goïta") and a
/// name of two or more capitalised words described by an occupation after a comma
/// ("Fodie Tandjigora, a sociology professor", "Moussa Diallo, enseignant"), unless a
/// place cue comes before it or a speech verb after ("in Djibo, a teacher said").
///
/// ```
/// use incimap::extract::annotate::resolve::person_words;
/// use incimap::gazetteer::normalize::{fold, normalize};
/// let key = |w: &str| fold(&normalize(w));
/// let words = person_words(["On Saturday Major General William Taylor told reporters."]);
/// assert!(words.contains(&key("Taylor")) && words.contains(&key("William")));
/// assert!(!words.contains(&key("Saturday")));
/// let words = person_words(["Troops entered Djibo Town, a teacher said on Monday."]);
/// assert!(words.is_empty(), "a teacher who spoke of a place");
/// ```
pub fn person_words<'a>(clauses: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    const NAME_WORDS: usize = 4;
    let lx = lexicon();
    fn bare(w: &str) -> &str {
        // Most words start and end with an ASCII letter or digit: nothing to trim.
        let ends = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
        if ends(w.as_bytes().first()) && ends(w.as_bytes().last()) {
            return w;
        }
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let capitalised = |w: &str| bare(w).starts_with(char::is_uppercase);
    let key = |w: &str| fold(&normalize(bare(w)));
    let mut out = HashSet::default();
    // One buffer for the words of every clause.
    let mut words: Vec<&str> = Vec::new();
    for text in clauses {
        words.clear();
        words.extend(text.split_whitespace());
        for (k, w) in words.iter().enumerate() {
            // A title, then the name: up to four capitalised words, to a comma. (Most
            // words have no capitalised word after them: the title is looked up last.)
            if words.get(k + 1).is_some_and(|n| capitalised(n))
                && with_key(bare(w), |t| lx.person_titles.contains(t))
            {
                for n in words.iter().skip(k + 1).take(NAME_WORDS) {
                    if !capitalised(n) {
                        break;
                    }
                    out.insert(key(n));
                    if n.ends_with(',') {
                        break;
                    }
                }
            }
            // A name of two or more capitalised words, a comma, an article or none, at
            // most two lower-case words, an occupation.
            if !w.ends_with(',') || !capitalised(w) {
                continue;
            }
            let first = (0..=k)
                .rev()
                .take_while(|&j| capitalised(words[j]) && (j == k || !words[j].ends_with(',')))
                .last()
                .unwrap_or(k);
            let cued = first.checked_sub(1).is_some_and(|j| {
                with_key(bare(words[j]), |c| {
                    lexicon().place_cues.incident.contains(c)
                })
            });
            if k == first || cued {
                continue;
            }
            let mut j = k + 1;
            // An article or another word that opens a description ("a", "the", "un",
            // "another": the `head` words of apposition.tsv).
            if words.get(j).is_some_and(|a| {
                with_key(bare(a), |c| lx.apposition.get(c).is_some_and(|w| w.opens()))
            }) {
                j += 1;
            }
            let occupation = (j..(j + 3).min(words.len()))
                .take_while(|&o| !capitalised(words[o]))
                .find(|&o| with_key(bare(words[o]), |c| lx.person_occupations.contains(c)));
            let Some(o) = occupation else { continue };
            // "Kidal, a teacher said": the teacher spoke of Kidal; "Keita Moussa, a
            // teacher, said": the aside closes, and the named man spoke.
            let spoke = !words[o].ends_with(',')
                && words
                    .get(o + 1)
                    .is_some_and(|v| lx.is_speech(&normalize(bare(v))));
            if !spoke {
                out.extend(words[first..=k].iter().map(|n| key(n)));
            }
        }
    }
    out
}

/// True when every word of a mention is a word of a person's name or a title, and
/// neither a place word nor a place cue comes with it ("Taylor", "William Taylor"; not
/// "Taylor County", "in Taylor").
fn names_a_person(m: &Mention, persons: &HashSet<String>) -> bool {
    // "gunmen attacked Keita", "in Keita": the text makes it a place, whoever bears
    // the name too.
    let placed_by_text = m.role == Role::Incident && m.cued;
    !persons.is_empty()
        && !placed_by_text
        && m.query.cue.is_none()
        && m.text.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            persons.contains(&fold(&normalize(w)))
                || with_key(w, |t| lexicon().person_titles.contains(t))
        })
}

/// Resolves every mention of an article's sentences, in two passes: the first finds
/// where the article's places are (its dominant country), the second resolves each
/// name in that context and places what the gazetteer lacks from the article's words.
pub fn resolve_article(
    gaz: &Gazetteer,
    clauses: &[Clause],
    mentions: &mut [Vec<Mention>],
    dateline: Option<&str>,
) -> PlaceContext {
    let mut lookups = Candidates::new(gaz);
    // What each name adds to its country: its mentions' weights, at most twice its
    // weightiest mention's. A name the article repeats is more evidence, not unbounded
    // evidence: "Moura", seven times in an article on Mali, must not make the article
    // one on Portugal, where a town goes by that name.
    let mut by_name: HashMap<String, (String, f64, f64)> = HashMap::default();
    let mut add = |name: &str, place: &Place, w: f64| {
        let own = by_name
            .entry(fold(&normalize(name)))
            .or_insert_with(|| (place.country_code.clone(), 0.0, 0.0));
        own.1 += w;
        own.2 = own.2.max(w);
    };
    if let Some(d) = dateline {
        if let Some(p) = lookups.best(d, None) {
            add(d, p, 1.0);
        }
    }
    let persons = person_words(clauses.iter().map(|c| c.text));
    // Which mentions name a person, read once for both passes.
    let is_person: Vec<Vec<bool>> = mentions
        .iter()
        .map(|list| list.iter().map(|m| names_a_person(m, &persons)).collect())
        .collect();
    for (list, person) in mentions.iter().zip(&is_person) {
        for (m, _) in list.iter().zip(person).filter(|(_, &named)| !named) {
            if let Some(p) = lookups.best(&m.text, None) {
                if acceptable(m, p, None) {
                    let w = match p.kind {
                        Kind::Country => 0.3,
                        _ if area_named_town(m, p) => 0.3,
                        Kind::Admin1 => 0.7,
                        _ if m.cued => 1.5,
                        _ => 1.0,
                    };
                    add(&m.text, p, w);
                }
            }
        }
    }
    let by_name: HashMap<String, (String, f64)> = by_name
        .into_iter()
        .map(|(name, (cc, sum, max))| (name, (cc, sum.min(2.0 * max))))
        .collect();
    let mut weights: HashMap<String, f64> = HashMap::default();
    let mut names: Vec<&(String, f64)> = by_name.values().collect();
    names.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (cc, w) in names {
        *weights.entry(cc.clone()).or_default() += w;
    }
    // "Cameroonian soldiers", "l'armée malienne": nationality words weigh for their
    // country (less than a place does), once per clause.
    for clause in clauses {
        let mut seen: Vec<&str> = Vec::new();
        for cc in demonym_countries(clause) {
            if !seen.contains(&cc) {
                seen.push(cc);
                *weights.entry(cc.to_string()).or_default() += 0.5;
            }
        }
    }
    let mut countries: Vec<(String, f64)> = weights.into_iter().collect();
    countries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let capital = countries
        .first()
        .and_then(|(cc, _)| gaz.capital_of(cc))
        .cloned();
    let mut ctx = PlaceContext {
        countries,
        capital,
        by_name,
        learned: HashMap::default(),
    };
    let country = ctx.country().map(str::to_string);

    for ((list, person), clause) in mentions.iter_mut().zip(&is_person).zip(clauses) {
        let sentence = clause.text;
        for (m, _) in list.iter_mut().zip(person).filter(|(_, &named)| !named) {
            if let Some(p) = lookups.best(&m.text, country.as_deref()) {
                if acceptable(m, p, Some(&ctx)) {
                    m.precision = if p.kind == Kind::Admin1 || p.kind == Kind::Country {
                        3
                    } else if m.query.cue == Some(Cue::Area) || p.kind == Kind::Admin2 {
                        2
                    } else {
                        1
                    };
                    m.place = Some(p.clone());
                }
            }
            if m.place.is_none() {
                m.place = leading_place(&mut lookups, m, &ctx, country.as_deref());
                if m.place.is_some() {
                    m.precision = 2;
                    m.basis = Basis::CityPart;
                }
            }
            if m.place.is_none() {
                m.place = respelled_place(gaz, sentence, m, &ctx);
            }
        }
    }
    agree_with_regions(&mut lookups, mentions, country.as_deref());
    learn_unknown(clauses, mentions, &is_person, &mut ctx);
    ctx
}

/// The first-level divisions an article names decide between same-name places of one
/// country, the division named most first: "Villa Unión, a small town in the northern
/// Mexican state of Coahuila" is not the larger Villa Unión of Sinaloa (which the article
/// names once, to tell them apart), and a bare "Coahuila" beside "the state of Coahuila"
/// is the state, not a hamlet of Yucatán. A town takes the name only from one of at
/// least a tenth of its people (a hamlet of a named region does not take Kati's name),
/// and a city keeps it ([`Place::is_city`]).
fn agree_with_regions(
    lookups: &mut Candidates,
    mentions: &mut [Vec<Mention>],
    country: Option<&str>,
) {
    let mut regions: HashMap<(&str, &str), usize> = HashMap::default();
    for p in mentions.iter().flatten().filter_map(|m| m.place.as_ref()) {
        if p.kind == Kind::Admin1 {
            *regions.entry((&p.country_code, &p.admin1)).or_default() += 1;
        }
    }
    if regions.is_empty() {
        return;
    }
    let named = |p: &Place| {
        regions
            .get(&(p.country_code.as_str(), p.admin1.as_str()))
            .copied()
            .unwrap_or(0)
    };
    let mut agreed: Vec<(usize, usize, Place)> = Vec::new();
    for (si, list) in mentions.iter().enumerate() {
        for (mi, m) in list.iter().enumerate() {
            let Some(found) = m.place.as_ref() else {
                continue;
            };
            if found.kind.is_area() || found.is_city() {
                continue;
            }
            let name = fold(&normalize(&found.matched_name));
            let agrees = lookups.ranked(&m.text, country).iter().find(|c| {
                c.country_code == found.country_code
                    && named(c) > named(found)
                    && fold(&normalize(&c.matched_name)) == name
                    && (c.kind == Kind::Admin1
                        || (!c.kind.is_area() && c.population >= found.population / 10))
            });
            if let Some(place) = agrees {
                agreed.push((si, mi, place.clone()));
            }
        }
    }
    for (si, mi, place) in agreed {
        let m = &mut mentions[si][mi];
        if place.kind == Kind::Admin1 {
            m.precision = 3;
        }
        m.place = Some(place);
    }
}

/// The place a longer name starts with, when the whole name is unknown: "the Peshawar
/// Press Club" is in Peshawar (precision 2, part of it). Only exact names of towns and
/// sites in the article's main countries qualify, and only towns with parts to name (a
/// seat, or [`TOWN_WITH_PARTS`] people): "the White House" is no part of White, Georgia,
/// a village of 700. A region says too little.
fn leading_place(
    lookups: &mut Candidates,
    m: &Mention,
    ctx: &PlaceContext,
    country: Option<&str>,
) -> Option<Place> {
    let words: Vec<&str> = m.text.split_whitespace().collect();
    (1..words.len()).rev().find_map(|n| {
        let prefix = words[..n].join(" ");
        let p = lookups.best(&prefix, country)?;
        let exact = normalize(&p.matched_name) == normalize(&prefix);
        let has_parts =
            matches!(p.kind, Kind::Capital | Kind::AdminSeat) || p.population >= TOWN_WITH_PARTS;
        (exact && has_parts && !p.kind.is_area() && ctx.is_main_country(&p.country_code))
            .then(|| p.clone())
    })
}

/// The people a town needs for a longer name that starts with it to be a part of it.
const TOWN_WITH_PARTS: u32 = 5_000;

/// A town of the article's main countries spelled one letter apart from a name the
/// gazetteer lacks, when the text marks the name as a place: "an ambush near Goneri" is
/// at Goniri. The first letter must agree and the town must be a real one (1,000 people
/// or more).
fn respelled_place(
    gaz: &Gazetteer,
    sentence: &str,
    m: &Mention,
    ctx: &PlaceContext,
) -> Option<Place> {
    let key = &m.query.key;
    // "Carrera 8", "Route 66": a street or a road, not a misspelt town.
    let numbered = sentence
        .get(m.end..)
        .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    if !m.cued
        || m.role != Role::Incident
        || numbered
        || key.chars().count() < 5
        || key.contains(' ')
    {
        return None;
    }
    gaz.respellings(&m.text, ctx.country())
        .into_iter()
        .find(|p| {
            let first = |s: &str| normalize(s).chars().next();
            !p.kind.is_area()
                && p.population >= 1_000
                && ctx.is_main_country_besides(&p.country_code, &m.text)
                && first(&p.matched_name) == first(key)
        })
}

/// A place the gazetteer lacks, placed from `host`: it keeps the article's name for it.
fn named(host: Place, text: &str) -> Place {
    Place {
        name: text.to_string(),
        matched_name: text.to_string(),
        score: 0.0,
        unlisted: true,
        ..host
    }
}

/// What an apposition says of the place it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Described {
    /// The kind of place it names is a settlement ("a village", "une localité"): a place
    /// of its own, not a part of the other place.
    settlement: bool,
}

/// What the text after a name says when it describes it as lying in or by another
/// place, in a language of the lexicon (`apposition.tsv`): ", a village in", " is a
/// quarter of", " (Diallassagou), a rural commune near", ", une commune près de", ", un
/// village de la". After a bracketed respelling, a comma or a verb, then a word that
/// opens the description, at most 40 letters of lower-case words among which a kind of
/// place (`place_generics.tsv`, `city_parts.tsv`), then a word that names the other place.
fn apposition(after_name: &str) -> Option<Described> {
    const DESCRIPTION_BYTES: usize = 40;
    let lx = lexicon();
    let role = |w: &str| with_key(w, |k| lx.apposition.get(k).copied());
    let mut rest = after_name.trim_start();
    if let Some(inside) = rest.strip_prefix('(') {
        match inside.find(')') {
            Some(close) if close <= 40 => rest = inside[close + 1..].trim_start(),
            _ => return None,
        }
    }
    rest = past_alias(rest);
    let opened = rest.starts_with(',');
    let mut words = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '\'' | '’'))
        .filter(|w| !w.is_empty() && *w != ",");
    let first = words.next().unwrap_or_default().trim_start_matches(',');
    let head = match role(first) {
        Some(w) if opened && w.opens() => true,
        Some(AppositionWord::Verb) if !opened => {
            role(words.next().unwrap_or_default()).is_some_and(AppositionWord::opens)
        }
        _ => false,
    };
    if !head {
        return None;
    }
    // The description names a kind of place ("village", "rural commune", "quarter").
    let mut described = 0;
    let mut kind_of_place = false;
    let mut settlement = false;
    for w in words {
        if kind_of_place && role(w) == Some(AppositionWord::Within) {
            return Some(Described { settlement });
        }
        let generic = with_key(w, |k| lx.place_generics.get(k).copied());
        settlement |= generic == Some(GenericRole::Settlement);
        kind_of_place |= generic.is_some_and(|r| r != GenericRole::Connector)
            || with_key(w, |k| lx.city_parts.contains_key(k));
        let lower = w.chars().all(|c| c.is_lowercase() || c == '-');
        described += w.len() + 1;
        if !lower || described > DESCRIPTION_BYTES + 1 {
            return None;
        }
    }
    None
}

/// The text after an aside that gives another spelling or name of the place (at most 40
/// letters): ", also spelt Mourrah, a village in…" → ", a village in…", ", ou
/// Anefif, une localité…" → ", une localité…". Any other text is returned as it is.
fn past_alias(rest: &str) -> &str {
    const ASIDE_BYTES: usize = 40;
    let Some(aside) = rest.strip_prefix(',') else {
        return rest;
    };
    let Some(close) = aside.find(',').filter(|&c| c <= ASIDE_BYTES) else {
        return rest;
    };
    let mut words = aside[..close].split_whitespace().peekable();
    let mut aliases = 0;
    while words.peek().is_some_and(|w| {
        with_key(w, |k| {
            lexicon().apposition.get(k) == Some(&AppositionWord::Alias)
        })
    }) {
        words.next();
        aliases += 1;
    }
    let named = words
        .next()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    if aliases > 0 && named {
        &aside[close..]
    } else {
        rest
    }
}

/// Where a name the gazetteer lacks lies when the sentence goes on to measure it from a
/// known place: in apposition or after a word that locates it ("Kouré, some 60 km
/// south-east of Niamey", "X, a village in D district, about twenty kilometres
/// north-east of T", "X lies forty kilometres north of T", "X, situé à une quinzaine de
/// kilomètres de T"). Distances from names the gazetteer lacks are passed over; a
/// distance without a place stops the search (it measured X from somewhere unnamed).
/// The first usable distance decides, unless it is far and a district was named on the
/// way, which is then closer to the truth ("X, D territory, some 75 km north of T").
/// Precision 2 either way.
fn placed_by_distance_after(
    sentence: &str,
    m: &Mention,
    after: &[Mention],
) -> Option<(Place, u8, Basis)> {
    const REACH_BYTES: usize = 200;
    let rest = &sentence[m.end..];
    let first_word = rest
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    let locates = rest.trim_start().starts_with(',')
        || lexicon()
            .place_locators
            .contains(normalize(first_word).as_str());
    if !locates {
        return None;
    }
    let mut from = m.end;
    let mut district: Option<&Place> = None;
    for n in after.iter().take_while(|n| n.start - m.end <= REACH_BYTES) {
        let upto = n.distance.map_or(n.start, |d| d.start);
        if may_measure(sentence.get(from..upto)?) {
            return None;
        }
        match (n.distance, n.place.as_ref()) {
            (Some(d), Some(host)) => {
                if let (Some(unit), false) = (district, d.is_near()) {
                    return Some((named(unit.clone(), &m.text), 2, Basis::EnclosingUnit));
                }
                if let Some((lat, lon)) = d.point_from(host.lat, host.lon, 0.0) {
                    let basis = d.bearing_deg.map_or(Basis::Near, |_| Basis::Offset);
                    let place = named(
                        Place {
                            lat,
                            lon,
                            ..host.clone()
                        },
                        &m.text,
                    );
                    return Some((place, 2, basis));
                }
            }
            (None, Some(p)) if p.kind == Kind::Admin2 || n.query.cue == Some(Cue::Area) => {
                district.get_or_insert(p);
            }
            _ => {}
        }
        from = n.end;
    }
    None
}

/// The unit a settlement lies in when the words right after its name, or after the other
/// names the gazetteer lacks listed with it, say so: a word that locates it within
/// another place (`within` in `apposition.tsv`: "in", "near", "dans", "de"), then at most
/// 40 letters of lower-case words and country names, then the place ("the village of X
/// in central Mali's Mopti region", "le village de X, dans la commune de Y", "the
/// villages of X and Y in Z State"). A country is too coarse to host it.
fn enclosing_after<'m>(sentence: &str, m: &Mention, after: &'m [Mention]) -> Option<&'m Place> {
    const GAP_BYTES: usize = 40;
    let within = |w: &str| {
        with_key(w, |k| {
            lexicon().apposition.get(k) == Some(&AppositionWord::Within)
        })
    };
    // "the villages of X and Y in Z": past the unknown names listed after this one.
    let mut end = m.end;
    let mut listed = 0;
    for n in after {
        let joint = sentence.get(end..n.start).unwrap_or_default();
        if n.place.is_some() || !lists_another(joint) {
            break;
        }
        end = n.end;
        listed += 1;
    }
    let after = &after[listed..];
    let rest = sentence[end..].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let first = rest.split_whitespace().next()?;
    if !within(first.split(['\'', '’']).next().unwrap_or(first)) {
        return None;
    }
    let mut from = end;
    for n in after.iter().take_while(|n| n.start - end <= GAP_BYTES) {
        let gap = sentence.get(from..n.start)?;
        let lower = gap
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '\'' | '’'))
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
        if !lower {
            return None;
        }
        match n.place.as_ref() {
            Some(p) if p.kind == Kind::Country => from = n.end,
            Some(p) if n.role == Role::Incident => return Some(p),
            _ => return None,
        }
    }
    None
}

/// True for the words between two names of one list: a comma, a word that lists
/// another (`and` in `apposition.tsv`: "and", "et"), or both.
fn lists_another(between: &str) -> bool {
    let words: Vec<&str> = between
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => between.contains(','),
        [word] => with_key(word, |k| {
            lexicon().apposition.get(k) == Some(&AppositionWord::And)
        }),
        _ => false,
    }
}

/// How far from where the text's distance puts it a town the gazetteer found abroad must
/// lie for the distance to overrule it: three times the farthest offset that places
/// anything ([`MAX_OFFSET_KM`]).
const OVERRULED_KM: f64 = 3.0 * MAX_OFFSET_KM;

/// True when a distance the text gives from a place of the article's main countries
/// cannot hold for the town the gazetteer found abroad: "the port town of Mocímboa da
/// Praia, some sixty-five kilometres south of Palma", in an article on Mozambique, is no
/// Palma of Spain, even where its six mentions weigh for Spain. `learned` is where the
/// distance puts the name (in its host's country).
fn overruled(m: &Mention, found: &Place, learned: &Place, ctx: &PlaceContext) -> bool {
    !found.kind.is_area()
        && !ctx.is_main_country_besides(&found.country_code, &m.text)
        && ctx.is_main_country(&learned.country_code)
        && haversine_km(found.lat, found.lon, learned.lat, learned.lon) > OVERRULED_KM
}

/// Where a name lies when a place named before it in the sentence is measured from it:
/// "Y lies 40 kilometres north of X" puts X 40 km south of Y.
fn measured_to(m: &Mention, before: &[Mention]) -> Option<(Place, u8, Basis)> {
    let host = before.iter().rev().find_map(|n| n.place.clone())?;
    let d = m.distance?;
    let (lat, lon) = d.point_from(host.lat, host.lon, 180.0)?;
    let basis = d.bearing_deg.map_or(Basis::Near, |_| Basis::Offset);
    Some((named(Place { lat, lon, ..host }, &m.text), 2, basis))
}

/// Places the names the gazetteer lacks (or found only far away) from what the text says
/// of them: a distance from a known place, an apposition or a settlement word naming the
/// unit they lie in. A name that `is_person` marks (the words of a person's name, "le
/// général X Y, le poste de Z") is learnt as no place.
fn learn_unknown(
    clauses: &[Clause],
    mentions: &mut [Vec<Mention>],
    is_person: &[Vec<bool>],
    ctx: &mut PlaceContext,
) {
    // Names an apposition calls a settlement ("X, another village in…").
    let mut settlements = HashSet::default();
    for (si, sentence) in clauses.iter().map(|c| c.text).enumerate() {
        let list = &mentions[si];
        for (mi, m) in list.iter().enumerate() {
            if is_stopword(&m.text) || is_person[si][mi] {
                continue;
            }
            if let Some(found) = &m.place {
                let learned = placed_by_distance_after(sentence, m, &list[mi + 1..])
                    .or_else(|| measured_to(m, &list[..mi]));
                if let Some(learned) = learned.filter(|l| overruled(m, found, &l.0, ctx)) {
                    ctx.learned.insert(learned_key(&m.query.key), learned);
                }
                continue;
            }
            let key = learned_key(&m.query.key);
            let described = apposition(&sentence[m.end..]);
            if described.is_some_and(|d| d.settlement) {
                settlements.insert(key.clone());
            }
            // A distance said anywhere says more than the unit X was placed in before
            // ("the village of X in the Y region … T lies 40 km north of X").
            let enclosed = match ctx.learned.get(&key) {
                Some((_, _, basis)) if *basis != Basis::EnclosingUnit => continue,
                learned => learned.is_some(),
            };
            // "X, some 60 km south-east of Y": X is that far from Y that way (or near Y,
            // without a direction). Before the apposition: a distance says more than the
            // district named on the way ("X, a village in D, 20 km north of T").
            if let Some(learned) = placed_by_distance_after(sentence, m, &list[mi + 1..]) {
                ctx.learned.insert(key, learned);
                continue;
            }
            // "X, a village in Y", "X is a quarter of Y": X lies in or by Y.
            // ("… in Burkina Faso's Yagha province": the province, not the country.)
            // "the village of X in the Y region", "le village de X, dans la commune de Y":
            // a settlement named as such lies in the unit named right after it.
            let host = if enclosed {
                None
            } else if described.is_some() {
                list[mi + 1..]
                    .iter()
                    .filter_map(|n| n.place.as_ref())
                    .find(|p| p.kind != Kind::Country)
            } else if m.settlement {
                enclosing_after(sentence, m, &list[mi + 1..])
            } else {
                None
            };
            if let Some(host) = host {
                ctx.learned
                    .insert(key, (named(host.clone(), &m.text), 2, Basis::EnclosingUnit));
                continue;
            }
            if let Some(learned) = measured_to(m, &list[..mi]) {
                ctx.learned.insert(key, learned);
            }
        }
    }
    for list in mentions.iter_mut() {
        for m in list.iter_mut() {
            let key = learned_key(&m.query.key);
            m.settlement |= settlements.contains(&key);
            // A name the text places at home is that place wherever the gazetteer found
            // it abroad.
            let unplaced = m.place.as_ref().is_none_or(|found| {
                ctx.learned
                    .get(&key)
                    .is_some_and(|l| overruled(m, found, &l.0, ctx))
            });
            if unplaced {
                if let Some((place, precision, basis)) = ctx.learned.get(&key) {
                    m.place = Some(place.clone());
                    m.precision = *precision;
                    m.basis = *basis;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::apposition;

    #[test]
    fn apposition_describes_a_place_by_another() {
        let cases = [
            (", a village in Yobe State.", true),
            (" is a quarter of Ntumbaw village", true),
            (" (Diallassagou), a rural commune near Bankass", true),
            (", the small town of Kati", true),
            (", another village in the country's Sahel region", true),
            (", a town where soldiers live in barracks", true),
            (", a region where soldiers live in barracks", true),
            (", le poste mixte armée-gendarmerie de Kafolo", true),
            (", à une centaine de kilomètres au sud", false),
            (", a town whose soldiers left.", false),
            (" said the army in Mopti", false),
            (
                ", a very long description of more than forty letters before in Mopti",
                false,
            ),
            (
                ", a very-long-description-with-no-space-for-words-at-all in Mopti",
                false,
            ),
            (", a Malian village in Mopti", false),
            (", a village within Mopti", false),
            (", a villagein Mopti", false),
            (", a town  of Kati", true),
            (", a tówn of Kati", true),
            (", une commune près de Mopti", true),
            (", un village de la commune de Kokorou", true),
            (" est un hameau d'Ansongo", true),
            (", une localité située dans le cercle de Bankass", true),
            (", selon la gendarmerie de Mopti", false),
            (", a of Kati", false),
            (
                ", also spelt Mourrah, a trading village in the Djenné district",
                true,
            ),
            (", known as Timbuktu, a city of the Mali desert", true),
            (", or Anefif, a town north of Kidal", true),
            (", ou Anefif, une localité du cercle de Tessalit", true),
            (", aussi appelé Kabara, un village près de Tombouctou", true),
            (", also spelt mourrah, a trading village in Mopti", false),
            (
                ", also spelt Mourrah and famous for its market, a village in Mopti",
                false,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(apposition(text).is_some(), expected, "{text:?}");
        }
    }
}
