//! The word lists that incimap reads text with, loaded from the per-language data files
//! under `lexicon/` (see its README). The files are compiled into the binary; every
//! language's entries are merged into one [`Lexicon`].

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::gazetteer::normalize::normalize;

struct LanguageFiles {
    code: &'static str,
    function_words: &'static str,
    elisions: &'static str,
    distances: &'static str,
    city_parts: &'static str,
    apposition: &'static str,
    place_generics: &'static str,
    place_stopwords: &'static str,
    leading_words: &'static str,
    persons: &'static str,
    months: &'static str,
    weekdays: &'static str,
    numbers: &'static str,
    quantities: &'static str,
    hedges: &'static str,
    relative_dates: &'static str,
    events: &'static str,
    victims: &'static str,
    casualties: &'static str,
    actors: &'static str,
    boilerplate: &'static str,
    date_lines: &'static str,
    background: &'static str,
    abbreviations: &'static str,
    toll_updates: &'static str,
    ground_assault: &'static str,
    totals: &'static str,
    things: &'static str,
    group_nouns: &'static str,
    demonyms: &'static str,
    toll_links: &'static str,
    clauses: &'static str,
    place_cues: &'static str,
    definite: &'static str,
}

macro_rules! language {
    ($lang:literal) => {
        LanguageFiles {
            code: $lang,
            function_words: include_str!(concat!("../lexicon/", $lang, "/function_words.txt")),
            elisions: include_str!(concat!("../lexicon/", $lang, "/elisions.txt")),
            distances: include_str!(concat!("../lexicon/", $lang, "/distances.tsv")),
            city_parts: include_str!(concat!("../lexicon/", $lang, "/city_parts.tsv")),
            apposition: include_str!(concat!("../lexicon/", $lang, "/apposition.tsv")),
            place_generics: include_str!(concat!("../lexicon/", $lang, "/place_generics.tsv")),
            place_stopwords: include_str!(concat!("../lexicon/", $lang, "/place_stopwords.txt")),
            persons: include_str!(concat!("../lexicon/", $lang, "/persons.tsv")),
            leading_words: include_str!(concat!("../lexicon/", $lang, "/leading_words.txt")),
            months: include_str!(concat!("../lexicon/", $lang, "/months.tsv")),
            weekdays: include_str!(concat!("../lexicon/", $lang, "/weekdays.tsv")),
            numbers: include_str!(concat!("../lexicon/", $lang, "/numbers.tsv")),
            quantities: include_str!(concat!("../lexicon/", $lang, "/quantities.tsv")),
            hedges: include_str!(concat!("../lexicon/", $lang, "/hedges.tsv")),
            relative_dates: include_str!(concat!("../lexicon/", $lang, "/relative_dates.tsv")),
            events: include_str!(concat!("../lexicon/", $lang, "/events.tsv")),
            victims: include_str!(concat!("../lexicon/", $lang, "/victims.tsv")),
            casualties: include_str!(concat!("../lexicon/", $lang, "/casualties.tsv")),
            actors: include_str!(concat!("../lexicon/", $lang, "/actors.tsv")),
            boilerplate: include_str!(concat!("../lexicon/", $lang, "/boilerplate.txt")),
            date_lines: include_str!(concat!("../lexicon/", $lang, "/date_lines.txt")),
            background: include_str!(concat!("../lexicon/", $lang, "/background.tsv")),
            abbreviations: include_str!(concat!("../lexicon/", $lang, "/abbreviations.txt")),
            toll_updates: include_str!(concat!("../lexicon/", $lang, "/toll_updates.txt")),
            ground_assault: include_str!(concat!("../lexicon/", $lang, "/ground_assault.txt")),
            totals: include_str!(concat!("../lexicon/", $lang, "/totals.txt")),
            things: include_str!(concat!("../lexicon/", $lang, "/things.tsv")),
            clauses: include_str!(concat!("../lexicon/", $lang, "/clauses.tsv")),
            group_nouns: include_str!(concat!("../lexicon/", $lang, "/group_nouns.tsv")),
            demonyms: include_str!(concat!("../lexicon/", $lang, "/demonyms.tsv")),
            toll_links: include_str!(concat!("../lexicon/", $lang, "/toll_links.tsv")),
            place_cues: include_str!(concat!("../lexicon/", $lang, "/place_cues.tsv")),
            definite: include_str!(concat!("../lexicon/", $lang, "/definite.txt")),
        }
    };
}

const LANGUAGES: [LanguageFiles; 2] = [language!("en"), language!("fr")];

/// The role of a generic word next to a place name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GenericRole {
    /// "region", "state", "province": the name is a first-level division.
    Admin1,
    /// "district", "cercle", "department": the name is an administrative area.
    Area,
    /// "town", "village": the name is a settlement.
    Settlement,
    /// "of", "de": joins a generic word to a name.
    Connector,
}

/// The part a word plays in describing a place by another (`apposition.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppositionWord {
    /// Opens the description: "the", "le".
    Head,
    /// Opens the description as one of a kind: "a", "another", "une". Before a
    /// capitalised word and a kind of place it makes a description, not a name: "a
    /// Fulani village" is no village called Fulani.
    Indefinite,
    /// Joins the name to the description: "is", "est".
    Verb,
    /// Names the other place: "in", "of", "de".
    Within,
    /// Gives another spelling or name of the place in an aside before its description:
    /// "also spelt", "known as", "ou".
    Alias,
    /// Lists another place of the same kind after it: "the villages of X and Y", "les
    /// villages de X et Y".
    And,
}

impl AppositionWord {
    /// True for a word that opens a description: [`AppositionWord::Head`] or
    /// [`AppositionWord::Indefinite`].
    pub fn opens(self) -> bool {
        matches!(self, AppositionWord::Head | AppositionWord::Indefinite)
    }
}

/// The words around a place name that say what it is to the story (`place_cues.tsv`),
/// lower case as written, accents kept: "à" is no "a".
///
/// ```
/// let cues = &incimap::lexicon::lexicon().place_cues;
/// assert!(cues.incident.contains("près") && !cues.incident.contains("pres"));
/// assert!(cues.away.contains("quittant") && cues.care.contains("hôpital"));
/// assert!(cues.compass["of"].contains("north-west"));
/// assert!(cues.auxiliary.contains("avaient"));
/// ```
#[derive(Debug, Default)]
pub struct PlaceCues {
    /// The place is where it happened: "in", "attacked", "dans", "près".
    pub incident: HashSet<String>,
    /// After a distance word, the place is measured from: "from", "of", "de".
    pub reference: HashSet<String>,
    /// People went there or came from there: "to", "reached", "vers", "quittant".
    pub away: HashSet<String>,
    /// A people's name follows, no place: "ethnic", "ethnique".
    pub ethnonym: HashSet<String>,
    /// A river's name follows or comes before, no place: "river", "fleuve", "rivière".
    pub river: HashSet<String>,
    /// Where the wounded and the dead are taken: "hospital", "morgue", "hôpital".
    pub care: HashSet<String>,
    /// Before a name that may be where someone spoke: "in", "at", "à".
    pub venue: HashSet<String>,
    /// After an arrival word, before where people went: "in", "to", "à", "dans".
    pub destination: HashSet<String>,
    /// Joins a cue or an event word to the name: "of", "de", "d", "du".
    pub connector: HashSet<String>,
    /// A road named by its two ends joined by a dash, right before or after them: "the
    /// Djibo-Ouahigouya road", "l'axe Gao-Ansongo".
    pub road: HashSet<String>,
    /// Between a name and a speech word, normalised: "had", "a", "ont".
    pub auxiliary: HashSet<String>,
    /// The word after a compass point → the compass points before it ("of" → "north",
    /// "south-west"…).
    pub compass: HashMap<String, HashSet<String>>,
}

/// What a common noun of a part of a city names (`city_parts.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CityPart {
    /// "the capital", "la capitale": the capital of the article's country.
    Capital,
    /// "the market", "l'ambassade": a part of the last town named.
    Part,
}

/// When a count was told, as the words around it say (`toll_updates.txt`, column 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TollStage {
    /// A first count, before all were found: "a first toll", "un bilan provisoire".
    First,
    /// A later count that replaces the first: "a new toll", "le dernier bilan", or any
    /// count read after a phrase that carries the toll forward ("rose to", "s'est
    /// alourdi à").
    Updated,
    /// A sum over several incidents, no count of one: "taken together, the two raids
    /// killed 64", "le bilan cumulé des deux attaques".
    Combined,
}

/// What a word between a count and its casualty word does (`toll_links.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TollLink {
    /// Stands between them and says nothing ("were", "people").
    Link,
    /// "had", "ont": without a passive word, the group counted did the killing.
    Auxiliary,
    /// "been", "été": the counted were killed.
    Passive,
    /// "also": a count added to one told elsewhere.
    Added,
    /// "more", "autres", right after the count: it counts more than one told before it
    /// ("29 more bodies", "sept autres corps").
    More,
}

/// How a hedge word bends the figure after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    /// "at least 49": 49 is the lowest figure.
    Min,
    /// "more than 70": at least 71.
    Over,
    /// "about 100": the figure, approximately.
    About,
    /// "up to 165": at most the figure.
    Max,
}

/// A date word relative to the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeDate {
    /// How many units from the anchor (negative: before).
    pub offset: i64,
    /// "day", "week", "month", "year" or "weekend".
    pub unit: RelativeUnit,
    /// True when counted from the day the story last told ("the next day", "le
    /// lendemain", "the same day"), not from the publication date ("yesterday").
    pub from_story: bool,
}

/// The unit of a [`RelativeDate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeUnit {
    /// Days.
    Day,
    /// Weeks: the date is known to the week.
    Week,
    /// Months: the date is known to the month.
    Month,
    /// Years: background.
    Year,
    /// The weekend before the anchor (Saturday).
    Weekend,
}

/// What an event word suggests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventWord {
    /// The ACLED event type, or "" when the word only says violence happened.
    pub event_type: String,
    /// The ACLED sub-event type, or "".
    pub sub_event_type: String,
    /// How strongly the word marks an incident: 2 on its own, 1 with a toll or a victim.
    pub strength: u8,
    /// The accented word whose key is the same, which the text may mean instead ("marché",
    /// a market, for "marche", a march), or "".
    pub homograph: String,
}

/// Who a victim word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VictimRole {
    /// Civilians, villagers, worshippers.
    Civilian,
    /// Soldiers, police, gendarmes.
    Force,
    /// Militants, attackers.
    Militant,
}

/// What a casualty word counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CasualtyRole {
    /// Killed, dead, died, bodies.
    Killed,
    /// Wounded, injured, hurt.
    Injured,
    /// Missing, disappeared: counted apart, in no toll ("nine soldiers missing and seven
    /// attackers killed" kills seven).
    Missing,
}

/// The role of a background cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackgroundRole {
    /// A history marker ("since", "in 2012"): the sentence is background.
    History,
    /// Reporting or statements: the place is where someone spoke.
    Speech,
    /// Names who told it ("selon", "according to"): a place right after is the source
    /// (the capital as a government), but a date before it stays the incident's
    /// ("killed on Sunday, according to the army").
    Source,
    /// A photo caption marker.
    Caption,
    /// A forecast or an analyst's assessment ("likely to continue"): the sentence tells
    /// what may come, not what happened.
    Outlook,
    /// People moved ("arrived", "réfugiés", "evacuated"): a place after it and a
    /// preposition is where they went, not where the incident was.
    Arrival,
    /// Opens a period ("since", "depuis"): a date after it starts a span of time, it is
    /// not an incident's day.
    Period,
    /// Closes a period ahead ("d'ici"): a date after it is a deadline, no incident's day.
    Until,
    /// Claims an attack ("claimed"): a date after it, in its clause, is the claim's day
    /// unless it names the attack's own ("claimed Monday's attack").
    Claim,
    /// Tells what followed an incident ("buried", "funeral", "obsèques"): a clause with it
    /// reports on an incident told before, on a later day, and is no new incident.
    Aftermath,
}

/// All languages' word lists, keyed by their [`normalize`]d form.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// The language codes, in the order their folders are read ("en", "fr").
    pub languages: Vec<&'static str>,
    /// Function words → the index in `languages` of the one language that uses them.
    pub function_words: HashMap<String, usize>,
    /// Length units of distances ("km", "miles") → kilometres in one.
    pub distance_units: HashMap<String, f64>,
    /// Directions ("north-west", "sud-ouest") → degrees clockwise from north.
    pub bearings: HashMap<String, f64>,
    /// Words that may stand between a distance and the place it is measured from ("of",
    /// "to the", "au", "de").
    pub distance_links: HashSet<String>,
    /// Words right after a place name that say where it lies, so that a distance later
    /// in the sentence measures it ("X lies 40 km…", "X sits…", "X, situé à…").
    pub place_locators: HashSet<String>,
    /// Common nouns of a part of a city ("market", "embassy", "quartier") → whether the
    /// noun is the capital itself.
    pub city_parts: HashMap<String, CityPart>,
    /// The words of a description of a place by another (`apposition.tsv`): what may
    /// open it ("a", "une"), the verb before it ("is", "est"), and the word that names
    /// the other place ("in", "de").
    pub apposition: HashMap<String, AppositionWord>,
    /// Words elided before a vowel, lower case ("l", "d", "qu", "jusqu"): the apostrophe
    /// after one separates two words ("l'attaque").
    pub elisions: HashSet<String>,
    /// Words that open a clause telling another incident ("after", "après"), as written
    /// in lower case (`clauses.tsv`).
    pub clause_openers: Vec<String>,
    /// Words that may follow an opener ("a", "the", "at least", "le", "l").
    pub clause_starts: Vec<String>,
    /// Words of time that make what comes before an opener a date phrase ("days", "nuit").
    pub clause_spans: HashSet<String>,
    /// Generic words around place names.
    pub place_generics: HashMap<String, GenericRole>,
    /// Capitalised words that are not to be read as places.
    pub place_stopwords: HashSet<String>,
    /// Words that open a run of capitalised words before a place name without being
    /// part of it ("In", "À"), from `leading_words.txt`.
    pub leading_words: HashSet<String>,
    /// Titles before a person's name ("Colonel", "M."), from `persons.tsv`.
    pub person_titles: HashSet<String>,
    /// Occupations that describe a person's name after it ("a sociology professor").
    pub person_occupations: HashSet<String>,
    /// Month names and abbreviations → month number (1–12).
    pub months: HashMap<String, u32>,
    /// Weekday names → ISO weekday number (1 = Monday).
    pub weekdays: HashMap<String, u32>,
    /// Number words → value, with multipliers marked.
    pub numbers: HashMap<String, (u64, bool)>,
    /// Ordinal words → rank: "fourth" → 4, "quatrième" → 4 (never read as counts).
    pub ordinals: HashMap<String, u64>,
    /// Number words that are also indefinite articles ("a", "an", "un", "une"): "a
    /// statement" counts nothing, "a soldier" counts one.
    pub indefinite_articles: HashSet<String>,
    /// Vague quantities → the least they can mean, their whole range ("dozens" → 24).
    pub quantities: HashMap<String, u64>,
    /// Hedge phrases before a figure.
    pub hedges: HashMap<String, Hedge>,
    /// Relative date phrases.
    pub relative_dates: HashMap<String, RelativeDate>,
    /// Counted relative date phrases, as written in lower case with `{n}` where the count
    /// stands ("{n} days ago", "il y a {n} jours"): the offset is per unit counted.
    pub counted_dates: Vec<(String, RelativeDate)>,
    /// Phrases that count back from the date told just before them, as written in lower
    /// case, `{n}` where a count stands ("{n} days after", "au lendemain"): "on Sunday,
    /// two days after the raid" is the Friday. The offset is per unit counted.
    pub anchored_dates: Vec<(String, RelativeDate)>,
    /// Phrases counted from the incident that the words after them name, as written in
    /// lower case, `{n}` where a count stands: "the day before the raid", "six jours avant
    /// la tuerie". The offset is per unit counted.
    pub incident_dates: Vec<(String, RelativeDate)>,
    /// Event words.
    pub events: HashMap<String, EventWord>,
    /// Victim words.
    pub victims: HashMap<String, VictimRole>,
    /// Victim words that name what was hit, not people ("camp", "convoy", "patrol"): "a
    /// camp" counts no one.
    pub victim_targets: HashSet<String>,
    /// Casualty words.
    pub casualties: HashMap<String, CasualtyRole>,
    /// Actor aliases → canonical actor name (`{country}` stands for the incident's country).
    pub actors: Vec<(String, String)>,
    /// The canonical names of the forces of a state (`state` in `actors.tsv`), up to where
    /// `{country}` stands: "Military Forces of ", "MINUSMA". An actor named so starts with
    /// one.
    pub state_actors: Vec<String>,
    /// The aliases of `actors`, for membership tests.
    pub actor_aliases: HashSet<String>,
    /// Words and phrases never read as a place name on their own: the place stopwords
    /// and every other word the lexicon knows (function words, vague quantities, months,
    /// weekdays, event, victim and casualty words, numbers, hedges, actor aliases) and
    /// nationality adjectives ("Malian", "French").
    pub non_place_words: HashSet<String>,
    /// Event, casualty and victim words: the words that tell of an incident.
    pub incident_words: HashSet<String>,
    /// The first words of the two-word (or longer) incident words and speech cues: a
    /// pair of words is looked up only when its first word starts one.
    pub phrase_starts: HashSet<String>,
    /// Line prefixes of page furniture, lower case.
    pub boilerplate: Vec<String>,
    /// Words that may stand beside a date in a header line that gives the publication
    /// date ("Posted on", "Mis à jour le … à 10h15", "GMT"), normalised.
    pub date_line_words: HashSet<String>,
    /// Background cues.
    pub background: Vec<(String, BackgroundRole)>,
    /// The roles of each background cue, for lookups by phrase.
    background_roles: HashMap<String, Vec<BackgroundRole>>,
    /// Abbreviations that end with a full stop but not a sentence.
    pub abbreviations: HashSet<String>,
    /// Casualty words as written (lower case, accents kept), for searching raw text.
    pub casualty_words: Vec<String>,
    /// The first words of casualty phrases of several words ("shot" of "shot dead",
    /// "perdu" of "perdu la vie"), with the most words of a phrase they start.
    pub casualty_phrase_starts: HashMap<String, usize>,
    /// Nouns for groups of people: a capitalised word before one is an adjective.
    pub group_nouns: HashSet<String>,
    /// Words that may stand between such an adjective and its group noun ("security").
    pub group_modifiers: HashSet<String>,
    /// Words between a count and its casualty word, by role.
    pub toll_links: HashMap<String, TollLink>,
    /// Nationality adjectives as written ("Malian", "burkinabè") → ISO country code.
    pub demonyms: Vec<(String, String)>,
    /// Nationality adjectives as keys, and their plurals ("malian", "malians") → ISO
    /// country code: never a place's name.
    pub demonym_keys: HashMap<String, String>,
    /// Phrases that carry a casualty count to a new figure ("rose to", "put the toll at").
    pub toll_updates: HashSet<String>,
    /// Phrases that tell the counts beside them as first or later ones ("a first toll",
    /// "un nouveau bilan").
    pub toll_stages: HashMap<String, TollStage>,
    /// Event words of an assault by people on the ground ("gunmen", "stormed",
    /// "embuscade"): with them, a shelling is part of a battle, not remote violence.
    pub ground_assault: HashSet<String>,
    /// Words that state a count as the whole ("in all", "a total of", "au total"): the
    /// text's own total beats its parts and first counts.
    pub totals: HashSet<String>,
    /// Nouns of things a casualty verb may count ("neutralised two explosive devices",
    /// "neutralisé trois engins explosifs"): a count of them is no toll. True for a noun
    /// that may modify the noun after it ("vehicle drivers", "mine workers").
    pub things: HashMap<String, bool>,
    /// The first words of those phrases.
    pub toll_update_starts: HashSet<String>,
    /// The first words of number words and vague quantities ("fifty", "a", "dozens"): a
    /// token that is none of these (and no digit) cannot start a count.
    pub count_starts: HashSet<String>,
    /// How the month and weekday names, relative dates and background cues are written
    /// where that differs from their key (lower case, accents and apostrophes kept, with
    /// ’ for '): "février", "aujourd’hui", "la semaine dernière". Patterns that search
    /// the raw text look for these as well as for the keys.
    /// Keyed by list and key: one key may stand for different words in two lists ("tues"
    /// is a weekday, and "tués" a casualty word).
    pub written: HashMap<(WordList, String), Vec<String>>,
    /// The words around a place name, by what they say about it.
    pub place_cues: PlaceCues,
    /// Words right before an event word that make it refer back to an incident already
    /// told ("the", "same"), normalised.
    pub definite: HashSet<String>,
}

/// The word lists whose entries are also looked for as written (see
/// [`Lexicon::written`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordList {
    /// `months.tsv`.
    Months,
    /// `weekdays.tsv`.
    Weekdays,
    /// `relative_dates.tsv`.
    RelativeDates,
    /// `background.tsv`.
    Background,
}

/// Where the count stands in a counted relative date phrase of `relative_dates.tsv`.
pub const COUNT: &str = "{n}";

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn column<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        for files in &LANGUAGES {
            lx.add(files);
        }
        lx.function_words.retain(|_, lang| *lang != usize::MAX);
        for (word, cc) in &lx.demonyms {
            let key = normalize(word);
            if !key.ends_with('s') {
                lx.demonym_keys.insert(format!("{key}s"), cc.clone());
            }
            lx.demonym_keys.insert(key, cc.clone());
        }
        lx.actor_aliases = lx.actors.iter().map(|(alias, _)| alias.clone()).collect();
        lx.non_place_words = lx
            .place_stopwords
            .iter()
            .chain(lx.function_words.keys())
            .chain(lx.demonym_keys.keys())
            .chain(lx.quantities.keys())
            .chain(lx.months.keys())
            .chain(lx.weekdays.keys())
            .chain(lx.events.keys())
            .chain(lx.victims.keys())
            .chain(lx.casualties.keys())
            .chain(lx.numbers.keys())
            .chain(lx.hedges.keys())
            .chain(lx.actor_aliases.iter())
            .cloned()
            .collect();
        lx.incident_words = lx
            .events
            .keys()
            .chain(lx.casualties.keys())
            .chain(lx.victims.keys())
            .cloned()
            .collect();
        let speech = lx
            .background
            .iter()
            .filter(|(_, role)| matches!(role, BackgroundRole::Speech | BackgroundRole::Source))
            .map(|(cue, _)| cue);
        lx.phrase_starts = lx
            .incident_words
            .iter()
            .chain(speech)
            .filter_map(|k| k.split_once(' ').map(|(first, _)| first.to_string()))
            .collect();
        lx.toll_update_starts = lx
            .toll_updates
            .iter()
            .filter_map(|k| k.split(' ').next())
            .map(str::to_string)
            .collect();
        lx.count_starts = lx
            .numbers
            .keys()
            .chain(lx.quantities.keys())
            .filter_map(|k| k.split(' ').next())
            .map(str::to_string)
            .collect();
        lx
    }

    /// Records how a word list entry is written, when that differs from its key.
    /// The key of a phrase as the tokeniser reads it: an elided word and the word after
    /// its apostrophe are two ("s'est alourdi à" is "s est alourdi a"), where
    /// [`normalize`] alone would join them.
    fn elided_key(&self, entry: &str) -> String {
        normalize(&crate::extract::doc::unelide_with(entry, &self.elisions))
    }

    fn add_written(&mut self, list: WordList, entry: &str) {
        let lower = entry.trim().to_lowercase();
        let key = normalize(&lower);
        let mut forms = vec![lower.replace('’', "'")];
        if lower.contains(['\'', '’']) {
            forms.push(lower.replace('\'', "’"));
        }
        for form in forms {
            if form != key {
                let known = self.written.entry((list, key.clone())).or_default();
                if !known.contains(&form) {
                    known.push(form);
                }
            }
        }
    }

    /// A key of a list and the ways it is written in text (see [`Lexicon::written`]).
    ///
    /// ```
    /// use incimap::lexicon::{lexicon, WordList};
    /// let lx = lexicon();
    /// let forms: Vec<&str> = lx.written_forms(WordList::Months, "fevrier").collect();
    /// assert_eq!(forms, ["fevrier", "février"]);
    /// assert!(lx
    ///     .written_forms(WordList::RelativeDates, "aujourdhui")
    ///     .any(|f| f == "aujourd’hui"));
    /// assert_eq!(lx.written_forms(WordList::Weekdays, "tues").count(), 1);
    /// ```
    pub fn written_forms<'a>(
        &'a self,
        list: WordList,
        key: &'a str,
    ) -> impl Iterator<Item = &'a str> + 'a {
        std::iter::once(key).chain(
            self.written
                .get(&(list, key.to_string()))
                .into_iter()
                .flatten()
                .map(String::as_str),
        )
    }

    fn add(&mut self, f: &LanguageFiles) {
        let lang = self.languages.len();
        self.languages.push(f.code);
        for r in rows(f.distances) {
            let key = normalize(r[0]);
            match (column(&r, 1), column(&r, 2).parse::<f64>()) {
                ("unit", Ok(km)) => {
                    self.distance_units.insert(key, km);
                }
                ("bearing", Ok(deg)) => {
                    self.bearings.insert(key, deg);
                }
                ("locator", _) => {
                    self.place_locators.insert(key);
                }
                _ => {
                    self.distance_links.insert(key);
                }
            }
        }
        for r in rows(f.apposition) {
            let word = match column(&r, 1) {
                "head" => AppositionWord::Head,
                "indefinite" => AppositionWord::Indefinite,
                "verb" => AppositionWord::Verb,
                "alias" => AppositionWord::Alias,
                "and" => AppositionWord::And,
                _ => AppositionWord::Within,
            };
            self.apposition.insert(normalize(r[0]), word);
        }
        for r in rows(f.city_parts) {
            let part = match column(&r, 1) {
                "capital" => CityPart::Capital,
                _ => CityPart::Part,
            };
            self.city_parts.insert(normalize(r[0]), part);
        }
        for r in rows(f.clauses) {
            let word = r[0].to_lowercase();
            match column(&r, 1) {
                "opener" => self.clause_openers.push(word),
                "start" => self.clause_starts.push(word),
                _ => {
                    self.clause_spans.insert(word);
                }
            }
        }
        for r in rows(f.elisions) {
            self.elisions.insert(r[0].to_lowercase());
        }
        for r in rows(f.function_words) {
            let word = normalize(r[0]);
            match self.function_words.get(&word) {
                Some(&other) if other != lang => {
                    self.function_words.insert(word, usize::MAX);
                }
                _ => {
                    self.function_words.insert(word, lang);
                }
            }
        }
        for r in rows(f.place_generics) {
            let role = match column(&r, 1) {
                "admin1" => GenericRole::Admin1,
                "area" => GenericRole::Area,
                "settlement" => GenericRole::Settlement,
                _ => GenericRole::Connector,
            };
            self.place_generics.insert(normalize(r[0]), role);
        }
        for r in rows(f.place_stopwords) {
            self.place_stopwords.insert(normalize(r[0]));
        }
        for r in rows(f.leading_words) {
            self.leading_words.insert(normalize(r[0]));
        }
        for r in rows(f.persons) {
            match column(&r, 1) {
                "title" => self.person_titles.insert(normalize(r[0])),
                _ => self.person_occupations.insert(normalize(r[0])),
            };
        }
        for r in rows(f.months) {
            self.add_written(WordList::Months, r[0]);
            if let Ok(m) = column(&r, 1).parse() {
                self.months.insert(normalize(r[0]), m);
            }
        }
        for r in rows(f.weekdays) {
            self.add_written(WordList::Weekdays, r[0]);
            if let Ok(d) = column(&r, 1).parse() {
                self.weekdays.insert(normalize(r[0]), d);
            }
        }
        for r in rows(f.numbers) {
            if column(&r, 2) == "article" {
                self.indefinite_articles.insert(normalize(r[0]));
            }
            match (column(&r, 1).parse(), column(&r, 2)) {
                (Ok(v), "ordinal") => {
                    self.ordinals.insert(normalize(r[0]), v);
                }
                (Ok(v), mark) => {
                    self.numbers.insert(normalize(r[0]), (v, mark == "x"));
                }
                _ => {}
            }
        }
        for r in rows(f.quantities) {
            if let Ok(value) = column(&r, 1).parse() {
                self.quantities.insert(normalize(r[0]), value);
            }
        }
        for r in rows(f.hedges) {
            let hedge = match column(&r, 1) {
                "min" => Hedge::Min,
                "over" => Hedge::Over,
                "max" => Hedge::Max,
                _ => Hedge::About,
            };
            self.hedges.insert(normalize(r[0]), hedge);
        }
        for r in rows(f.relative_dates) {
            let counted = r[0].contains(COUNT);
            let anchored = column(&r, 3) == "date";
            let from_incident = column(&r, 3) == "incident";
            if !counted && !anchored && !from_incident {
                self.add_written(WordList::RelativeDates, r[0]);
            }
            let unit = match column(&r, 2) {
                "week" => RelativeUnit::Week,
                "month" => RelativeUnit::Month,
                "year" => RelativeUnit::Year,
                "weekend" => RelativeUnit::Weekend,
                _ => RelativeUnit::Day,
            };
            if let Ok(offset) = column(&r, 1).parse() {
                let rel = RelativeDate {
                    offset,
                    unit,
                    from_story: column(&r, 3) == "story",
                };
                if anchored {
                    self.anchored_dates.push((r[0].to_lowercase(), rel));
                } else if from_incident {
                    self.incident_dates.push((r[0].to_lowercase(), rel));
                } else if counted {
                    self.counted_dates.push((r[0].to_lowercase(), rel));
                } else {
                    self.relative_dates.insert(normalize(r[0]), rel);
                }
            }
        }
        for r in rows(f.events) {
            self.events.insert(
                normalize(r[0]),
                EventWord {
                    event_type: column(&r, 1).replace('-', ""),
                    sub_event_type: column(&r, 2).replace('-', ""),
                    strength: column(&r, 3).parse().unwrap_or(1),
                    homograph: column(&r, 4).to_lowercase(),
                },
            );
        }
        for r in rows(f.victims) {
            let role = match column(&r, 1) {
                "force" => VictimRole::Force,
                "militant" => VictimRole::Militant,
                _ => VictimRole::Civilian,
            };
            if column(&r, 2) == "target" {
                self.victim_targets.insert(normalize(r[0]));
            }
            self.victims.insert(normalize(r[0]), role);
        }
        for r in rows(f.casualties) {
            self.casualty_words.push(r[0].to_lowercase());
            let role = match column(&r, 1) {
                "injured" => CasualtyRole::Injured,
                "missing" => CasualtyRole::Missing,
                _ => CasualtyRole::Killed,
            };
            let key = normalize(r[0]);
            if let Some((first, _)) = key.split_once(' ') {
                let words = key.split(' ').count();
                let most = self
                    .casualty_phrase_starts
                    .entry(first.to_string())
                    .or_default();
                *most = (*most).max(words);
            }
            self.casualties.insert(key, role);
        }
        for r in rows(f.actors) {
            let name = column(&r, 0);
            if column(&r, 2) == "state" {
                let prefix = name.split("{country}").next().unwrap_or(name);
                if !self.state_actors.iter().any(|p| p == prefix) {
                    self.state_actors.push(prefix.to_string());
                }
            }
            self.actors
                .push((normalize(column(&r, 1)), name.to_string()));
        }
        for r in rows(f.date_lines) {
            self.date_line_words.insert(normalize(r[0]));
        }
        for r in rows(f.boilerplate) {
            self.boilerplate.push(r[0].to_lowercase());
        }
        for r in rows(f.background) {
            self.add_written(WordList::Background, r[0]);
            let role = match column(&r, 1) {
                "speech" => BackgroundRole::Speech,
                "source" => BackgroundRole::Source,
                "arrival" => BackgroundRole::Arrival,
                "caption" => BackgroundRole::Caption,
                "outlook" => BackgroundRole::Outlook,
                "period" => BackgroundRole::Period,
                "until" => BackgroundRole::Until,
                "claim" => BackgroundRole::Claim,
                "aftermath" => BackgroundRole::Aftermath,
                _ => BackgroundRole::History,
            };
            let cue = normalize(r[0]);
            self.background_roles
                .entry(cue.clone())
                .or_default()
                .push(role);
            self.background.push((cue, role));
        }
        for r in rows(f.toll_links) {
            let role = match column(&r, 1) {
                "auxiliary" => TollLink::Auxiliary,
                "passive" => TollLink::Passive,
                "added" => TollLink::Added,
                "more" => TollLink::More,
                _ => TollLink::Link,
            };
            self.toll_links.insert(normalize(r[0]), role);
        }
        for r in rows(f.demonyms) {
            self.demonyms
                .push((r[0].to_string(), column(&r, 1).to_string()));
        }
        for r in rows(f.group_nouns) {
            match column(&r, 1) {
                "modifier" => self.group_modifiers.insert(normalize(r[0])),
                _ => self.group_nouns.insert(normalize(r[0])),
            };
        }
        for r in rows(f.toll_updates) {
            let key = self.elided_key(r[0]);
            let stage = match column(&r, 1) {
                "first" => Some(TollStage::First),
                "new" => Some(TollStage::Updated),
                "combined" => Some(TollStage::Combined),
                _ => None,
            };
            match stage {
                Some(stage) => {
                    self.toll_stages.insert(key, stage);
                }
                None => {
                    self.toll_updates.insert(key);
                }
            }
        }
        for r in rows(f.ground_assault) {
            self.ground_assault.insert(normalize(r[0]));
        }
        for r in rows(f.totals) {
            self.totals.insert(self.elided_key(r[0]));
        }
        for r in rows(f.things) {
            // A word of both languages ("mine") may modify where either says so.
            *self.things.entry(normalize(r[0])).or_default() |= column(&r, 1) == "modifier";
        }
        for r in rows(f.place_cues) {
            let word = r[0].to_lowercase();
            let cues = &mut self.place_cues;
            let set = match column(&r, 1) {
                "incident" => &mut cues.incident,
                "reference" => &mut cues.reference,
                "away" => &mut cues.away,
                "ethnonym" => &mut cues.ethnonym,
                "river" => &mut cues.river,
                "care" => &mut cues.care,
                "venue" => &mut cues.venue,
                "destination" => &mut cues.destination,
                "connector" => &mut cues.connector,
                "road" => &mut cues.road,
                "auxiliary" => {
                    cues.auxiliary.insert(normalize(&word));
                    continue;
                }
                _ => {
                    if let Some((point, link)) = word.rsplit_once(' ') {
                        cues.compass
                            .entry(link.to_string())
                            .or_default()
                            .insert(point.to_string());
                    }
                    continue;
                }
            };
            set.insert(word);
        }
        for r in rows(f.definite) {
            self.definite.insert(normalize(r[0]));
        }
        for r in rows(f.abbreviations) {
            self.abbreviations
                .insert(r[0].trim_end_matches('.').to_lowercase());
        }
    }
}

impl Lexicon {
    /// True for a speech or source cue of `background.tsv` ("said", "told reporters",
    /// "statement", "according to").
    ///
    /// ```
    /// assert!(incimap::lexicon::lexicon().is_speech("told reporters"));
    /// assert!(incimap::lexicon::lexicon().is_speech("according to"));
    /// assert!(!incimap::lexicon::lexicon().is_speech("attack"));
    /// ```
    pub fn is_speech(&self, phrase: &str) -> bool {
        self.has_role(phrase, BackgroundRole::Speech)
            || self.has_role(phrase, BackgroundRole::Source)
    }

    /// True when a text holds a speech cue anywhere ("said", "in a statement", "selon"),
    /// as a word or as a run of up to four words.
    ///
    /// ```
    /// let lx = incimap::lexicon::lexicon();
    /// assert!(lx.speaks("In Abuja, the presidency issued a statement on the killings."));
    /// assert!(lx.speaks("Niamey a fait état d'au moins 45 assaillants tués, selon l'armée."));
    /// assert!(!lx.speaks("Gunmen attacked the village of Koro on Friday."));
    /// ```
    pub fn speaks(&self, text: &str) -> bool {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(normalize)
            .collect();
        (0..words.len()).any(|i| {
            if self.is_speech(&words[i]) {
                return true;
            }
            if !self.phrase_starts.contains(&words[i]) {
                return false;
            }
            (i + 2..=(i + 4).min(words.len())).any(|end| self.is_speech(&words[i..end].join(" ")))
        })
    }

    /// True when a normalised word says people moved to the place after it ("arrived
    /// in X", "réfugiés à X").
    ///
    /// ```
    /// assert!(incimap::lexicon::lexicon().is_arrival("arrived"));
    /// assert!(incimap::lexicon::lexicon().is_arrival("refugies"));
    /// assert!(!incimap::lexicon::lexicon().is_arrival("attacked"));
    /// ```
    pub fn is_arrival(&self, word: &str) -> bool {
        self.has_role(word, BackgroundRole::Arrival)
    }

    /// True when a normalised word opens a period of time ("since").
    ///
    /// ```
    /// assert!(incimap::lexicon::lexicon().is_period_start("since"));
    /// assert!(incimap::lexicon::lexicon().is_period_start("depuis"));
    /// ```
    pub fn is_period_start(&self, word: &str) -> bool {
        self.has_role(word, BackgroundRole::Period)
    }

    /// True when a normalised word closes a period ahead ("d'ici").
    ///
    /// ```
    /// use incimap::gazetteer::normalize::normalize;
    /// assert!(incimap::lexicon::lexicon().is_period_end(&normalize("d'ici")));
    /// assert!(!incimap::lexicon::lexicon().is_period_end("depuis"));
    /// ```
    pub fn is_period_end(&self, word: &str) -> bool {
        self.has_role(word, BackgroundRole::Until)
    }

    /// True when a normalised word claims an attack ("claimed", "revendiqué").
    ///
    /// ```
    /// assert!(incimap::lexicon::lexicon().is_claim("claimed"));
    /// ```
    pub fn is_claim(&self, word: &str) -> bool {
        self.has_role(word, BackgroundRole::Claim)
    }

    fn has_role(&self, phrase: &str, wanted: BackgroundRole) -> bool {
        self.background_roles
            .get(phrase)
            .is_some_and(|roles| roles.contains(&wanted))
    }
}

/// The merged lexicon of every language, loaded on first use.
///
/// ```
/// let lx = incimap::lexicon::lexicon();
/// assert_eq!(lx.months.get("november"), Some(&11));
/// assert_eq!(lx.months.get("novembre"), Some(&11));
/// ```
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}
