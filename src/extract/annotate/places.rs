//! Place mentions: capitalised names spotted directly (no tagger), with the words around
//! them deciding their role (where it happened, a distance reference, a destination, a
//! venue where someone spoke) and whether a preposition or generic word marks them as
//! places. Resolution against the gazetteer is the next annotator's ([`super::resolve`]).

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::distances::{find_distances, Distance};
use crate::extract::names;
use crate::gazetteer::normalize::{key, with_key};
use crate::gazetteer::{parse_query, Cue, Place, PlaceQuery};
use crate::lexicon::{lexicon, AppositionWord, CityPart, GenericRole};

/// What a mention's surroundings say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Where something happened ("in X", "attacked X").
    Incident,
    /// A reference point ("85 km from X", "north of X").
    Reference,
    /// Where people went or came from ("fled to X", "said from X").
    Away,
    /// Where someone spoke ("told reporters in X", "In X, the presidency issued a
    /// statement"): no incident's place, nor the town a later "the city" means.
    Venue,
}

/// How a place's point was found: the `location_basis` of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Basis {
    /// The gazetteer's point of the place named.
    #[default]
    Gazetteer,
    /// A distance and a direction from a place of the gazetteer ("35 km north-west of
    /// X").
    Offset,
    /// A place of the gazetteer the text measures from without a direction ("about 30 km
    /// from X"): the incident is near it.
    Near,
    /// A place the gazetteer lacks, at the point of the unit the text says it lies in
    /// ("V, a village of D district").
    EnclosingUnit,
    /// A part of a city ("the market", "the Peshawar Press Club"), at the city's point.
    CityPart,
}

impl Basis {
    /// The name written in the output.
    ///
    /// ```
    /// use incimap::extract::annotate::places::Basis;
    /// assert_eq!(Basis::EnclosingUnit.as_str(), "enclosing_unit");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Gazetteer => "gazetteer",
            Basis::Offset => "offset",
            Basis::Near => "near",
            Basis::EnclosingUnit => "enclosing_unit",
            Basis::CityPart => "city_part",
        }
    }
}

/// One place name in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset in the sentence.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The name as written, with a trailing generic word ("Menaka region").
    pub text: String,
    /// The name read as a gazetteer query: normalised, generic words taken off.
    pub query: PlaceQuery,
    /// What its surroundings say.
    pub role: Role,
    /// True when a preposition or generic word marks it as a place.
    pub cued: bool,
    /// The resolved place.
    pub place: Option<Place>,
    /// 1 the place itself, 2 near it or part of it, 3 only its region.
    pub precision: u8,
    /// The distance written right before it, when it is measured from ("some 35 km
    /// north-west of X").
    pub distance: Option<Distance>,
    /// How the resolved place's point was found.
    pub basis: Basis,
    /// True when generic words call it a settlement ("the village of X", "X village",
    /// "X, another village in…"): a place of its own, never a part of another.
    pub settlement: bool,
}

fn is_speech(phrase: &str) -> bool {
    lexicon().is_speech(phrase)
}

/// True for a word that tells of the incident itself: an event, casualty or victim word,
/// or a number.
fn tells_incident(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_digit()) || lexicon().incident_words.contains(key)
}

/// True when a place is where someone spoke, or stands for its government, rather than
/// where something happened: "told reporters in X", "addressing the Security Council in
/// New York", "a ceremony on the outskirts of X" (a speech cue among the eight words
/// before, with no word of the incident between); "X had warned", "X said" (a speech verb
/// right after); "In X, the prime minister called…" (a sentence that opens with the place
/// and goes on to a speech before any word of the incident).
fn is_venue(before: &[Cow<'_, str>], sentence: &str, start: usize, end: usize) -> bool {
    let prev = before.first().map(Cow::as_ref).unwrap_or("");
    if lives_there(before) {
        return false;
    }
    let words_after = |n: usize| -> Vec<Cow<'_, str>> {
        sentence[end..]
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .take(n)
            .map(key)
            .collect()
    };
    if !sentence[end..]
        .trim_start()
        .starts_with([',', ';', ':', '('])
    {
        let next = words_after(3);
        let verb_after = match next.first().map(Cow::as_ref) {
            // "X had warned", "X a annoncé", "X a fait état de".
            Some(w) if lexicon().place_cues.auxiliary.contains(w) => {
                next.get(1).is_some_and(|w| is_speech(w))
                    || next
                        .get(1..3)
                        .is_some_and(|p| is_speech(&format!("{} {}", p[0], p[1])))
            }
            Some(w) => is_speech(w),
            None => false,
        };
        if verb_after {
            return true;
        }
    }
    // "selon Abidjan", "according to Kyiv": the capital as a government, a source.
    let speech_before = is_speech(&key(prev))
        || before.get(1).is_some_and(|w| {
            // A pair is built only after a word that starts a cue of several words.
            let w = key(w);
            w.split(' ')
                .next()
                .is_some_and(|first| lexicon().phrase_starts.contains(first))
                && is_speech(&format!("{w} {}", key(prev)))
        });
    if speech_before {
        return true;
    }
    if !lexicon().place_cues.venue.contains(prev) {
        return false;
    }
    // "the government said the villages of X were attacked": what was said, not where.
    if before.len() >= 2
        && lexicon().place_generics.get(key(&before[1]).as_ref()) == Some(&GenericRole::Settlement)
    {
        return false;
    }
    if sentence[..start].trim().len() <= 3 {
        let after = words_after(10);
        for (k, w) in after.iter().enumerate() {
            if tells_incident(w) {
                break;
            }
            let pair = after
                .get(k + 1)
                .filter(|_| lexicon().phrase_starts.contains(w.as_ref()))
                .map(|next| format!("{w} {next}"));
            if is_speech(w) || pair.as_deref().is_some_and(is_speech) {
                return true;
            }
        }
    }
    let window: Vec<Cow<'_, str>> = before.iter().map(|w| key(w)).collect();
    let mut pair = String::new();
    for (k, word) in window.iter().enumerate() {
        let word = word.as_ref();
        let has_pair = window.get(k + 1).is_some_and(|before| {
            if !lexicon().phrase_starts.contains(before.as_ref()) {
                return false;
            }
            pair.clear();
            pair.push_str(before);
            pair.push(' ');
            pair.push_str(word);
            true
        });
        if tells_incident(word) || (has_pair && tells_incident(&pair)) {
            return false;
        }
        if is_speech(word) || (has_pair && is_speech(&pair)) {
            return true;
        }
    }
    false
}

/// True when the words before a name make it where civilians of `victims.tsv` live:
/// "residents of X said", "villagers in X told AFP". They speak as witnesses of what
/// happened there, not from a venue.
fn lives_there(before: &[Cow<'_, str>]) -> bool {
    let lx = lexicon();
    before.len() >= 2
        && (lx.place_cues.venue.contains(before[0].as_ref())
            || lx.place_cues.connector.contains(before[0].as_ref()))
        && with_key(&before[1], |k| {
            lx.victims.get(k) == Some(&crate::lexicon::VictimRole::Civilian)
        })
}

/// True when the word after `end` is a lower-case group noun ("Somali commanders"): the
/// capitalised word before it is an adjective. No clause mark sits between an adjective
/// and its noun: in "in Gao, soldiers killed…" the comma ends the name.
fn before_group_noun(sentence: &str, end: usize) -> bool {
    let lx = lexicon();
    let rest = &sentence[end..];
    let gap = &rest[..rest.find(char::is_alphanumeric).unwrap_or(rest.len())];
    if gap.contains([',', ';', ':', '.', '(', ')', '–', '—']) {
        return false;
    }
    let mut next = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2);
    let lower = |w: &str| w.starts_with(|c: char| c.is_lowercase());
    match (next.next(), next.next()) {
        (Some(a), _) if lower(a) && with_key(a, |k| lx.group_nouns.contains(k)) => true,
        (Some(a), Some(b)) if lower(a) && lower(b) => {
            with_key(a, |k| lx.group_modifiers.contains(k))
                && with_key(b, |k| lx.group_nouns.contains(k))
        }
        _ => false,
    }
}

/// True when the word right after `end` is a lower-case event noun of the lexicon ("the
/// Bankass massacre", "l'embuscade"): the name before it says where that event was. A
/// past participle ("X attacked …") makes the name a subject, not a place.
fn before_event_noun(sentence: &str, end: usize) -> bool {
    let rest = &sentence[end..];
    if !rest.starts_with(' ') {
        return false;
    }
    let next = rest[1..]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    next.starts_with(|c: char| c.is_lowercase())
        && !next.ends_with("ed")
        && with_key(next, |k| lexicon().events.contains_key(k))
}

/// The last `n` words before `at`, nearest first, lower case.
fn words_before(sentence: &str, at: usize, n: usize) -> Vec<Cow<'_, str>> {
    let in_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut out = Vec::with_capacity(n);
    // Walking back: the end of the word being read, if inside one.
    let mut word_end: Option<usize> = None;
    for (i, c) in sentence[..at].char_indices().rev() {
        if out.len() == n {
            return out;
        }
        match (in_word(c), word_end) {
            (true, None) => word_end = Some(i + c.len_utf8()),
            (false, Some(end)) => {
                out.push(lower(&sentence[i + c.len_utf8()..end]));
                word_end = None;
            }
            _ => {}
        }
    }
    if let (Some(end), true) = (word_end, out.len() < n) {
        out.push(lower(&sentence[..end]));
    }
    out
}

/// The byte offset where the `n`th word before `at` starts (1: the word right before),
/// words read as [`words_before`] reads them; `at` when there are fewer.
fn word_start_before(sentence: &str, at: usize, n: usize) -> usize {
    let in_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut seen = 0;
    let mut in_one = false;
    for (i, c) in sentence[..at].char_indices().rev() {
        match (in_word(c), in_one) {
            (true, false) => in_one = true,
            (false, true) => {
                in_one = false;
                seen += 1;
                if seen == n {
                    return i + c.len_utf8();
                }
            }
            _ => {}
        }
    }
    if in_one && seen + 1 == n {
        0
    } else {
        at
    }
}

/// True for a preposition or article that may open a capitalised run ("In Gao"), case
/// aside.
fn is_leading_word(word: &str) -> bool {
    with_key(word, |k| lexicon().leading_words.contains(k))
}

/// True when a word names people of `victims.tsv` ("Residents", "Villagers"): capitalised
/// at the head of a sentence, it opens no name ("Residents of Monguno said…").
fn names_people(word: &str) -> bool {
    with_key(word, |k| lexicon().victims.contains_key(k))
}

/// A word in lower case, borrowed when it is lower case already.
fn lower(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The generic word right after a name ("Menaka region"), with the text up to its end.
fn trailing_generic(sentence: &str, end: usize) -> Option<usize> {
    let rest = &sentence[end..];
    let generics = &lexicon().place_generics;
    let mut best = None;
    let mut offset = 0;
    let mut phrase = String::new();
    for (i, word) in rest.split_inclusive(' ').take(3).enumerate() {
        let w = word.trim_end();
        let w = w.trim_end_matches([',', '.', ';', ')', ':']);
        if i == 0 && !word.starts_with(' ') && !w.is_empty() {
            break;
        }
        if !phrase.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(&key(w));
        offset += word.len();
        // Each later phrase starts with the same word: none is generic when no generic
        // word or phrase starts with it (most names are followed by no generic word).
        let opening = phrase.trim().split(' ').next().unwrap_or("");
        if !opening.is_empty() && !generic_starts().contains(opening) {
            break;
        }
        if generics
            .get(phrase.trim())
            .is_some_and(|r| *r != crate::lexicon::GenericRole::Connector)
        {
            best = Some(
                end + offset
                    - (word.len() - word.trim_end().len())
                    - (word.trim_end().len() - w.len()),
            );
        }
        if w.is_empty() && i > 0 {
            break;
        }
    }
    best
}

/// The first words of the generic words and phrases of `place_generics.tsv` other than
/// connectors ("local" of "local government area").
fn generic_starts() -> &'static HashSet<String> {
    static STARTS: OnceLock<HashSet<String>> = OnceLock::new();
    STARTS.get_or_init(|| {
        lexicon()
            .place_generics
            .iter()
            .filter(|(_, role)| **role != GenericRole::Connector)
            .filter_map(|(k, _)| k.split(' ').next())
            .map(str::to_string)
            .collect()
    })
}

/// An automaton of the words of some keys, case aside: an ASCII text in which it finds
/// none has no word whose key is one of the keys.
fn words_of<'a>(keys: impl Iterator<Item = &'a String>) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(keys.flat_map(|k| k.split(' ')).filter(|w| !w.is_empty()))
        .unwrap_or_else(|e| panic!("lexicon words: {e}"))
}

/// False when `words` (see [`words_of`]) finds nothing in an ASCII text: one pass that
/// spares looking up each of its words.
fn may_hold(text: &str, words: &AhoCorasick) -> bool {
    !text.is_ascii() || words.is_match(text)
}

/// False when an ASCII sentence holds no word of the `generic` words of
/// `place_generics.tsv` (the roles [`refers_to`] reads; any other is not ruled out).
fn may_name(sentence: &str, generic: GenericRole) -> bool {
    static WORDS: OnceLock<HashMap<GenericRole, AhoCorasick>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let generics = &lexicon().place_generics;
        [GenericRole::Admin1, GenericRole::Settlement]
            .into_iter()
            .map(|role| {
                let keys = generics.iter().filter(|(_, r)| **r == role).map(|(k, _)| k);
                (role, words_of(keys))
            })
            .collect()
    });
    words.get(&generic).is_none_or(|w| may_hold(sentence, w))
}

pub(crate) fn is_stopword(text: &str) -> bool {
    with_key(text, |key| lexicon().non_place_words.contains(key))
}

/// True when a sentence refers back to a settlement without naming it: "a crowd marched
/// through the town", "la ville" (a connector word then a settlement word of
/// `place_generics.tsv`, not followed by a name, and not after "to" or "from").
///
/// ```
/// use incimap::extract::annotate::places::refers_to_settlement;
/// assert!(refers_to_settlement("A crowd also marched through the town on Tuesday."));
/// assert!(!refers_to_settlement("Gunmen attacked the town of Kati."));
/// assert!(!refers_to_settlement("The troops went back to the town."));
/// ```
pub fn refers_to_settlement(sentence: &str) -> bool {
    refers_to(sentence, GenericRole::Settlement, false)
}

/// True when a sentence refers back to a region without naming it, as
/// [`refers_to_settlement`] does to a town, after a word that places something there:
/// "commanders in the region said", "dans la région" ("the state prosecutor" is the
/// government's).
///
/// ```
/// use incimap::extract::annotate::places::refers_to_region;
/// assert!(refers_to_region("Commanders in the region said 14 were killed."));
/// assert!(refers_to_region("Dans la région, 12 civils ont été tués."));
/// assert!(!refers_to_region("Gunmen attacked villages in the region of Mopti."));
/// assert!(!refers_to_region("The state prosecutor opened an investigation."));
/// ```
pub fn refers_to_region(sentence: &str) -> bool {
    refers_to(sentence, GenericRole::Admin1, true)
}

/// A connector word then a `generic` word of `place_generics.tsv`, not followed by a
/// name or another connector, not after "to" or "from"; after a place cue ("in",
/// "dans") when `after_cue`.
fn refers_to(sentence: &str, generic: GenericRole, after_cue: bool) -> bool {
    if !may_name(sentence, generic) {
        return false;
    }
    let lx = lexicon();
    let role = |w: &str| with_key(w, |k| lx.place_generics.get(k).copied());
    let mut words = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty());
    // A window of four words read once: the one before, the pair, the one after.
    let (mut before, mut first, mut second) = (None::<&str>, words.next(), words.next());
    while let (Some(w0), Some(w1)) = (first, second) {
        let after = words.next();
        let next = after.unwrap_or("");
        if w1.starts_with(char::is_lowercase)
            && role(w1) == Some(generic)
            && role(w0) == Some(GenericRole::Connector)
            && role(next) != Some(GenericRole::Connector)
            && !next.starts_with(char::is_uppercase)
            && !before.is_some_and(|b| lx.place_cues.away.contains(lower(b).as_ref()))
            && (!after_cue
                || before.is_some_and(|b| lx.place_cues.incident.contains(lower(b).as_ref())))
        {
            return true;
        }
        (before, first, second) = (first, second, after);
    }
    false
}

/// The part of a city a sentence names without naming the city: a common noun of
/// `city_parts.tsv` after an article or connector within three words ("outside the
/// French embassy", "struck the Naivasha market", "dans la capitale"), lower case, not
/// after "to" or "from" (where people went).
///
/// ```
/// use incimap::extract::annotate::places::city_part_named;
/// use incimap::lexicon::CityPart;
/// assert_eq!(city_part_named("Two gunmen opened fire outside the French embassy."), Some(CityPart::Part));
/// assert_eq!(city_part_named("Police shot three protesters in the capital."), Some(CityPart::Capital));
/// assert_eq!(city_part_named("Une bombe a explosé dans le grand marché."), Some(CityPart::Part));
/// assert_eq!(city_part_named("The wounded were flown to the capital."), None);
/// assert_eq!(city_part_named("Gunmen killed five herders."), None);
/// ```
pub fn city_part_named(sentence: &str) -> Option<CityPart> {
    static PARTS: OnceLock<AhoCorasick> = OnceLock::new();
    let lx = lexicon();
    if !may_hold(
        sentence,
        PARTS.get_or_init(|| words_of(lx.city_parts.keys())),
    ) {
        return None;
    }
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().find_map(|(i, w)| {
        if !w.starts_with(char::is_lowercase) {
            return None;
        }
        let part = with_key(w, |k| lx.city_parts.get(k).copied())?;
        let before = &words[i.saturating_sub(3)..i];
        let determined = before.iter().any(|b| {
            with_key(b, |k| lx.place_generics.get(k).copied()) == Some(GenericRole::Connector)
        });
        let away = before
            .iter()
            .any(|b| lx.place_cues.away.contains(lower(b).as_ref()));
        (determined && !away).then_some(part)
    })
}

/// True for a name in quotation marks (a nickname: the commander known as "Calarcá"),
/// after "ethnic" (a people: "ethnic Amhara") or next to a river word (a river: "le
/// fleuve Comoé", "the Benue River").
fn quoted_or_ethnic(before: &[Cow<'_, str>], sentence: &str, start: usize, end: usize) -> bool {
    const QUOTES: [char; 4] = ['"', '“', '”', '«'];
    let quoted = sentence[..start].trim_end().ends_with(QUOTES)
        && sentence[end..]
            .trim_start()
            .starts_with(['"', '“', '”', '»']);
    let cues = &lexicon().place_cues;
    let ethnic = before
        .first()
        .is_some_and(|w| cues.ethnonym.contains(w.as_ref()));
    let next = sentence[end..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let river = before
        .first()
        .is_some_and(|w| cues.river.contains(w.as_ref()))
        || cues.river.contains(lower(next).as_ref());
    quoted || ethnic || river
}

/// True for an acronym in brackets after the name it shortens: "the Rapid Intervention
/// Battalion (BIR)", "the Defence Ministry (SEDENA)".
fn bracketed_acronym(sentence: &str, start: usize, end: usize) -> bool {
    let text = &sentence[start..end];
    text.len() >= 2
        && text.chars().all(|c| c.is_uppercase())
        && sentence[..start].ends_with('(')
        && sentence[end..].starts_with(')')
}

/// Every candidate place name in a sentence, unresolved, with its role.
///
/// ```
/// use incimap::extract::annotate::places::{spot, Role};
/// let m = spot("Zelensky disclosed it while addressing the Security Council in New York.");
/// assert_eq!(m.last().unwrap().role, Role::Venue, "where someone spoke");
/// let m = spot("The president condemned the attack in Mopti.");
/// assert_eq!(m.last().unwrap().role, Role::Incident, "an event word comes between");
/// let m = spot("In Islamabad, Prime Minister Shehbaz Sharif called Monday's attack an assault.");
/// assert_eq!(m[0].role, Role::Venue);
/// let m = spot("Officials said 12 people were killed in Kati.");
/// assert_eq!(m.last().unwrap().role, Role::Incident);
/// let m = spot("In Kati, gunmen killed 12 people, officials said.");
/// assert_eq!(m[0].role, Role::Incident);
/// assert!(spot("Somali commanders said 14 were killed.").is_empty(), "an adjective");
/// assert!(spot("Somali security forces ended the siege.").is_empty());
/// assert!(spot("The elite battalion (BIR) withdrew.").is_empty(), "an acronym");
/// assert!(spot("They attacked the Indelimane military base.").iter().any(|m| m.text.starts_with("Indelimane")));
/// let m = spot("In Zaporizhzhia, missiles hit the plant.");
/// assert_eq!(m[0].text, "Zaporizhzhia");
/// ```
pub fn spot(sentence: &str) -> Vec<Mention> {
    spot_with(sentence, &find_distances(sentence))
}

/// Every candidate place name in a clause whose distances are read already.
pub fn spot_with(sentence: &str, distances: &[Distance]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut words: Vec<(usize, usize)> = Vec::new();
    for (run_start, run_end) in names::runs(sentence) {
        // Try the longest run of words first, then shorter ones from the left.
        run_words(sentence, run_start, run_end, &mut words);
        let mut i = 0;
        while i < words.len() {
            // A capitalised preposition or article opening the run ("In Zaporizhzhia,
            // missiles hit…") is not part of the name, nor the lower-case connector after
            // it ("Près de Moundou"), nor a noun of people ("Residents of Monguno").
            let word = &sentence[words[i].0..words[i].1];
            if i + 1 < words.len()
                && (is_leading_word(word)
                    || word.starts_with(char::is_lowercase)
                    || names_people(word))
            {
                i += 1;
                continue;
            }
            if let Some(k) = title_after(sentence, &words, i) {
                i = k + 1;
                continue;
            }
            let last = last_word(sentence, &words, i);
            // The eight words before the name, nearest first: what its role is read from
            // (read once, when a candidate gets that far).
            let mut words_in_front: Option<Vec<Cow<'_, str>>> = None;
            let taken = (i..=last).rev().find_map(|j| {
                candidate(sentence, distances, &words, i, j, &mut words_in_front).map(|m| (j, m))
            });
            match taken {
                Some((j, mention)) => {
                    out.push(mention);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// The words of the capitalised run `run_start..run_end` into `words`, as byte spans in
/// the sentence. A run that is a road's two ends joined by a dash ("the Djibo-Ouahigouya
/// road", "l'axe Gao-Ansongo"; see [`names_road_ends`]) gives its two names.
fn run_words(sentence: &str, run_start: usize, run_end: usize, words: &mut Vec<(usize, usize)>) {
    let run = &sentence[run_start..run_end];
    words.clear();
    words.extend(
        run.split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .map(|w| {
                let start = run_start + (w.as_ptr() as usize - run.as_ptr() as usize);
                (start, start + w.len())
            }),
    );
    if let [(start, end)] = words[..] {
        if let Some(dash) = names_road_ends(sentence, start, end) {
            words.clear();
            words.extend([(start, dash), (dash + 1, end)]);
        }
    }
}

/// Where the dash stands in the word `start..end` when it joins the two capitalised ends
/// of a road that a road word of `place_cues.tsv` names right before or after it.
fn names_road_ends(sentence: &str, start: usize, end: usize) -> Option<usize> {
    let word = &sentence[start..end];
    let dash = word.find('-')?;
    let (first, second) = (&word[..dash], &word[dash + 1..]);
    let capitalised = |w: &str| w.chars().count() > 1 && w.starts_with(char::is_uppercase);
    if !capitalised(first) || !capitalised(second) || second.contains('-') {
        return None;
    }
    let road = |w: Option<&str>| {
        w.is_some_and(|w| {
            lexicon()
                .place_cues
                .road
                .contains(w.to_lowercase().as_str())
        })
    };
    let before = sentence[..start]
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty());
    let after = sentence[end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    (road(before) || road(after)).then_some(start + dash)
}

/// The index of a title among the five words after the `i`th, if any.
fn title_after(sentence: &str, words: &[(usize, usize)], i: usize) -> Option<usize> {
    // A title after a name makes the name an adjective: "Lanao del Sur Governor
    // Mamintal Adiong", "the Kidal Mayor". A word of a generic phrase is no title
    // ("Maru Local Government Area").
    (i + 1..words.len().min(i + 6)).find(|&k| {
        with_key(&sentence[words[k].0..words[k].1], |key| {
            lexicon().group_nouns.contains(key)
        }) && !(k.saturating_sub(2)..=k).any(|from| {
            (k.max(from + 1)..words.len().min(from + 3))
                .any(|to| generic_phrase(sentence, words, from, to))
        })
    })
}

/// True when the words `from` to `to` of a run (inclusive) are a generic word or phrase
/// of `place_generics.tsv` other than a connector ("LGA", "Local Government Area").
fn generic_phrase(sentence: &str, words: &[(usize, usize)], from: usize, to: usize) -> bool {
    let phrase = words[from..=to]
        .iter()
        .map(|&(s, e)| key(sentence[s..e].trim_end_matches([',', ';', ':'])).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    lexicon()
        .place_generics
        .get(phrase.as_str())
        .is_some_and(|r| *r != GenericRole::Connector)
}

/// The index of the last word a name from the `i`th word may take: at most five words,
/// up to the first possessive, or up to a generic word that a connector follows ("Gwoza
/// LGA of Borno State" is two names, the unit then its state).
fn last_word(sentence: &str, words: &[(usize, usize)], i: usize) -> usize {
    // A possessive ends a name: "Mali's Bankass district" is two.
    let possessive = |k: usize| {
        let w = &sentence[words[k].0..words[k].1];
        w.ends_with("'s") || w.ends_with("’s")
    };
    let generic_then_connector = |k: usize| {
        words.get(k + 1).is_some_and(|&(s, e)| {
            with_key(&sentence[s..e], |w| {
                lexicon().place_generics.get(w) == Some(&GenericRole::Connector)
            })
        }) && (i + 1..=k)
            .rev()
            .take(3)
            .any(|from| generic_phrase(sentence, words, from, k))
    };
    // The first end of a road ("Djibo" of "Djibo-Ouahigouya road") ends at its dash.
    let road_end = |k: usize| sentence[words[k].1..].starts_with('-');
    (i..words.len().min(i + 5))
        .find(|&k| possessive(k) || road_end(k) || k > i && generic_then_connector(k))
        .unwrap_or(words.len().min(i + 5) - 1)
}

/// The mention made by the words `i` to `j` of a run, or `None` when they are no place
/// (a stopword, an adjective before a group noun, a bracketed acronym, a quoted or ethnic
/// name). `words_in_front` holds the eight words before the `i`th, read by the first
/// candidate from there that needs them.
fn candidate<'a>(
    sentence: &'a str,
    distances: &[Distance],
    words: &[(usize, usize)],
    i: usize,
    j: usize,
    words_in_front: &mut Option<Vec<Cow<'a, str>>>,
) -> Option<Mention> {
    let start = words[i].0;
    let mut end = words[j].1;
    for suffix in ["’s", "'s"] {
        if sentence[start..end].ends_with(suffix) {
            end -= suffix.len();
        }
    }
    let text = &sentence[start..end];
    if j == i
        && with_key(&sentence[words[i].0..words[i].1], |k| {
            lexicon().place_generics.contains_key(k)
        })
    {
        return None;
    }
    if is_stopword(text)
        || (i == j && before_group_noun(sentence, end))
        || bracketed_acronym(sentence, start, end)
    {
        return None;
    }
    let before: &[Cow<'_, str>] =
        words_in_front.get_or_insert_with(|| words_before(sentence, start, 8));
    if quoted_or_ethnic(before, sentence, start, end) {
        return None;
    }
    // "a Fulani village", "another Dogon village": a kind of village, not one named so.
    // (The word as written: "à" is no "a".)
    let described = before
        .first()
        .is_some_and(|w| lexicon().apposition.get(w.as_ref()) == Some(&AppositionWord::Indefinite));
    let (full_end, with_generic) = match trailing_generic(sentence, end) {
        Some(_) if described => return None,
        Some(e) => (e, true),
        None => (end, false),
    };
    let prev = before.first().map(Cow::as_ref).unwrap_or("");
    let distance = distances.iter().find(|d| d.place_at == start).copied();
    // "the Bankass massacre", "toll from Solhan attack": the name tells where the event
    // noun after it happened, whatever the word before the phrase governs.
    let names_event = !with_generic && before_event_noun(sentence, end);
    let role = if names_event && distance.is_none() {
        Role::Incident
    } else {
        role_of(before, sentence, start, end, distance.is_some())
    };
    let generics = &lexicon().place_generics;
    // (Connectors are short words: "of", "the", "de", "du", "la".)
    let generic_of = before.len() >= 2
        && before[0].len() <= 3
        && generics.get(key(&before[0]).as_ref()) == Some(&GenericRole::Connector)
        && generics
            .get(key(&before[1]).as_ref())
            .is_some_and(|r| *r != GenericRole::Connector);
    let part_of = names_part_of(before);
    // "près de X", "non loin de X", "outside of X": a cue, then a connector. A connector
    // that is also a cue ("of") cues a name only after another cue.
    let cues = &lexicon().place_cues;
    let cue_then_connector = before.len() >= 2
        && cues.connector.contains(prev)
        && cues.incident.contains(before[1].as_ref())
        && !cues.connector.contains(before[1].as_ref());
    // "l'attaque de X", "the massacre of X": an event word, then a connector.
    let event_then_connector = before.len() >= 2
        && cues.connector.contains(prev)
        && lexicon().events.contains_key(key(&before[1]).as_ref());
    let cued = with_generic
        || generic_of
        || part_of
        || distance.is_some()
        || cues.incident.contains(prev) && !cues.connector.contains(prev)
        || cue_then_connector
        || event_then_connector
        || lives_there(before)
        || names_event
        || role != Role::Incident;
    // "the region of Mopti", "cercle de Bankass", "province du Soum": the unit, as
    // "Mopti region" would be; "the town of Kati" stays "Kati".
    let unit_before = generic_of
        && matches!(
            generics.get(key(&before[1]).as_ref()),
            Some(GenericRole::Admin1 | GenericRole::Area)
        );
    let start = if unit_before && !with_generic {
        word_start_before(sentence, start, 2)
    } else {
        start
    };
    let text = &sentence[start..full_end];
    let query = parse_query(text);
    // "the French-run base", "a Malian-led camp": whose it is, not a name.
    let national = text
        .split(['-', ' '])
        .next()
        .is_some_and(|w| with_key(w, |k| lexicon().demonym_keys.contains_key(k)));
    let settlement = !national
        && (query.cue == Some(Cue::Settlement)
            || (generic_of
                && generics.get(key(&before[1]).as_ref()) == Some(&GenericRole::Settlement)));
    Some(Mention {
        start,
        end: full_end,
        text: text.to_string(),
        query,
        role,
        cued,
        place: None,
        precision: 1,
        distance,
        basis: Basis::Gazetteer,
        settlement,
    })
}

/// True when the words before a name (nearest first) make it the place a part or a
/// facility belongs to: a connector right before it, then a noun of `city_parts.tsv`
/// among the three words before the connector ("la mosquée de X", "the mosque of X",
/// "le détachement militaire de X", "le poste de gendarmerie de X", "the army outpost of
/// X").
fn names_part_of(before: &[Cow<'_, str>]) -> bool {
    let lx = lexicon();
    let connector =
        |w: &str| lx.place_generics.get(key(w).as_ref()) == Some(&GenericRole::Connector);
    before.len() >= 2
        && before[0].len() <= 3
        && connector(&before[0])
        && before[1..before.len().min(4)]
            .iter()
            .any(|w| lx.city_parts.contains_key(key(w).as_ref()))
}

/// The role of the name at `start..end`, read from the eight words `before` it (nearest
/// first) and the sentence around it; `distance` is true when a distance phrase ends
/// right before it.
///
/// - [`Role::Reference`] after a distance ("85 km from X", "40 kilometres north-east of
///   X"), a compass point ("north of X") or "from" or "of" after a distance word ("a few
///   kilometres from X").
/// - [`Role::Away`] after a destination cue ("fled to X", "reached X") or a care place
///   among the three words before ("died at the general hospital in Huixtla").
/// - [`Role::Venue`] where someone spoke ("told reporters in X", "X said"; see
///   `is_venue`).
/// - [`Role::Incident`] otherwise ("in X", "attacked X").
fn role_of(
    before: &[Cow<'_, str>],
    sentence: &str,
    start: usize,
    end: usize,
    distance: bool,
) -> Role {
    let prev = before.first().map(Cow::as_ref).unwrap_or("");
    let cues = &lexicon().place_cues;
    // "north of X": a compass point, then its word.
    let compass = before.len() >= 2
        && cues
            .compass
            .get(before[0].as_ref())
            .is_some_and(|points| points.contains(before[1].as_ref()));
    if distance
        || compass
        || (cues.reference.contains(prev)
            && before
                .get(1)
                .is_some_and(|w| w.ends_with("km") || w.starts_with("kilomet")))
    {
        Role::Reference
    } else if cues.away.contains(prev)
        // "qui rentrait de Téra": a word of going, then its connector.
        || (cues.connector.contains(prev)
            && before.get(1).is_some_and(|w| cues.away.contains(w.as_ref())))
        // "withdrew from their camp in X", "fuyant le marché de X": a word of going, at
        // most one word, a part of a town, its connector: the town people left.
        || ((cues.connector.contains(prev) || cues.destination.contains(prev))
            && before
                .get(1)
                .is_some_and(|w| lexicon().city_parts.contains_key(key(w).as_ref()))
            && before[2..before.len().min(4)]
                .iter()
                .any(|w| cues.away.contains(w.as_ref())))
        || (cues.destination.contains(prev)
            && before.get(1).is_some_and(|w| lexicon().is_arrival(&key(w))))
        || before
            .iter()
            .take(3)
            .any(|w| cues.care.contains(w.as_ref()))
    {
        Role::Away
    } else if is_venue(before, sentence, start, end) {
        Role::Venue
    } else {
        Role::Incident
    }
}
