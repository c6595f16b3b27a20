//! Assembly: the tellings of one article become its incidents. A telling with a place
//! starts an incident there, or joins the incident already told at the same place on a
//! compatible day (a reference back, the same paragraph, event words of a compatible
//! kind); a telling without a place of its own goes on with the incident told just
//! before; a clause that only adds a toll or actors adds them to it. At the end, a
//! telling placed only at a region folds into the incident at a place of that region, and
//! a place with neither a day nor a toll is left out. Every join and every telling left
//! out is recorded with why, for `--explain`.

use chrono::NaiveDate;

use super::annotate::background;
use super::annotate::dates::{self, DateWords, PartialDate, ResolvedDate};
use super::annotate::figures::{Figure, Specificity};
use super::annotate::places::Basis;
use super::doc::Doc;
use super::kinds;
use super::link::{DateCandidate, DateDecision, Linker, PlaceDecision, Telling};
use super::{dates_within, same_place};
use crate::article::Article;
use crate::gazetteer::normalize::normalize;
use crate::gazetteer::{Gazetteer, Kind, Place};
use crate::lexicon::{CasualtyRole, TollStage};

/// How a telling came to be part of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// It told the incident first.
    New,
    /// At the incident's place and day, it refers back to it ("the attack").
    Reference,
    /// At the incident's place and day, in the paragraph that told it.
    Paragraph,
    /// At the incident's place and day, with event words of a compatible kind.
    Kind,
    /// An undated telling at the incident's place, whose words do not clash with it.
    Undated,
    /// Without a place of its own, it goes on with the incident told just before.
    Continues,
    /// It adds a toll or actors to the incident told just before, at the same place.
    Adds,
    /// It refers back to the undated incident told just before, and gives its day.
    Dates,
    /// A coarser telling (at a region, or a headline without a day) folded into it.
    Folded,
    /// Told earlier in the paragraph (or in a section heading), it lent its place or day.
    Lends,
    /// It reports on the incident on its day or later (a burial, a funeral, a toll
    /// update), at its place: the day is the report's, not the incident's.
    Follows,
}

impl Join {
    /// Why, in words.
    pub fn why(self) -> &'static str {
        match self {
            Join::New => "told it first",
            Join::Reference => "same place and day, and refers back to it",
            Join::Paragraph => "same place and day, in the paragraph that told it",
            Join::Kind => "same place and day, event words of a compatible kind",
            Join::Undated => "same place, no day to tell them apart, words that do not clash",
            Join::Continues => "no place of its own: goes on with the incident told just before",
            Join::Adds => "adds a toll or actors to the incident told just before, same place",
            Join::Dates => "refers back to the undated incident just before and gives its day",
            Join::Folded => "a coarser telling (a region, or a headline without a day) folded in",
            Join::Lends => "told earlier, it lent its place or day to the telling after it",
            Join::Follows => {
                "a burial, funeral or toll update of the incident, on its day or later"
            }
        }
    }
}

/// One telling of an incident: where it stands in the article, and how it joined.
#[derive(Debug, Clone, PartialEq)]
pub struct Told {
    /// The clause's text.
    pub text: String,
    /// Its byte offset in the article.
    pub start: usize,
    /// Its 1-based line in the article.
    pub line: usize,
    /// Its paragraph (0 the first: the headline, when the article has one).
    pub paragraph: usize,
    /// How it joined.
    pub join: Join,
}

/// One incident as one article reports it, before fusion with other reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// The article's file name.
    pub source: String,
    /// Where it happened, if the article says.
    pub place: Option<Place>,
    /// 1 the place itself, 2 near it or part of it, 3 only its region.
    pub geo_precision: u8,
    /// How the place's point was found.
    pub location_basis: Basis,
    /// When, resolved.
    pub date: Option<ResolvedDate>,
    /// When, partly (no year in the article).
    pub partial_date: Option<PartialDate>,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Attacker or initiator.
    pub actor1: Option<String>,
    /// The other side or the victims.
    pub actor2: Option<String>,
    /// Figures reported, killed and injured.
    pub figures: Vec<Figure>,
    /// When its article was published, if known.
    pub published: Option<NaiveDate>,
    /// The tellings it was assembled from, in the order they joined.
    pub tellings: Vec<Told>,
    /// Clauses that lent it its place or its date without telling it (earlier in the
    /// paragraph, or a section heading).
    pub lent: Vec<Told>,
    /// The byte offset of the clause that gave its place.
    pub place_from: Option<usize>,
    /// The byte offset of the clause that gave its date.
    pub date_from: Option<usize>,
    /// The place decision of the telling that placed it.
    pub place_decision: Option<PlaceDecision>,
    /// The date decision of the telling that dated it.
    pub date_decision: Option<DateDecision>,
    /// The language of its article ("en", "fr").
    pub lang: &'static str,
    /// How many incidents its article gave.
    pub article_incidents: usize,
    /// Its rank among them by where the article first tells it (0 the first told).
    pub rank: usize,
    pub(crate) words: Vec<String>,
    pub(crate) actors: Vec<String>,
    /// How its type was decided (set when it is finished).
    pub type_decision: Option<crate::extract::event_type::TypeDecision>,
    /// The earliest day a source spoke of it ("officials said on Thursday"): its date
    /// when the text gives no other, since an incident cannot postdate its report.
    pub(crate) reported_on: Option<NaiveDate>,
    /// The last paragraph that told of it.
    paragraph: usize,
}

impl Incident {
    /// Notes a day the incident was spoken of.
    fn reported(&mut self, on: Option<NaiveDate>) {
        if let Some(day) = on {
            self.reported_on = Some(self.reported_on.map_or(day, |r| r.min(day)));
        }
    }

    /// True when one of its event words marks an incident on its own ("attacked",
    /// "ambush"), not only with a toll or victims ("killed", "struck").
    pub fn strong_word(&self) -> bool {
        let events = &crate::lexicon::lexicon().events;
        self.words
            .iter()
            .any(|w| events.get(w).is_some_and(|e| e.strength >= 2))
    }

    /// True when it has a day, or part of one.
    fn dated(&self) -> bool {
        self.date.is_some() || self.partial_date.is_some()
    }

    /// Takes in one more telling: its figures, actors and event words, and its date when
    /// the incident has none yet, or only a partial one.
    fn absorb(&mut self, told: Told, t: &Telling, figures: &[Figure], date: Dated) {
        self.figures.extend(figures.iter().copied());
        self.actors.extend(t.cues.actors.iter().cloned());
        self.words.extend(t.cues.words.iter().cloned());
        // A weekday or a day without its year gives way to the full date a later telling
        // of the incident gives ("in the night to Thursday" … "this Thursday 11 June 2020"),
        // and a week or a weekend to a day within it ("over the weekend" … "on Saturday").
        let completes = self.date.is_none() && date.date.is_some();
        let narrows = match (self.date, date.date) {
            (Some(old), Some(new)) => {
                new.precision < old.precision && dates_within(Some(old), None, Some(new), None, 0)
            }
            _ => false,
        };
        if !self.dated() || completes || narrows {
            (self.date, self.partial_date) = (date.date, date.partial);
            if date.date.is_some() || date.partial.is_some() {
                self.date_decision = Some(t.date.clone());
                self.date_from = date.from;
            }
        }
        self.tellings.push(told);
    }

    /// Notes a clause that lent the incident its place or date, unless it told it too.
    fn lent_by(&mut self, quote: Option<Told>) {
        if let Some(q) = quote {
            let known = self
                .tellings
                .iter()
                .chain(&self.lent)
                .any(|t| t.start == q.start);
            if !known {
                self.lent.push(q);
            }
        }
    }

    /// The clauses that supplied its event word, place, date and the figures in
    /// `figure_at` (byte offsets of the clauses that told them), in text order: the
    /// evidence a reader checks it by.
    pub fn evidence(&self, figure_at: &[usize]) -> Vec<&Told> {
        let event = self.tellings.first().map(|t| t.start);
        let wanted: Vec<usize> = [event, self.place_from, self.date_from]
            .into_iter()
            .flatten()
            .chain(figure_at.iter().copied())
            .collect();
        let mut quotes: Vec<&Told> = self
            .tellings
            .iter()
            .chain(&self.lent)
            .filter(|t| wanted.contains(&t.start))
            .collect();
        quotes.sort_by_key(|t| t.start);
        quotes.dedup_by_key(|t| t.start);
        quotes
    }
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleIncidents {
    /// Incidents with a place at region level or finer.
    pub incidents: Vec<Incident>,
    /// Incidents dropped for want of a place.
    pub dropped_without_place: usize,
    /// Incidents dropped for want of a day and a toll (see [`super::extract_article`]).
    pub dropped_vague: usize,
    /// Every telling that did not become an incident, and why.
    pub dropped: Vec<Dropped>,
}

/// Why a telling did not become an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// No place in it, its paragraph or its section.
    NoPlace,
    /// A place with neither a day nor a toll: a place talked about.
    NoDayNorToll,
    /// A telling at a region that sums up several incidents of the article.
    Summary,
    /// It tells the past or what may come.
    Background,
}

impl DropReason {
    /// Why, in words.
    pub fn why(self) -> &'static str {
        match self {
            DropReason::NoPlace => "no place: none in the clause, its paragraph or its section",
            DropReason::NoDayNorToll => {
                "a place with neither a day nor a toll, in a dated article: a place talked about"
            }
            DropReason::Summary => "a region-level summary of several incidents of the article",
            DropReason::Background => "background: it tells the past, or what may come",
        }
    }
}

/// A telling that did not become an incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// The article's file name.
    pub source: String,
    /// Its 1-based line in the article.
    pub line: usize,
    /// The clause's text.
    pub text: String,
    /// Why.
    pub why: DropReason,
}

/// A telling's date, resolved against the publication date and the story's last day,
/// and the byte offset of the clause that gave it.
#[derive(Debug, Clone, Copy, Default)]
struct Dated {
    date: Option<ResolvedDate>,
    partial: Option<PartialDate>,
    from: Option<usize>,
}

/// The assembly of one article's incidents.
pub struct Assembly<'d> {
    doc: &'d Doc<'d>,
    article: &'d Article,
    anchor: Option<NaiveDate>,
    incidents: Vec<Incident>,
    /// The incident told last.
    current: Option<usize>,
    /// The day of the incident told last: what "the next day" counts from.
    last_date: Option<NaiveDate>,
    /// The dates clauses gave of their own, by the clause's byte offset: a clause that
    /// lends its date lends that day ("Two days earlier, in X, …" resolved where it was
    /// said, not again from a later story day).
    own_dates: Vec<(usize, Dated)>,
    dropped: Vec<Dropped>,
}

impl<'d> Assembly<'d> {
    /// An assembly for a document.
    pub fn new(doc: &'d Doc<'d>) -> Assembly<'d> {
        Assembly {
            doc,
            article: doc.article,
            anchor: doc.article.anchor(),
            incidents: Vec::new(),
            current: None,
            last_date: None,
            own_dates: Vec::new(),
            dropped: Vec::new(),
        }
    }

    /// Notes a telling that tells background, so that `--explain` can say so.
    pub fn background(&mut self, start: usize, text: &str) {
        self.drop(start, text, DropReason::Background);
    }

    /// Takes in one telling (in text order); tells the linker where an incident was placed.
    pub fn take(&mut self, t: Telling, linker: &mut Linker) {
        if t.trigger {
            self.trigger(t, linker);
        } else {
            self.addition(&t);
        }
    }

    fn told(&self, t: &Telling, join: Join) -> Told {
        Told {
            text: t.text.to_string(),
            start: t.start,
            line: self.doc.line_of(t.start),
            paragraph: t.paragraph,
            join,
        }
    }

    fn drop(&mut self, start: usize, text: &str, why: DropReason) {
        self.dropped.push(Dropped {
            source: self.article.source.clone(),
            line: self.doc.line_of(start),
            text: text.to_string(),
            why,
        });
    }

    /// The telling's date: its best candidate resolved, or the date its paragraph lends
    /// when its own cannot be resolved.
    fn resolve(&mut self, t: &Telling) -> Dated {
        let Some(best) = t.date.best() else {
            return Dated::default();
        };
        let own = self.resolve_once(best, t.start);
        match t.date.lent() {
            Some(lent) if own.date.is_none() && own.partial.is_none() => {
                self.resolve_once(lent, t.start)
            }
            _ => own,
        }
    }

    /// A date candidate resolved once per clause that says it: a clause that lends its
    /// date to others lends the day it had where it was said ("Two days earlier, on
    /// Friday, …" counts from the story's day then, not from a later one).
    fn resolve_once(&mut self, c: &DateCandidate, start: usize) -> Dated {
        let at = c.lent_by.unwrap_or(start);
        if let Some(&(_, dated)) = self.own_dates.iter().rev().find(|(by, _)| *by == at) {
            return dated;
        }
        let previous = self.day_before(c.mention.words);
        let (date, partial) = dates::resolve(c.mention.words, self.anchor, previous);
        let dated = Dated {
            date,
            partial,
            from: Some(at),
        };
        self.own_dates.push((at, dated));
        dated
    }

    /// The day a date is counted from when it does not say its own: the day of the
    /// incident its words name ("the day before the raid": the last incident told with
    /// that word, else the first one dated to the day, the story's lead), or the day the
    /// story last told.
    fn day_before(&self, words: DateWords) -> Option<NaiveDate> {
        let DateWords::FromIncident(_, noun) = words else {
            return self.last_date;
        };
        let dated = || {
            self.incidents
                .iter()
                .filter_map(|i| i.date.filter(|d| d.precision == 1).map(|d| (i, d.date)))
        };
        dated()
            .rfind(|(i, _)| i.words.iter().any(|w| w == noun))
            .or_else(|| dated().next())
            .map(|(_, day)| day)
            .or(self.last_date)
    }

    /// A lending clause as a quote.
    fn lender(&self, start: Option<usize>) -> Option<Told> {
        let c = self.doc.clause_at(start?)?;
        Some(Told {
            text: c.text.to_string(),
            start: c.start,
            line: self.doc.line_of(c.start),
            paragraph: c.paragraph,
            join: Join::Lends,
        })
    }

    /// A clause that only adds to the incident told just before: its toll and actors
    /// when it is at the same place, and its day when it refers back to it undated.
    fn addition(&mut self, t: &Telling) {
        let Some(ci) = self.current else { return };
        let inc = &self.incidents[ci];
        let at_place = (t.sentence_places.is_empty() && !t.unknown_settlement)
            || t.sentence_places
                .iter()
                .any(|p| one_place(Some(p), inc.place.as_ref()));
        if !at_place {
            return;
        }
        let own_date = t.date.best().map(|d| d.mention.words);
        let (anchor, previous) = (self.anchor, own_date.and_then(|w| self.day_before(w)));
        let told = self.told(t, Join::Adds);
        let inc = &mut self.incidents[ci];
        if !t.figures.is_empty() || !t.cues.actors.is_empty() {
            inc.figures.extend(t.figures.iter().copied());
            inc.actors.extend(t.cues.actors.iter().cloned());
            inc.tellings.push(told.clone());
        }
        // "The strike hit the Yarmouk neighbourhood on Saturday": a reference back dates
        // an incident that has no date yet.
        if t.cues.definite && !inc.dated() {
            if let Some(words) = own_date {
                (inc.date, inc.partial_date) = dates::resolve(words, anchor, previous);
                inc.date_decision = Some(t.date.clone());
                inc.date_from = Some(t.start);
                inc.tellings.push(Told {
                    join: Join::Dates,
                    ..told
                });
            }
        }
    }

    /// A clause that tells an incident: at each place it is tied to, a new incident or
    /// the one already told there; without a place, the incident told just before, or
    /// none.
    fn trigger(&mut self, t: Telling, linker: &mut Linker) {
        let date = self.resolve(&t);
        let definite = t.cues.definite;
        let best = t.place.best();
        let own = best.is_some_and(|b| b.source.own());
        if !own && !t.unknown_settlement && !t.cues.another {
            // "The attack …" tells the incident before, unless its day is another
            // (and a village the gazetteer lacks is another place, and "a second blast"
            // another incident).
            if let Some(ci) = self.current {
                let inc = &self.incidents[ci];
                // A clause that tells an attack after a march tells another incident.
                let goes_on = (definite || !t.lent_place || t.same_sentence)
                    && !kinds::another_disorder(&inc.words, &t.cues.words);
                let same_day = !t.own_date
                    || (definite
                        && dates_within(inc.date, inc.partial_date, date.date, date.partial, 0));
                if goes_on && same_day {
                    let told = self.told(&t, Join::Continues);
                    let lender = self.lender(date.from.filter(|&f| f != t.start));
                    self.incidents[ci].absorb(told, &t, t.figures, date);
                    self.incidents[ci].lent_by(lender);
                    self.incidents[ci].reported(t.reported_on);
                    return;
                }
            }
        }
        let inherited = best.is_some_and(|b| b.source.referred());
        // A burial or a toll update that would start an incident of its own, or be
        // dropped for want of a place, reports on one told before.
        let anew = best.is_none_or(|b| self.existing(&t, &b.place, date, inherited).is_none());
        if let Some((i, reported_on)) = anew.then(|| self.followed(&t, date)).flatten() {
            // Its count was told on a later day, perhaps before all were found ("twenty
            // bodies on Saturday morning"): it counts only where the incident has none of
            // its kind, or as a stated total or a later count ("the toll rose to 25").
            let told = self.told(&t, Join::Follows);
            let inc = &mut self.incidents[i];
            let figures: Vec<Figure> = t
                .figures
                .iter()
                .filter(|f| {
                    f.total
                        || f.stage == Some(TollStage::Updated)
                        || inc.figures.iter().all(|g| g.role != f.role)
                })
                .copied()
                .collect();
            inc.absorb(told, &t, &figures, Dated::default());
            inc.reported(reported_on);
            self.current = Some(i);
            return;
        }
        if best.is_none() {
            // Unplaced, it still dates what follows ("the day before the Pa Zi Gyi raid").
            if let Some(d) = date.date {
                self.last_date = Some(d.date);
            }
            self.drop(t.start, t.text, DropReason::NoPlace);
            // "A second device exploded in an unknown district; two were killed there":
            // what follows goes on with that incident, not with the one before.
            if t.cues.another {
                self.current = None;
            }
            return;
        }
        for (ti, &k) in t.place.chosen.iter().enumerate() {
            let target = &t.place.candidates[k];
            let place = &target.place;
            let figures: &[Figure] = if ti == 0 { t.figures } else { &[] };
            let existing = self.existing(&t, place, date, inherited);
            let index = match existing {
                Some((i, join)) => {
                    let told = self.told(&t, join);
                    let lender = self.lender(date.from.filter(|&f| f != t.start));
                    self.incidents[i].absorb(told, &t, figures, date);
                    self.incidents[i].lent_by(lender);
                    i
                }
                None => {
                    let incident = self.new_incident(&t, k, figures, date);
                    self.incidents.push(incident);
                    self.incidents.len() - 1
                }
            };
            let inc = &mut self.incidents[index];
            inc.reported(t.reported_on);
            inc.paragraph = t.paragraph;
            if inc.place_decision.is_none() {
                inc.place_decision = Some(decision_for(&t.place, k));
            }
            if ti == 0 {
                self.current = Some(index);
                linker.placed(&t, target);
            }
        }
        if let Some(d) = self.incidents[self.current.unwrap_or(0)].date {
            self.last_date = Some(d.date);
        }
    }

    /// The incident a telling reports on rather than tells anew ("Forty-three bodies were
    /// buried in Zabarmari on Sunday", "On Monday the governor put the total at 22", "On
    /// Saturday the attack had not been claimed", a claim without a toll of its own, or a
    /// claim's toll without a place of its own): the first told at its place, or without
    /// a place of its own the one told just before, on the telling's day or up to a week
    /// before it. The burial's or the update's day is not the incident's: it is returned
    /// as a day the incident was reported on.
    fn followed(&self, t: &Telling, date: Dated) -> Option<(usize, Option<NaiveDate>)> {
        let clause = self.doc.clauses.get(t.clause)?;
        // A claim's toll told without a place of its own ("The claim said more than a
        // hundred soldiers had been killed") is the claimed toll of the incident just told.
        let own = t.place.best().is_some_and(|b| b.source.own());
        let claim = background::tells_a_claim(clause);
        let claimed_toll = claim && !t.figures.is_empty() && !own;
        // The day of a burial or an update is a day the incident was reported on; a date
        // in a claim may be another's ("a movement founded last month").
        let reported_on = if background::reports_on_incident(clause) {
            t.reported_on.or(date.date.map(|d| d.date))
        } else if claim && (t.figures.is_empty() || claimed_toll) {
            t.reported_on
        } else {
            return None;
        };
        let before = |inc: &Incident| match (inc.date, date.date) {
            (Some(old), Some(new)) => (0..=7).contains(&(new.date - old.date).num_days()),
            _ => true,
        };
        let i = match t.place.best() {
            Some(best) if !claimed_toll => self
                .incidents
                .iter()
                .position(|inc| one_place(inc.place.as_ref(), Some(&best.place)))?,
            _ => self.current?,
        };
        before(&self.incidents[i]).then_some((i, reported_on))
    }

    /// The incident already told at a place and day that a telling joins, and how: a
    /// reference back, the same paragraph, event words of a compatible kind, or an undated
    /// telling whose words do not clash; none for a telling of one more incident ("a
    /// second blast").
    fn existing(
        &self,
        t: &Telling,
        place: &Place,
        date: Dated,
        inherited: bool,
    ) -> Option<(usize, Join)> {
        // "A second blast" is never one told before.
        if t.cues.another {
            return None;
        }
        // An undated mention of a place (a headline, "the attack on X") is the
        // incident told there, whatever words it uses.
        let undated = (date.date.is_none() && date.partial.is_none())
            || self
                .incidents
                .iter()
                .any(|inc| one_place(inc.place.as_ref(), Some(place)) && !inc.dated());
        // A toll told in the paragraph of an incident, of its place and day, is its
        // toll; so is a sentence of that paragraph that names no place of its own.
        self.incidents.iter().enumerate().find_map(|(i, inc)| {
            if !one_place(inc.place.as_ref(), Some(place))
                || !dates_within(inc.date, inc.partial_date, date.date, date.partial, 0)
            {
                return None;
            }
            let join = if t.cues.definite {
                Join::Reference
            } else if inc.paragraph == t.paragraph && (t.cues.strength < 2 || inherited) {
                Join::Paragraph
            } else if kinds::types_compatible(&inc.words, &t.cues.words) {
                Join::Kind
            } else if undated && kinds::types_loosely_compatible(&inc.words, &t.cues.words) {
                Join::Undated
            } else {
                return None;
            };
            Some((i, join))
        })
    }

    /// A new incident at the telling's candidate place `candidate`.
    fn new_incident(
        &self,
        t: &Telling,
        candidate: usize,
        figures: &[Figure],
        date: Dated,
    ) -> Incident {
        let target = &t.place.candidates[candidate];
        let (place, precision, lent_by) = (target.place.clone(), target.precision, target.lent_by);
        let dated = date.date.is_some() || date.partial.is_some();
        let mut incident = Incident {
            source: self.article.source.clone(),
            place: Some(place),
            geo_precision: precision.max(1),
            location_basis: target.basis,
            date: date.date,
            partial_date: date.partial,
            event_type: String::new(),
            sub_event_type: String::new(),
            actor1: None,
            actor2: None,
            figures: figures.to_vec(),
            published: self.anchor,
            tellings: vec![self.told(t, Join::New)],
            lent: Vec::new(),
            place_from: Some(lent_by.unwrap_or(t.start)),
            date_from: date.from.filter(|_| dated),
            place_decision: Some(decision_for(&t.place, candidate)),
            date_decision: dated.then(|| t.date.clone()),
            lang: self.doc.lang,
            article_incidents: 0,
            rank: 0,
            words: t.cues.words.clone(),
            actors: t.cues.actors.clone(),
            type_decision: None,
            reported_on: None,
            paragraph: 0,
        };
        incident.lent_by(self.lender(lent_by));
        incident.lent_by(self.lender(incident.date_from.filter(|&f| f != t.start)));
        incident
    }

    /// The article's incidents: coarse tellings folded in, undated ones dated by the day
    /// they were reported, and places with neither a day nor a toll left out.
    pub fn finish(mut self, gaz: &Gazetteer) -> ArticleIncidents {
        let mut out = ArticleIncidents {
            dropped_without_place: self
                .dropped
                .iter()
                .filter(|d| d.why == DropReason::NoPlace)
                .count(),
            ..ArticleIncidents::default()
        };
        let incidents =
            fold_coarse_tellings(std::mem::take(&mut self.incidents), &mut self.dropped);
        let lead = story_day(&incidents);
        for mut inc in incidents {
            if !inc.dated() {
                inc.date = inc
                    .reported_on
                    .map(|date| ResolvedDate { date, precision: 2 });
            }
            // A place with neither a day nor a toll, in an article that has a date to tell
            // days by (or a region in any article), is a place talked about, not where an
            // incident happened ("violence in Tillabéri region", "celebrations in Kyiv were
            // banned for fear of strikes").
            let region = inc.place.as_ref().is_some_and(|p| p.kind == Kind::Admin1);
            let vague = (region || self.anchor.is_some()) && !inc.dated() && inc.figures.is_empty();
            if vague {
                out.dropped_vague += 1;
                if let Some(first) = inc.tellings.first() {
                    self.dropped.push(Dropped {
                        source: inc.source.clone(),
                        line: first.line,
                        text: first.text.clone(),
                        why: DropReason::NoDayNorToll,
                    });
                }
                continue;
            }
            // A report or toll told after the lead without a day of its own ("In Moundou,
            // the second city, crowds gathered at 5 am") is the story's: its day, to the
            // week.
            if !inc.dated() {
                inc.date = lead
                    .filter(|(start, _)| first_told(&inc) > *start)
                    .map(|(_, date)| ResolvedDate { date, precision: 2 });
            }
            kinds::finish(&mut inc, gaz);
            out.incidents.push(inc);
        }
        let count = out.incidents.len();
        let mut firsts: Vec<usize> = out
            .incidents
            .iter()
            .map(|i| i.tellings.iter().map(|t| t.start).min().unwrap_or(0))
            .collect();
        firsts.sort_unstable();
        for inc in &mut out.incidents {
            let first = inc.tellings.iter().map(|t| t.start).min().unwrap_or(0);
            inc.article_incidents = count;
            inc.rank = firsts.partition_point(|&f| f < first);
        }
        out.dropped = self.dropped;
        out
    }
}

/// How far apart two gazetteer records of one name may lie and still be one town for
/// fusion: a gazetteer may hold a town twice (a seat and a populated place, each with a
/// point of its own, some kilometres apart), and an article, or two articles, naming it
/// mean one place.
pub const TOWN_EXTENT_KM: f64 = 10.0;

/// True when two places are one for fusion: the same place (see [`same_place`]), or two
/// places of one name (two records, or a record and a place the article placed itself)
/// that lie within [`TOWN_EXTENT_KM`].
pub fn one_place(a: Option<&Place>, b: Option<&Place>) -> bool {
    if same_place(a, b) {
        return true;
    }
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let names = |p: &Place| [normalize(&p.name), normalize(&p.matched_name)];
    let (na, nb) = (names(a), names(b));
    na.iter().any(|n| !n.is_empty() && nb.contains(n))
        && crate::distance::haversine_km(a.lat, a.lon, b.lat, b.lon) <= TOWN_EXTENT_KM
}

/// Where the first telling of an incident starts in the article.
fn first_told(inc: &Incident) -> usize {
    inc.tellings.iter().map(|t| t.start).min().unwrap_or(0)
}

/// The story's day: the day of the incident the article tells first, when its own words
/// give that day, with where it is first told.
fn story_day(incidents: &[Incident]) -> Option<(usize, NaiveDate)> {
    incidents
        .iter()
        .min_by_key(|inc| first_told(inc))
        .and_then(|inc| {
            let day = inc.date.filter(|d| d.precision == 1)?;
            Some((first_told(inc), day.date))
        })
}

/// A telling's place decision as one of its incidents saw it: `candidate` first (an
/// incident at the second place of a list took that place, not the first).
fn decision_for(decision: &PlaceDecision, candidate: usize) -> PlaceDecision {
    let mut d = decision.clone();
    d.chosen.retain(|&i| i != candidate);
    d.chosen.insert(0, candidate);
    d
}

/// Folds an incident placed only at a region into the article's incident at a place in
/// that region on a compatible day and of a like toll: the headline or summary telling
/// it coarsely ("massacre in Pont-Sondé (Artibonite) kills at least 70" where Pont-Sondé
/// is unknown, then the section on Saint-Marc commune). With one such incident, its
/// figures join it; with several, the region's telling is a summary of them and is left
/// out. A toll far from the place's ("also the death of a French soldier" beside 49
/// dead at a base) tells another incident; a vague one ("dozens dead") is like any toll
/// in its span. An undated telling with a toll (a headline)
/// folds the same way into a dated incident within 50 km of a like toll and kind.
fn fold_coarse_tellings(incidents: Vec<Incident>, dropped: &mut Vec<Dropped>) -> Vec<Incident> {
    let killed = |inc: &Incident| {
        inc.figures
            .iter()
            .filter(|f| f.role == CasualtyRole::Killed)
            .map(|f| f.value)
            .max()
    };
    // The span of a death toll: its largest figure, and no top when a vague one says only
    // how many at least ("dozens dead": 24 or more).
    let span = |inc: &Incident| {
        let dead = || {
            inc.figures
                .iter()
                .filter(|f| f.role == CasualtyRole::Killed)
        };
        let low = dead().map(|f| f.value).max()?;
        let high = dead()
            .map(|f| match f.specificity {
                Specificity::Vague => u64::MAX / 2,
                _ => f.value,
            })
            .max()?;
        Some((low, high))
    };
    // Two death tolls within a factor of two, or one in the span of a vague one; `unknown`
    // when either is missing.
    let like_tolls = |a: &Incident, b: &Incident, unknown: bool| match (span(a), span(b)) {
        (Some((a_low, a_high)), Some((b_low, b_high))) => {
            a_low.max(b_low) <= 2 * a_high.min(b_high)
        }
        _ => unknown,
    };
    let within = |region: &Incident, inc: &Incident| {
        let (Some(r), Some(p)) = (region.place.as_ref(), inc.place.as_ref()) else {
            return false;
        };
        !p.kind.is_area()
            && r.country_code == p.country_code
            && r.admin1 == p.admin1
            && like_tolls(region, inc, true)
            && dates_within(
                region.date,
                region.partial_date,
                inc.date,
                inc.partial_date,
                1,
            )
    };
    // (A village the gazetteer lacks, placed at its region's point, is no region.)
    let is_region = |inc: &Incident| {
        inc.place
            .as_ref()
            .is_some_and(|p| p.kind == Kind::Admin1 && !p.unlisted)
    };
    // A headline or summary with a toll and no day ("Mali says 132 civilians killed in
    // raids on villages near Bankass") is the dated incident nearby with a like toll.
    let near_and_like = |told: &Incident, inc: &Incident| {
        let (Some(a), Some(b)) = (told.place.as_ref(), inc.place.as_ref()) else {
            return false;
        };
        inc.dated()
            && like_tolls(told, inc, false)
            && kinds::types_loosely_compatible(&told.words, &inc.words)
            && crate::distance::haversine_km(a.lat, a.lon, b.lat, b.lon) <= 50.0
    };
    // First regions into places, then undated tellings into dated incidents.
    let (coarse, mut kept): (Vec<Incident>, Vec<Incident>) =
        incidents.into_iter().partition(|inc| is_region(inc));
    fold(coarse, &mut kept, dropped, within);
    let (undated, mut kept): (Vec<Incident>, Vec<Incident>) = kept
        .into_iter()
        .partition(|inc| !inc.dated() && killed(inc).is_some());
    fold(undated, &mut kept, dropped, near_and_like);
    kept
}

/// Folds each coarse telling into the one incident `home` accepts for it; with several
/// homes it is a summary and is left out; with none it stays an incident of its own.
fn fold(
    coarse: Vec<Incident>,
    kept: &mut Vec<Incident>,
    dropped: &mut Vec<Dropped>,
    home: impl Fn(&Incident, &Incident) -> bool,
) {
    for told in coarse {
        let homes: Vec<usize> = (0..kept.len()).filter(|&i| home(&told, &kept[i])).collect();
        match homes.as_slice() {
            [] => kept.push(told),
            [one] => {
                let home = &mut kept[*one];
                home.figures.extend(told.figures);
                home.actors.extend(told.actors);
                home.words.extend(told.words);
                home.lent.extend(told.lent);
                home.tellings
                    .extend(told.tellings.into_iter().map(|t| Told {
                        join: Join::Folded,
                        ..t
                    }));
                if !home.dated() {
                    home.date = told.date;
                    home.partial_date = told.partial_date;
                    if told.date_decision.is_some() {
                        home.date_decision = told.date_decision;
                        home.date_from = told.date_from;
                    }
                }
                home.reported(told.reported_on);
            }
            _ => {
                if let Some(first) = told.tellings.first() {
                    dropped.push(Dropped {
                        source: told.source.clone(),
                        line: first.line,
                        text: first.text.clone(),
                        why: DropReason::Summary,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A town record named `name`, matched as `matched`, at a point.
    fn town(id: &str, name: &str, matched: &str, lat: f64, lon: f64, unlisted: bool) -> Place {
        Place {
            id: id.into(),
            name: name.into(),
            matched_name: matched.into(),
            lat,
            lon,
            country_code: "BF".into(),
            country: "Burkina Faso".into(),
            admin1: "Centre-Nord".into(),
            kind: Kind::PopulatedPlace,
            population: 0,
            score: 0.0,
            unlisted,
        }
    }

    #[test]
    fn two_records_of_one_town_some_km_apart_are_one_place() {
        let seat = town("1", "Dabila", "Dabila", 13.45, -1.08, false);
        let hamlet = town("2", "Dabilla", "Dabila", 13.41, -1.05, false);
        assert!(one_place(Some(&seat), Some(&hamlet)));
    }

    #[test]
    fn a_placed_town_and_a_record_of_its_name_nearby_are_one_place() {
        let learned = town("", "Dabila", "Dabila", 13.45, -1.08, true);
        let record = town("2", "Dabila", "Dabila", 13.40, -1.06, false);
        assert!(one_place(Some(&learned), Some(&record)));
        assert!(one_place(Some(&record), Some(&learned)));
    }

    #[test]
    fn namesakes_far_apart_or_neighbours_of_other_names_stay_apart() {
        let a = town("1", "Dabila", "Dabila", 13.45, -1.08, false);
        let far = town("2", "Dabila", "Dabila", 13.60, -1.08, false);
        let other = town("3", "Koudougou", "Koudougou", 13.41, -1.05, false);
        assert!(!one_place(Some(&a), Some(&far)));
        assert!(!one_place(Some(&a), Some(&other)));
    }
}
