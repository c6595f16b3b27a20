//! Casualty figures: "Fifty-three soldiers and one civilian were killed" (54), "at least
//! 49 soldiers were killed" (49 or more), "more than 70 people" (71 or more), "killed
//! a deputy superintendent and two constables" (3), "between 260 and 320", "dozens".

use std::sync::OnceLock;

use super::numbers::number_words_at;
use crate::extract::doc::{plain_digits, Shape, Tokenized, Word};
use rustc_hash::FxHashSet;

use crate::lexicon::{lexicon, CasualtyRole, Hedge, TollLink, TollStage, VictimRole};

impl Figure {
    /// One person killed, told by name or in the singular.
    fn one_killed() -> Figure {
        Figure {
            role: CasualtyRole::Killed,
            value: 1,
            high: 1,
            specificity: Specificity::Exact,
            victims: None,
            at: 0,
            total: false,
            more: false,
            stage: None,
        }
    }
}

/// How specific a figure is, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Specificity {
    /// A plain figure, or the ends of a range.
    Exact,
    /// "at least N".
    AtLeast,
    /// "more than N" (read as N + 1).
    MoreThan,
    /// "about N".
    About,
    /// "up to N", "as many as N".
    AtMost,
    /// "dozens", "hundreds".
    Vague,
}

/// One reported figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Figure {
    /// Killed or injured.
    pub role: CasualtyRole,
    /// The figure as a best estimate ("more than 70" → 71).
    pub value: u64,
    /// The upper end of a range or of a vague quantity.
    pub high: u64,
    /// How specific it is.
    pub specificity: Specificity,
    /// Who the figure counts, when the words say.
    pub victims: Option<VictimRole>,
    /// The byte offset in the article of the clause that told it (0 for a text read on
    /// its own).
    pub at: usize,
    /// True when the text states it as the whole ("in all", "au total", "a total of", or
    /// a count its parts follow between commas: "Five people, a policeman and four
    /// civilians, were killed"): the final count, not a part or a first one.
    pub total: bool,
    /// True when it counts more than a figure told before it ("29 more bodies were
    /// found", "two more soldiers died"): added to that figure, and a toll of its own only
    /// when no other is told.
    pub more: bool,
    /// A first count ("a first toll of 18") or a later one ("the toll rose to 25", "un
    /// nouveau bilan"), when the words beside it say (see [`stage_near`]).
    pub stage: Option<TollStage>,
}

struct Patterns {
    /// Any casualty word, case aside: the gate before tokenising a sentence.
    casualty: aho_corasick::AhoCorasick,
}

/// Builds the toll patterns now rather than at the first sentence (see [`super::prepare`]).
pub(crate) fn prepare() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        casualty: aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(
                lexicon()
                    .casualty_words
                    .iter()
                    .filter_map(|k| k.split(' ').next()),
            )
            .unwrap_or_else(|e| panic!("casualty words: {e}")),
    })
}

/// Reads a number at `i` ("53", "1,100", "Fifty-three", "a dozen", "one hundred"): its
/// value and the number of tokens it spans.
fn number_at(t: &[Word], i: usize) -> Option<(u64, usize)> {
    let first = t.get(i)?;
    let raw = plain_digits(first.text);
    let grouped = raw.len() != first.text.len();
    let (value, n) = if raw.chars().next()?.is_ascii_digit() {
        digits_at(t, i, &raw, grouped)?
    } else {
        number_words_at(t, i)?
    };
    // "35 km", "à moins de dix kilomètres": a distance (`distances.tsv` units), no count.
    let unit = t
        .get(i + n)
        .is_some_and(|x| lexicon().distance_units.contains_key(x.key));
    (!unit).then_some((value, n))
}

/// Reads a count written in digits at `i` ("53", "1,100"; `raw` is its text without the
/// commas, `grouped` whether it had any): not a day of a date, a time, a measure or a
/// year. Its value and the one token it spans.
fn digits_at(t: &[Word], i: usize, raw: &str, grouped: bool) -> Option<(u64, usize)> {
    let lx = lexicon();
    // "1.200", "12.500": thousands grouped with dots, as French and other languages write
    // them; "1.5" or "10.30" is no count.
    let dotted = thousands_dotted(raw);
    let grouped = grouped || dotted.is_some();
    let raw = dotted.as_deref().unwrap_or(raw);
    if raw.contains('-') || raw.contains('.') {
        return None; // "17-year-old", "60mm", "1.5"
    }
    let v: u64 = raw.parse().ok()?;
    // "1e999", "x3", "3rd": digits glued to letters are no count.
    if glued_to_word(t, i) {
        return None;
    }
    // "on January 3 that killed", "on 3 October": a day of a date, not a count.
    let months = &lx.months;
    if (i > 0 && months.contains_key(t[i - 1].key))
        || t.get(i + 1).is_some_and(|x| months.contains_key(x.key))
    {
        return None;
    }
    // "12:37", "9pm", "8 a.m.": times are not counts.
    if let Some(next) = t.get(i + 1) {
        if matches!(next.key, "pm" | "am" | "p" | "mm" | "percent" | "per") {
            return None;
        }
    }
    // "2019" is a year; "2,000" is a count.
    if (1900..=2100).contains(&v) && !grouped {
        return None;
    }
    Some((v, 1))
}

/// True when the token at `i` touches a word on either side, with no space or mark
/// between: "1e999" is read as "1", "e", "999", and neither number is a count.
fn glued_to_word(t: &[Word], i: usize) -> bool {
    let touch = |a: &Word, b: &Word| {
        a.text.as_ptr() as usize + a.text.len() == b.text.as_ptr() as usize
            && !a.comma_after
            && (a.shape == Shape::Word || b.shape == Shape::Word)
    };
    (i > 0 && touch(&t[i - 1], &t[i])) || t.get(i + 1).is_some_and(|next| touch(&t[i], next))
}

/// The digits of a count whose thousands are grouped with dots ("1.200", "1.200.000"):
/// one to three digits, then groups of exactly three.
fn thousands_dotted(raw: &str) -> Option<String> {
    let mut groups = raw.split('.');
    let head = groups.next()?;
    let mut rest = groups.peekable();
    rest.peek()?;
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let well_formed = (1..=3).contains(&head.len())
        && digits(head)
        && rest.clone().all(|g| g.len() == 3 && digits(g));
    well_formed.then(|| raw.replace('.', ""))
}

fn hedge_before(t: &[Word], i: usize) -> Option<(Hedge, usize)> {
    let lx = lexicon();
    let mut phrase = String::new();
    for len in (1..=3).rev() {
        if i < len {
            continue;
        }
        phrase.clear();
        for (k, x) in t[i - len..i].iter().enumerate() {
            if k > 0 {
                phrase.push(' ');
            }
            phrase.push_str(x.key);
        }
        if let Some(h) = lx.hedges.get(phrase.as_str()) {
            return Some((*h, len));
        }
    }
    None
}

fn apply(value: u64, hedge: Option<Hedge>) -> (u64, u64, Specificity) {
    match hedge {
        None => (value, value, Specificity::Exact),
        Some(Hedge::Min) => (value, value, Specificity::AtLeast),
        Some(Hedge::Over) => {
            let over = value.saturating_add(1);
            (over, over, Specificity::MoreThan)
        }
        Some(Hedge::About) => (value, value, Specificity::About),
        Some(Hedge::Max) => (value, value, Specificity::AtMost),
    }
}

/// A counted group: a number, its hedge, and the victim words after it.
#[derive(Debug, Clone)]
struct Group {
    start: usize,
    end: usize,
    value: u64,
    high: u64,
    specificity: Specificity,
    victims: Option<VictimRole>,
    /// Counted from "a" or "an": one only when the words name a victim.
    indefinite: bool,
    /// A part of a count told elsewhere: "one of the wounded", "including two children".
    part: bool,
    /// More than a count told before: "29 more bodies".
    more: bool,
    /// A whole its parts follow between commas: "Five people, a policeman and four
    /// civilians, were killed" (see [`parts_of`]).
    whole: bool,
}

/// Whether a token can start a count: a digit, "between", or the first word of a number
/// word or vague quantity.
fn may_count(tok: &Word) -> bool {
    tok.key.starts_with(|c: char| c.is_ascii_digit()) || tok.key == "between" || {
        let key = tok.key;
        let first = key.bytes().position(|b| b == b' ').unwrap_or(key.len());
        lexicon().count_starts.contains(&key[..first])
    }
}

fn group_at(t: &[Word], i: usize) -> Option<Group> {
    let lx = lexicon();
    if !may_count(t.get(i)?) || (i > 0 && t[i - 1].key == "no" && t[i].key == "one") {
        return None;
    }
    let hedge = hedge_before(t, i);
    let start = hedge.map_or(i, |(_, len)| i - len);
    // "between 260 and 320"
    if t.get(i).is_some_and(|x| x.key == "between") {
        return range_at(t, i);
    }
    // Vague quantities: "a few dozen", "dozens of": the least they can mean, and no
    // higher bound than that (`quantities.tsv`).
    let vague = |value: u64, after: usize| {
        let (victims, end) = victim_words(t, after);
        Group {
            start,
            end,
            value,
            high: value,
            specificity: Specificity::Vague,
            victims,
            indefinite: false,
            part: false,
            more: false,
            whole: false,
        }
    };
    if let Some(next) = t.get(i + 1) {
        if let Some(&value) = lx.quantities.get(&format!("{} {}", t[i].key, next.key)) {
            return Some(vague(value, i + 2));
        }
    }
    if let Some(&value) = lx.quantities.get(t.get(i)?.key) {
        return Some(vague(
            value,
            i + 1 + usize::from(t.get(i + 1).is_some_and(|x| x.key == "of")),
        ));
    }
    let (value, n) = number_at(t, i)?;
    if names_a_thing(t, i + n) || counts_things(t, i + n) {
        return None;
    }
    // "29 more bodies" adds to an earlier count.
    let more = t
        .get(i + n)
        .is_some_and(|x| lx.toll_links.get(x.key) == Some(&TollLink::More));
    // "three days earlier" is a duration.
    if t.get(i + n).is_some_and(|x| {
        matches!(
            x.key,
            "days"
                | "day"
                | "hours"
                | "hour"
                | "weeks"
                | "week"
                | "months"
                | "month"
                | "years"
                | "year"
                | "minutes"
                | "times"
        )
    }) {
        return None;
    }
    let (v, high, specificity) = apply(value, hedge.map(|h| h.0));
    let (victims, end) = victim_words(t, i + n + usize::from(more));
    let indefinite = lexicon().indefinite_articles.contains(t[i].key) && n == 1;
    let key = |k: usize| t.get(k).map_or("", |x| x.key);
    // "one of the wounded", "38 of the dead", "two of them", "onze d'entre eux": a part
    // of a casualty count; "49 of the soldiers were killed" counts soldiers, and is a toll.
    let part = (key(i + n) == "of"
        && (matches!(key(i + n + 1), "them" | "those" | "these" | "whom")
            || (key(i + n + 1) == "the" && lx.casualties.contains_key(key(i + n + 2)))))
        || (key(i + n) == "d" && key(i + n + 1) == "entre")
        // "among them two children", "parmi les victimes figure un journaliste", "dont
        // une dizaine de policiers": a part of a count told beside it.
        || (start.saturating_sub(4)..start).any(|k| part_marker(key(k)));
    Some(Group {
        start,
        end,
        value: v,
        high,
        specificity,
        victims,
        indefinite,
        part,
        more,
        whole: false,
    })
}

/// True when the capitalised words at `at`, right after a number, make it part of a name
/// rather than a count of people: "the 44 Nigerian Army Reference Hospital", "3 Commando
/// Brigade". That takes two capitalised words or more, none a word for people ("12 Boko
/// Haram fighters", "Gunmen Kill 12 Villagers In T"), the last no plural ("two US
/// Marines") and the whole no armed group's name ("killed 12 Boko Haram"), and no word
/// for people right after them ("13 Afghan National Army soldiers").
fn names_a_thing(t: &[Word], at: usize) -> bool {
    let lx = lexicon();
    let capital = |x: &Word| x.text.starts_with(|c: char| c.is_uppercase());
    let run = t[at.min(t.len())..]
        .iter()
        .take_while(|x| capital(x))
        .count();
    let people = |x: &Word| lx.victims.contains_key(x.key) && !lx.victim_targets.contains(x.key);
    let words = &t[at..at + run];
    let name = words.iter().map(|x| x.key).collect::<Vec<_>>().join(" ");
    run >= 2
        && !words.iter().any(people)
        && !words[run - 1].key.ends_with('s')
        && !lx.actor_aliases.contains(&name)
        && !t.get(at + run).is_some_and(people)
}

/// True when the words at `at`, right after a number, name things rather than people
/// (`things.tsv`): "two explosive devices", "trois engins explosifs", "four vehicles".
/// One describing word may come first. A noun that may modify the next one counts that
/// one instead ("two vehicle drivers", "12 mine workers").
fn counts_things(t: &[Word], at: usize) -> bool {
    let lx = lexicon();
    let thing = |k: usize| match (t.get(k).and_then(|x| lx.things.get(x.key)), t.get(k + 1)) {
        (Some(true), Some(next)) => {
            !next.text.starts_with(|c: char| c.is_lowercase()) || lx.things.contains_key(next.key)
        }
        (found, _) => found.is_some(),
    };
    thing(at) || (thing(at + 1) && !t.get(at).is_some_and(|x| lx.victims.contains_key(x.key)))
}

/// A range from "between" at `i`: "between 260 and 320", with the victim words after it.
fn range_at(t: &[Word], i: usize) -> Option<Group> {
    let (lo, n) = number_at(t, i + 1)?;
    if t.get(i + 1 + n).is_some_and(|x| x.key == "and") {
        let (hi, m) = number_at(t, i + 2 + n)?;
        let end = i + 2 + n + m;
        let (victims, end) = victim_words(t, end);
        return Some(Group {
            start: i,
            end,
            value: lo,
            high: hi,
            specificity: Specificity::Exact,
            victims,
            indefinite: false,
            part: false,
            more: false,
            whole: false,
        });
    }
    None
}

/// Skips up to three words describing the victims ("Malian soldiers", "of them
/// children"); returns the victim role they name and where they end.
fn victim_words(t: &[Word], mut at: usize) -> (Option<VictimRole>, usize) {
    let lx = lexicon();
    let mut role = None;
    let mut skipped = 0;
    while let Some(tok) = t.get(at) {
        if skipped >= 4
            || lx.casualties.contains_key(tok.key)
            || tok.key.starts_with(|c: char| c.is_ascii_digit())
            || (lx.numbers.contains_key(tok.key) && !matches!(tok.key, "a" | "an"))
            || matches!(tok.key, "said" | "says" | "told" | "according")
            // An event word ends the victims, unless it names people who can be counted
            // among them ("4 gunmen were killed", "4 assaillants ont été tués").
            || (lx.events.contains_key(tok.key) && !lx.victims.contains_key(tok.key))
            || is_and(tok.key)
            // "un policier a été tué", "ont été tuées": the verb follows.
            || matches!(
                lx.toll_links.get(tok.key),
                Some(TollLink::Auxiliary | TollLink::Passive)
            )
            || matches!(tok.key, "were" | "was" | "had" | "have" | "are" | "is")
            // A clause mark ends them: "the three-border area: sixty-nine people".
            || tok.shape == Shape::Mark
        {
            break;
        }
        if let Some(r) = lx
            .victims
            .get(tok.key)
            .filter(|_| !lx.victim_targets.contains(tok.key))
        {
            role = role.or(Some(*r));
        }
        at += 1;
        skipped += 1;
        // "Five people, a policeman and …": who is counted ends at a comma.
        if tok.comma_after {
            break;
        }
    }
    (role, at)
}

/// A run of groups joined by "and" or commas: "53 soldiers and one civilian".
fn group_list(t: &[Word], i: usize) -> Option<(Vec<Group>, usize)> {
    let first = group_at(t, i)?;
    if first.indefinite && first.victims.is_none() {
        return None;
    }
    // "Five people, a policeman and four civilians, were killed": a total, then its parts.
    if let Some(end) = parts_of(t, &first) {
        return Some((
            vec![Group {
                whole: true,
                ..first
            }],
            end,
        ));
    }
    let mut end = first.end;
    let mut list = vec![first];
    loop {
        let mut j = end;
        let last = t.get(j).is_some_and(|x| is_and(x.key));
        if last {
            j += 1;
        } else if !(j > 0 && t[j - 1].comma_after) {
            // "Eleven Marines, a Navy corpsman and an Army soldier": commas join too.
            break;
        }
        // "four soldiers and at least four civilians": the last item may carry its own
        // hedge, right after a word for people (after a comma, "ten more people, at least
        // twelve dead in all" is a total; "four assailants at each site and more than 80
        // people wounded" is another count).
        let people_before = end > 0 && lexicon().victims.contains_key(t[end - 1].key);
        if last && people_before {
            j += hedge_len_at(t, j);
        }
        // "two Indians and a Pakistani": after a count, "a" + a capitalised noun is one more.
        let named_one = t
            .get(j + 1)
            .is_some_and(|x| x.text.starts_with(|c: char| c.is_uppercase()));
        let next = match group_at(t, j) {
            // "twenty-one, eleven of them children": a part of the count before it ends
            // the list, and adds nothing to it.
            Some(g) if g.part => break,
            Some(g)
                if g.specificity != Specificity::Vague
                    && !(g.indefinite && g.victims.is_none() && !named_one) =>
            {
                Some(g)
            }
            Some(g) if g.specificity == Specificity::Vague => None,
            _ => one_person(t, j, last),
        };
        let Some(g) = next else { break };
        end = g.end;
        list.push(g);
    }
    Some((list, end))
}

/// One more person in a list after a count, told without a number: "six aid workers,
/// their driver and their guide" (8), "cinq ingénieurs, leur chauffeur et un interprète"
/// (7). At most three words, the last a word for one person: a victim or occupation word
/// in the singular ("their children" is no count, see [`plural`]). Unless `last`
/// (after "and"), another item must follow it: "killed five soldiers, a spokesman said"
/// lists no spokesman.
fn one_person(t: &[Word], j: usize, last: bool) -> Option<Group> {
    const MOST_WORDS: usize = 3;
    let lx = lexicon();
    for k in j..(j + MOST_WORDS).min(t.len()) {
        let x = &t[k];
        let counted = number_at(t, k).is_some() && !lx.indefinite_articles.contains(x.key);
        // "five people, including a girl, were killed": a part, not one more.
        if counted || x.shape == Shape::Mark || is_and(x.key) || part_marker(x.key) {
            return None;
        }
        let role = lx
            .victims
            .get(x.key)
            .filter(|_| !lx.victim_targets.contains(x.key));
        let person = role.is_some() || lx.person_occupations.contains(x.key);
        let more_follow = x.comma_after || t.get(k + 1).is_some_and(|n| is_and(n.key));
        if person && !plural(x.key) {
            if !(last || more_follow) {
                return None;
            }
            return Some(Group {
                start: j,
                end: k + 1,
                value: 1,
                high: 1,
                specificity: Specificity::Exact,
                victims: role.copied(),
                indefinite: false,
                part: false,
                more: false,
                whole: false,
            });
        }
        if x.comma_after {
            return None;
        }
    }
    None
}

/// True for a word for people that names more than one: a final "s" or "x" ("drivers",
/// "chevaux"), "-en" ("children", "women", "men"), or a word that stands between any
/// count and its casualty word ("people", "personnes": `toll_links.tsv`).
fn plural(key: &str) -> bool {
    key.ends_with(['s', 'x']) || key.ends_with("en") || lexicon().toll_links.contains_key(key)
}

/// True for a word that opens a part of a count told beside it: "among them two
/// children", "including a girl", "dont une dizaine de policiers".
fn part_marker(key: &str) -> bool {
    matches!(
        key,
        "including" | "among" | "incl" | "parmi" | "dont" | "notamment"
    )
}

/// True for a word that joins the last item of a list: "and", "et".
fn is_and(key: &str) -> bool {
    matches!(key, "and" | "et")
}

/// Where a stated total's parts end, when a list between commas right after it adds up
/// to it: "Five people, a policeman and four civilians, were killed", "Cinq personnes,
/// un policier et quatre civils, ont été tuées". The end is the word after the closing
/// comma.
fn parts_of(t: &[Word], total: &Group) -> Option<usize> {
    const MOST_PARTS: usize = 6;
    let comma_before = |j: usize| j > 0 && t.get(j - 1).is_some_and(|x| x.comma_after);
    if !comma_before(total.end) {
        return None;
    }
    let mut j = total.end;
    let mut sum = 0;
    for n in 1..=MOST_PARTS {
        // ("a policeman" is one: the sum must come to the total anyway.)
        let part = group_at(t, j)?;
        if part.specificity == Specificity::Vague {
            return None;
        }
        sum = part.value.saturating_add(sum);
        j = part.end;
        match t.get(j) {
            Some(x) if is_and(x.key) => j += 1,
            Some(_) if comma_before(j) => {
                return (n >= 2 && sum == total.value).then_some(j);
            }
            _ => return None,
        }
    }
    None
}

fn casualty_at(t: &[Word], i: usize) -> Option<(CasualtyRole, usize)> {
    let lx = lexicon();
    let first: &str = t.get(i)?.key;
    if let Some(&most) = lx.casualty_phrase_starts.get(first) {
        // The longest phrase first: "perdu la vie" before "perdu".
        for n in (2..=most.min(t.len() - i)).rev() {
            let phrase: Vec<&str> = t[i..i + n].iter().map(|x| x.key).collect();
            if let Some(r) = lx.casualties.get(&phrase.join(" ")) {
                return Some((*r, n));
            }
        }
    }
    lx.casualties.get(first).map(|r| (*r, 1))
}

/// The count of "… and two more …" within the eight tokens after a casualty word: more of
/// the same ("Four migrants died at the scene and two more at the hospital"), unless a
/// casualty word of its own follows it ("one gendarme was killed and two more gendarmes
/// were wounded": those are the wounded).
fn and_more(
    t: &[Word],
    from: usize,
    casualty: &impl Fn(usize) -> Option<(CasualtyRole, usize)>,
) -> Option<u64> {
    let links = &lexicon().toll_links;
    (from..(from + 8).min(t.len())).find_map(|k| {
        if t[k].key != "and" {
            return None;
        }
        let (v, n) = number_at(t, k + 1)?;
        if t.get(k + 1 + n)?.key != "more" {
            return None;
        }
        let group = group_at(t, k + 1)?;
        let mut j = group.end;
        while t.get(j).is_some_and(|x| links.contains_key(x.key)) {
            j += 1;
        }
        casualty(j).is_none().then_some(v)
    })
}

/// "… and a fourth …", "… et un quatrième …" within the twelve tokens after a count of
/// `count`: one more, named by the ordinal that follows the count.
fn and_the_next(t: &[Word], from: usize, count: u64) -> bool {
    let lx = lexicon();
    (from..(from + 12).min(t.len())).any(|k| {
        matches!(t[k].key, "and" | "et")
            && t.get(k + 1)
                .is_some_and(|x| lx.indefinite_articles.contains(x.key))
            && t.get(k + 2)
                .and_then(|x| lx.ordinals.get(x.key))
                .is_some_and(|&rank| rank == count + 1)
            // "a fourth of the village" is a share, not a person.
            && !t
                .get(k + 3)
                .is_some_and(|x| matches!(x.key, "of" | "de" | "des" | "du"))
    })
}

/// When a counted group is cut from its passive casualty verb ("were killed", "avaient
/// été tués") by a relative clause ("three children who had been playing nearby were
/// killed") or by an aside closed by a comma or a bracket, with no other count in it
/// ("six militaires et 34 Volontaires pour la défense de la patrie (VDP), les supplétifs
/// civils de l'armée, avaient été tués"): the verb within sixteen tokens and before a colon
/// or a semicolon, its role and end.
fn after_aside(t: &[Word], start: usize, end: usize) -> Option<(CasualtyRole, usize)> {
    const MOST_WORDS: usize = 16;
    let lx = lexicon();
    let relative = t[start..(end + 1).min(t.len())]
        .iter()
        .any(|x| matches!(x.key, "who" | "that" | "which"));
    let mut aside = false;
    let mut counted = false;
    for k in end..(end + MOST_WORDS).min(t.len()) {
        let x = &t[k];
        // "in the three-border area: sixty-nine people were killed": past a colon or a
        // semicolon, the verb has a subject of its own.
        if x.shape == Shape::Mark && matches!(x.text, ":" | ";") {
            return None;
        }
        let passive = matches!(x.key, "were" | "was" | "been")
            || lx.toll_links.get(x.key) == Some(&TollLink::Passive);
        if passive && (relative || (aside && !counted)) {
            if let Some((role, n)) = casualty_at(t, k + 1) {
                return Some((role, k + 1 + n));
            }
        }
        aside |= x.comma_after || x.text == ")";
        counted |= (x.key.starts_with(|c: char| c.is_ascii_digit())
            || lx.numbers.contains_key(x.key)
            || number_at(t, k).is_some())
            && !lx.indefinite_articles.contains(x.key);
    }
    None
}

/// The length in tokens of a phrase of `lexicon/*/toll_updates.txt` starting at `i`.
fn toll_update_at(t: &[Word], i: usize) -> Option<usize> {
    let lx = lexicon();
    if !lx.toll_update_starts.contains(t.get(i)?.key) {
        return None;
    }
    phrase_at(t, i, &lx.toll_updates, longest_update())
}

/// The number of words of the longest phrase of `toll_updates.txt` ("put the number of
/// dead at" is six).
fn longest_update() -> usize {
    static MOST: OnceLock<usize> = OnceLock::new();
    *MOST.get_or_init(|| {
        lexicon()
            .toll_updates
            .iter()
            .map(|p| p.split(' ').count())
            .max()
            .unwrap_or(0)
    })
}

/// How many words before a count a total's words may end: "a total of 12", "le bilan
/// définitif est de 12 morts".
const TOTAL_BEFORE: usize = 3;

/// The length in tokens of a total's words ("in all", "au total") starting at `i`.
fn total_at(t: &[Word], i: usize) -> Option<usize> {
    phrase_at(t, i, &lexicon().totals, 3)
}

/// The length of the longest phrase of `phrases` (of at most `most` words) that starts at
/// token `i`.
fn phrase_at(t: &[Word], i: usize, phrases: &FxHashSet<String>, most: usize) -> Option<usize> {
    phrase_in(t, i, |p| phrases.contains(p), most)
}

/// The length of the longest phrase (of at most `most` words) that starts at token `i`
/// and that `known` accepts.
fn phrase_in(t: &[Word], i: usize, known: impl Fn(&str) -> bool, most: usize) -> Option<usize> {
    // Each shorter phrase is a start of the longest: that one is joined once, and cut at
    // each word's end.
    let words = t.get(i..(i + most).min(t.len()))?;
    let mut phrase = String::new();
    let mut ends = Vec::with_capacity(words.len());
    for (k, x) in words.iter().enumerate() {
        if k > 0 {
            phrase.push(' ');
        }
        phrase.push_str(x.key);
        ends.push(phrase.len());
    }
    (1..=words.len())
        .rev()
        .find(|&len| known(&phrase[..ends[len - 1]]))
}

/// The length in tokens of a hedge ("at least", "more than") starting at `j`, or 0.
fn hedge_len_at(t: &[Word], j: usize) -> usize {
    (1..=3)
        .rev()
        .find(|len| {
            lexicon().hedges.contains_key(
                &t[j.min(t.len())..(j + len).min(t.len())]
                    .iter()
                    .map(|x| x.key)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .unwrap_or(0)
}

fn figure(list: &[Group], role: CasualtyRole) -> Option<Figure> {
    if list.iter().any(|g| g.part) {
        return None;
    }
    // A list that counts both sides ("two soldiers and five attackers") names no one
    // side: its sum is already the toll of both.
    let mut roles = list.iter().filter_map(|g| g.victims);
    let victims = roles.next().filter(|first| roles.all(|r| r == *first));
    let more = list.iter().any(|g| g.more);
    if list.len() == 1 {
        let g = &list[0];
        if g.indefinite && g.victims.is_none() {
            return None;
        }
        return Some(Figure {
            role,
            value: g.value,
            high: g.high,
            specificity: g.specificity,
            victims,
            at: 0,
            total: g.whole,
            more,
            stage: None,
        });
    }
    // (Saturating: a sum of absurd figures stays the largest count, never wraps to a
    // small one.)
    let value = list.iter().fold(0u64, |sum, g| sum.saturating_add(g.value));
    let high = list.iter().fold(0u64, |sum, g| sum.saturating_add(g.high));
    let specificity = list
        .iter()
        .map(|g| g.specificity)
        .max()
        .unwrap_or(Specificity::Exact);
    Some(Figure {
        role,
        value,
        high,
        specificity,
        victims,
        at: 0,
        total: false,
        more,
        stage: None,
    })
}

/// Every casualty figure in a text (a clause of a document is read through its tokens by
/// [`figures_in`]).
///
/// ```
/// use incimap::extract::annotate::figures::{find_figures, Specificity};
/// let f = find_figures("Fifty-three soldiers and one civilian were killed in Indelimane.");
/// assert_eq!(f[0].value, 54);
/// let f = find_figures("The attack killed more than 70 people and wounded 200.");
/// assert_eq!((f[0].value, f[0].specificity), (71, Specificity::MoreThan));
/// assert_eq!(f[1].value, 200);
/// let f = find_figures("gunmen attacked the station, killing a deputy superintendent and two constables");
/// assert_eq!(f[0].value, 3);
/// let f = find_figures("The number of people killed in the strike on Chaplyne has risen to 25.");
/// assert_eq!(f[0].value, 25);
/// let f = find_figures("By Monday evening officials put the death toll at 48.");
/// assert_eq!(f[0].value, 48);
/// assert!(find_figures("Prices have risen to 25 dollars.").is_empty(), "no casualty word");
/// assert!(find_figures("One of the wounded had died in hospital.").is_empty(), "a part");
/// assert_eq!(find_figures("49 of the soldiers were killed on Friday.")[0].value, 49);
/// let f = find_figures("It said a few dozen of its men had killed 30 soldiers.");
/// assert_eq!(f.iter().map(|f| f.value).collect::<Vec<_>>(), vec![30], "the men did the killing");
/// assert_eq!(find_figures("49 people have died since.")[0].value, 49);
/// assert_eq!(find_figures("Au moins 12 civils ont été tués.")[0].value, 12);
/// assert!(find_figures("dans un communiqué, sans donner de bilan").is_empty(), "an article");
/// let f = find_figures("a few dozen of its men had killed and wounded hundreds");
/// assert!(f.iter().all(|f| f.value >= 100), "the men did it: {f:?}");
/// let f = find_figures("killing him, his wife, his son and others, around 14 people in all");
/// assert_eq!(f[0].value, 14);
/// let f = find_figures("Four migrants died at the scene and two more at the hospital.");
/// assert_eq!(f[0].value, 6);
/// assert!(find_figures("He was shot dead three days earlier.").iter().all(|f| f.value != 3));
/// assert_eq!(find_figures("Tapia, secretary of the council, was shot dead.")[0].value, 1);
/// assert!(find_figures("No one was killed.").is_empty());
/// let f = find_figures("the bombings in Kerman on January 3 that killed at least 84 people");
/// assert_eq!(f[0].value, 84);
/// let f = find_figures("three children who had been playing football nearby were killed");
/// assert_eq!(f[0].value, 3);
/// let f = find_figures("two attacks that killed at least 19 people on Thursday");
/// assert_eq!(f.iter().map(|f| f.value).collect::<Vec<_>>(), vec![19], "attacks are not victims");
/// assert_eq!(find_figures("a fire broke out, killing two Indians and a Pakistani")[0].value, 3);
/// assert_eq!(find_figures("over Wednesday's killing of Khamis Abakar, the governor")[0].value, 1);
/// assert!(find_figures("they killed Boko Haram fighters").iter().all(|f| f.value != 1));
/// let f = find_figures("Gunmen killed at least 15 people on Monday.");
/// assert_eq!((f[0].value, f[0].specificity), (15, Specificity::AtLeast));
/// ```
pub fn find_figures(sentence: &str) -> Vec<Figure> {
    if !has_casualty_word(sentence) {
        return Vec::new();
    }
    figures_in(&Tokenized::new(sentence).words())
}

/// True when a text holds a casualty word, case aside: every figure hangs on one, so a
/// clause without one has none (a cheap test before [`figures_in`]).
pub fn has_casualty_word(text: &str) -> bool {
    patterns().casualty.is_match(text)
}

/// What a reading finds at a token when its construction is there: the figure it tells
/// (none when the words do not make one, as "one of the wounded") and the index where the
/// search goes on.
type Reading = Option<(Option<Figure>, usize)>;

/// Every casualty figure of a clause, read from its words.
pub fn figures_in(t: &[Word]) -> Vec<Figure> {
    // The casualty word at each token, read once: the search below asks again and again.
    let at_token: Vec<Option<(CasualtyRole, usize)>> =
        (0..t.len()).map(|k| casualty_at(t, k)).collect();
    let casualty = |k: usize| at_token.get(k).copied().flatten();
    // The role of the nearest casualty word before each token, in one pass: the readings
    // that look back for one ask it at every token.
    let mut last = None;
    let earlier_at: Vec<Option<CasualtyRole>> = at_token
        .iter()
        .map(|c| {
            let before = last;
            if let Some((role, _)) = c {
                last = Some(*role);
            }
            before
        })
        .chain([None])
        .collect();
    let earlier = |k: usize| earlier_at.get(k).copied().flatten();
    let mut out = Vec::new();
    // The tokens each figure of `out` was read from.
    let mut spans = Vec::new();
    let mut used_until = 0;
    let mut i = 0;
    while i < t.len() {
        if i < used_until {
            i += 1;
            continue;
        }
        // The readings, tried at each token in this order; the first that is there wins.
        let found = number_first(t, i, &casualty, &earlier)
            .or_else(|| toll_update(t, i, &earlier, &casualty))
            .or_else(|| was_killed(t, i, out.is_empty(), &casualty))
            .or_else(|| named_victim(t, i, &casualty))
            .or_else(|| verb_first(t, i, &casualty));
        if let Some((f, next)) = found {
            // "… douze morts au total", "a total of 12", "the toll rose to 25".
            let total = total_at(t, next).is_some()
                || (i.saturating_sub(TOTAL_BEFORE)..i).any(|k| {
                    total_at(t, k).is_some_and(|n| k + n + TOTAL_BEFORE > i && k + n <= i)
                });
            if let Some(f) = f {
                out.push(Figure {
                    total: total || f.total,
                    ..f
                });
                spans.push((i, next));
            }
            used_until = next;
            i = next;
            continue;
        }
        i += 1;
    }
    let markers = stage_markers(t);
    // "Taken together, the two raids killed 64": a sum over incidents, whatever else the
    // clause says of its figures.
    let combined = markers.iter().any(|m| m.2 == TollStage::Combined);
    for (f, (from, to)) in out.iter_mut().zip(spans) {
        f.stage = if combined {
            Some(TollStage::Combined)
        } else {
            f.stage.or_else(|| stage_near(&markers, from, to))
        };
    }
    out
}

/// The phrases of a clause that tell a count as a first or a later one (`toll_updates.txt`,
/// column 2: "a first toll", "un bilan provisoire", "a new toll", "le dernier bilan"):
/// where each starts and ends, and what it tells.
fn stage_markers(t: &[Word]) -> Vec<(usize, usize, TollStage)> {
    let stages = &lexicon().toll_stages;
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match phrase_in(t, i, |p| stages.contains_key(p), 4) {
            Some(n) => {
                let key: Vec<&str> = t[i..i + n].iter().map(|x| x.key).collect();
                out.extend(stages.get(&key.join(" ")).map(|&s| (i, i + n, s)));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The stage of a figure read from tokens `from..to`: that of the nearest marker of
/// [`stage_markers`] within eight tokens of it ("18 people, according to a provisional
/// toll", "un premier bilan faisait état de 18 morts"), or none.
fn stage_near(markers: &[(usize, usize, TollStage)], from: usize, to: usize) -> Option<TollStage> {
    const MOST_WORDS: usize = 8;
    markers
        .iter()
        .map(|&(start, end, stage)| {
            let gap = if end <= from {
                from - end
            } else {
                start.saturating_sub(to)
            };
            (gap, stage)
        })
        .filter(|&(gap, _)| gap <= MOST_WORDS)
        .min_by_key(|&(gap, _)| gap)
        .map(|(_, stage)| stage)
}

/// Number first: "49 soldiers were (also) killed", "21 people dead". A run of counts at
/// `i`, told by the casualty word after it, by an earlier one when a total closes the list
/// ("around 14 people in all"), or by a passive verb after a relative clause or an aside.
fn number_first(
    t: &[Word],
    i: usize,
    casualty: &impl Fn(usize) -> Option<(CasualtyRole, usize)>,
    earlier: &impl Fn(usize) -> Option<CasualtyRole>,
) -> Reading {
    let (list, end) = group_list(t, i)?;
    count_then_casualty(t, &list, end, casualty)
        .or_else(|| total_in_all(t, &list, end, earlier))
        .or_else(|| {
            // "three children who had been playing nearby were killed": the casualty
            // verb comes after a relative clause or an aside, in the passive.
            let (role, at) = after_aside(t, list[0].start, end)?;
            Some((figure(&list, role), at))
        })
}

/// A run of counts ending at `end`, then its casualty word past the toll links: "49
/// soldiers were killed", "three residents were also killed" (told with others: no toll), "its men
/// had killed 30 soldiers" (the counted did the killing: no toll).
fn count_then_casualty(
    t: &[Word],
    list: &[Group],
    end: usize,
    casualty: &impl Fn(usize) -> Option<(CasualtyRole, usize)>,
) -> Reading {
    const ASIDE_WORDS: usize = 8;
    let links = &lexicon().toll_links;
    let past_links = |mut j: usize| {
        while t.get(j).is_some_and(|x| links.contains_key(x.key)) {
            j += 1;
        }
        j
    };
    let mut j = past_links(end);
    // "five people, including a girl, were killed": past an aside between commas.
    let comma_before = |k: usize| k > 0 && t.get(k - 1).is_some_and(|x| x.comma_after);
    if casualty(j).is_none() && comma_before(end) {
        if let Some(close) = (end + 1..=end + ASIDE_WORDS).find(|&k| comma_before(k)) {
            j = past_links(close);
        }
    }
    let between: Vec<TollLink> = t[end..j]
        .iter()
        .filter_map(|x| links.get(x.key).copied())
        .collect();
    // "three residents were also killed": a count told with others, often of a part ("38
    // of the dead were students; a guard and three residents were also killed"), no toll
    // of its own; but "30 attackers were also killed" is the other side's, which a toll
    // of one side takes (see `fuse`).
    let attackers =
        figure(list, CasualtyRole::Killed).is_some_and(|f| f.victims == Some(VictimRole::Militant));
    let added = between.contains(&TollLink::Added) && !attackers;
    // "its men had killed 30 soldiers": the group did the killing (active, no
    // "been", and an object counted after the verb); "49 people have died" is a toll.
    let object_counted = casualty(j).is_some_and(|(_, n)| {
        // "had killed and wounded hundreds": past a second verb to the object.
        let mut k = j + n;
        while t.get(k).is_some_and(|x| is_and(x.key)) {
            // ("… ont perdu la vie et vingt-deux autres ont été blessés": a new count
            // after "and" is a subject of its own, not the object.)
            let Some((_, m)) = casualty(k + 1) else { break };
            k += 1 + m;
        }
        group_at(t, k + hedge_len_at(t, k)).is_some()
    });
    let not_a_toll = added
        || between.contains(&TollLink::Auxiliary)
            && !between.contains(&TollLink::Passive)
            && object_counted;
    let (role, n) = casualty(j).filter(|_| !not_a_toll)?;
    let mut found = figure(list, role);
    if let Some(f) = &mut found {
        // "Four migrants died at the scene and two more at the hospital".
        if let Some(more) = and_more(t, j + n, casualty) {
            f.value = f.value.saturating_add(more);
            f.high = f.high.saturating_add(more);
        } else if and_the_next(t, j + n, f.value) {
            // "Three people died at the scene and a fourth on arrival at hospital".
            f.value = f.value.saturating_add(1);
            f.high = f.high.saturating_add(1);
        }
    }
    Some((found, j + n))
}

/// "killing him, his wife, his son … around 14 people in all": a total closes a list the
/// sentence's casualty word opened.
fn total_in_all(
    t: &[Word],
    list: &[Group],
    end: usize,
    earlier: &impl Fn(usize) -> Option<CasualtyRole>,
) -> Reading {
    let total = (list[0].start..(end + 1).min(t.len())).any(|k| total_at(t, k).is_some());
    if let (true, Some(role)) = (total, earlier(list[0].start)) {
        return Some((figure(list, role), end));
    }
    None
}

/// An update: "the number killed ... has risen to 25", "put the death toll at 48", "a
/// porté le bilan à 25": the count counts what the casualty word before the phrase, or
/// in it, counts.
fn toll_update(
    t: &[Word],
    i: usize,
    earlier: &impl Fn(usize) -> Option<CasualtyRole>,
    casualty: &impl Fn(usize) -> Option<(CasualtyRole, usize)>,
) -> Reading {
    let n = toll_update_at(t, i)?;
    let role = earlier(i).or_else(|| (i..i + n).find_map(|k| casualty(k).map(|c| c.0)));
    let j = i + n;
    let hedge_len = hedge_len_at(t, j);
    if let (Some(role), Some((list, end))) = (role, group_list(t, j + hedge_len)) {
        return Some((figure(&list, role).map(updated), end));
    }
    None
}

/// The figure as a later count: one read after a phrase that carries the toll forward.
fn updated(f: Figure) -> Figure {
    Figure {
        stage: Some(TollStage::Updated),
        ..f
    }
}

/// One person: "Francisco Tapia, secretary of the council, was shot dead" (read only while
/// the clause has told no figure, `none_yet`).
fn was_killed(
    t: &[Word],
    i: usize,
    none_yet: bool,
    casualty: &impl Fn(usize) -> Option<(CasualtyRole, usize)>,
) -> Reading {
    if !(t[i].key == "was" && none_yet) {
        return None;
    }
    let denied = t[i.saturating_sub(3)..i]
        .iter()
        .any(|x| matches!(x.key, "no" | "nobody" | "none" | "not"));
    if let Some((CasualtyRole::Killed, n)) = casualty(i + 1).filter(|_| !denied) {
        return Some((Some(Figure::one_killed()), i + 1 + n));
    }
    None
}

/// A named victim: "the killing of Khamis Abakar", "gunmen shot dead Ali Musa, a
/// teacher": one killed.
fn named_victim(
    t: &[Word],
    i: usize,
    casualty: &impl Fn(usize) -> Option<(CasualtyRole, usize)>,
) -> Reading {
    let Some((CasualtyRole::Killed, n)) = casualty(i) else {
        return None;
    };
    let mut j = i + n;
    if t.get(j).is_some_and(|x| x.key == "of") {
        j += 1;
    }
    let capital = |k: usize| {
        t.get(k)
            .is_some_and(|x| x.text.starts_with(|c: char| c.is_uppercase()))
    };
    let mut k = j;
    while capital(k) {
        k += 1;
    }
    let ends = t.get(k).is_none_or(|x| {
        matches!(
            x.key,
            "the" | "a" | "an" | "who" | "on" | "in" | "at" | "and"
        ) || x.text.starts_with(|c: char| c.is_ascii_punctuation())
    });
    if k >= j + 2 && ends {
        return Some((Some(Figure::one_killed()), k));
    }
    None
}

/// Verb first: "killed more than 50 soldiers", "toll at 40", "raised the count to 195".
/// The length of a day told between a verb and its count: a weekday or a one-word
/// relative day, maybe after a short preposition and before a time of day ("killed on
/// Sunday five civilians", "ont tué dimanche soir cinq civils", "tué hier trois
/// soldats"); 0 where none stands.
fn day_phrase_len(t: &[Word], j: usize) -> usize {
    let lx = lexicon();
    let day = |k: usize| {
        t.get(k).is_some_and(|w| {
            lx.weekdays.contains_key(w.key) || lx.relative_dates.contains_key(w.key)
        })
    };
    let start = if day(j) {
        j
    } else if t.get(j).is_some_and(|w| w.key.len() <= 2) && day(j + 1) {
        j + 1
    } else {
        return 0;
    };
    let time = t
        .get(start + 1)
        .is_some_and(|w| lx.clause_spans.contains(w.key));
    start + 1 + usize::from(time) - j
}

fn verb_first(
    t: &[Word],
    i: usize,
    casualty: &impl Fn(usize) -> Option<(CasualtyRole, usize)>,
) -> Reading {
    let (role, n) = casualty(i)?;
    let mut j = i + n + day_phrase_len(t, i + n);
    let mut skipped = 0;
    while skipped < 4
        && hedge_len_at(t, j) == 0
        && t.get(j).is_some_and(|x| {
            matches!(
                x.key,
                "at" | "to"
                    | "of"
                    | "the"
                    | "stood"
                    | "rose"
                    | "risen"
                    | "has"
                    | "had"
                    | "climbed"
                    | "put"
                    | "reached"
                    | "was"
                    | "is"
                    | "now"
                    | "count"
                    | "figure"
            )
        })
    {
        j += 1;
        skipped += 1;
    }
    let hedge_start = Some(hedge_len_at(t, j)).filter(|&n| n > 0);
    let at = j + hedge_start.unwrap_or(0);
    let (list, end) = group_list(t, at)?;
    if list[0].start <= j || hedge_start.is_some() {
        // "the toll rose to 25", "the toll has climbed to 25", "put the toll at 26": a
        // later count, by a phrase that ends past the casualty word.
        let update = (i.saturating_sub(4)..j)
            .any(|k| toll_update_at(t, k).is_some_and(|len| k + len >= i + n));
        let found = figure(&list, role).map(|f| if update { updated(f) } else { f });
        return Some((found, end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_figures;

    #[test]
    fn a_day_between_the_verb_and_its_count_leaves_the_count_to_the_verb() {
        for (text, killed) in [
            ("Gunmen killed on Sunday five civilians in the village.", 5),
            ("Gunmen killed yesterday three soldiers near the border.", 3),
            (
                "Militants killed on Friday night 12 people at the market.",
                12,
            ),
            (
                "Des hommes armés ont tué dimanche cinq civils au village.",
                5,
            ),
            ("Des hommes armés ont tué dimanche soir cinq civils.", 5),
            (
                "Des jihadistes ont tué hier trois soldats près de la frontière.",
                3,
            ),
        ] {
            let found: u64 = find_figures(text).iter().map(|f| f.value).sum();
            assert_eq!(found, killed, "{text}");
        }
    }

    #[test]
    fn a_total_before_its_parts_between_commas_is_the_toll() {
        for (text, killed) in [
            (
                "Five people, a policeman and four civilians, were killed and twelve injured.",
                5,
            ),
            (
                "Twelve people, ten soldiers and two civilians, were killed on Friday.",
                12,
            ),
            (
                "Cinq personnes, un policier et quatre civils, ont été tuées.",
                5,
            ),
            ("Six militaires et 34 VDP ont été tués.", 40),
            (
                "In November, five people, including a girl, were killed.",
                5,
            ),
            (
                "Eleven Marines, a Navy corpsman and an Army soldier were killed.",
                13,
            ),
            ("Trois soldats, deux gendarmes et un civil ont été tués.", 6),
            (
                "Une trentaine de morts, dont une dizaine de policiers, ont été enregistrés.",
                30,
            ),
        ] {
            let f = find_figures(text);
            assert_eq!(f.first().map(|f| f.value), Some(killed), "{text}");
        }
    }

    #[test]
    fn the_next_by_its_ordinal_adds_one() {
        for (text, killed) in [
            (
                "Three people died at the scene and a fourth was declared dead on arrival.",
                4,
            ),
            (
                "Two soldiers were killed instantly and a third died of his wounds.",
                3,
            ),
            (
                "Deux civils ont été tués sur le coup et un troisième est mort à l'hôpital.",
                3,
            ),
            ("Three people died at the scene and a fifth was wounded.", 3),
            ("Three people died and a fourth of the village fled.", 3),
        ] {
            let f = find_figures(text);
            assert_eq!(f.first().map(|f| f.value), Some(killed), "{text}");
        }
    }

    #[test]
    fn absurd_figures_never_wrap_nor_come_from_glued_digits() {
        for text in [
            "18446744073709551615 soldiers and 2 civilians were killed.",
            "18446744073709551615 soldats et 2 civils ont été tués.",
            "More than 18446744073709551615 people were killed.",
        ] {
            let f = find_figures(text);
            assert_eq!(f.first().map(|f| f.value), Some(u64::MAX), "{text}");
        }
        for text in [
            "1e999 people were killed.",
            "Gunmen killed 1e999 people.",
            "1e999 personnes ont été tuées.",
        ] {
            assert!(find_figures(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_count_written_with_a_comma_is_no_year() {
        let f = find_figures("Some 2,000 people were killed in the fighting.");
        assert_eq!(f.first().map(|f| f.value), Some(2000));
        assert!(find_figures("In 2019 people were killed there.").is_empty());
    }
}
