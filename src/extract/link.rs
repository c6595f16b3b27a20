//! Linking: each clause that tells of an incident is tied to a place and a date chosen
//! among scored candidates. The candidate places are the places the clause names (with
//! the cue that marks each), "the town" it refers back to, and the places its paragraph
//! and section heading lend; the candidate dates are the dates it names and those its
//! paragraph and section lend. Each candidate's score is the sum of its features'
//! weights ([`super::weights`]); the best wins, and the decision keeps every candidate
//! with its score. A few hard vetoes stay explicit and say why: a place where someone
//! spoke or where people went, a country, a name the gazetteer lacks; a report's day, a
//! period's start, a past year.
//!
//! The linker reads the clauses in order and keeps what a paragraph or a heading lends to
//! the clauses after it; assembly tells it which place a clause's incident took
//! ([`Linker::placed`]), since that is what the paragraph lends next.

use chrono::NaiveDate;

use super::annotate::dates::{self, DateMention, DateWords};
use super::annotate::events::Cues;
use super::annotate::figures::Figure;
use super::annotate::places::{self, Basis, Mention, Role};
use super::annotate::Layers;
use super::doc::Doc;
use super::weights::{best, Feature, Scored};
use crate::gazetteer::{Kind, Place};
use crate::lexicon::CityPart;

/// Where a candidate place comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceSource {
    /// A name in the clause.
    Clause,
    /// "The town": the last town named before the clause.
    BackReference,
    /// "The market", "the capital": a part of a city the clause does not name.
    CityPart,
    /// The place of the paragraph's incident.
    Paragraph,
    /// The place of the section heading above the paragraph.
    Section,
}

impl PlaceSource {
    /// True for a place the clause gives itself, not one it inherits.
    pub fn own(self) -> bool {
        matches!(
            self,
            PlaceSource::Clause | PlaceSource::BackReference | PlaceSource::CityPart
        )
    }

    /// True for a place the clause only refers to: it joins an incident told at that
    /// place in its paragraph as a lent place would.
    pub fn referred(self) -> bool {
        !matches!(self, PlaceSource::Clause | PlaceSource::BackReference)
    }
}

/// One candidate place of a telling.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCandidate {
    /// The place.
    pub place: Place,
    /// How the text names it ("Kati region", "the town").
    pub written: String,
    /// 1 the place itself, 2 near it or part of it, 3 only its region.
    pub precision: u8,
    /// Where it comes from.
    pub source: PlaceSource,
    /// How its point was found.
    pub basis: Basis,
    /// True when it follows another place in a list ("in Mopti, Sokolo and Kalumba").
    pub listed: bool,
    /// True when it lies in one of the article's main countries.
    pub home: bool,
    /// True when the article's first paragraph (its headline) names it too.
    pub in_headline: bool,
    /// For a place lent by the paragraph or section, the byte offset of the clause that
    /// named it.
    pub lent_by: Option<usize>,
    /// Its features and score.
    pub scored: Scored,
}

/// A name that is no candidate, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vetoed {
    /// As written.
    pub written: String,
    /// Why it is no candidate.
    pub why: &'static str,
}

/// The place decision of one telling.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceDecision {
    /// Every candidate, in text order (inherited ones last).
    pub candidates: Vec<PlaceCandidate>,
    /// The places the telling is tied to, best first: one, or the places of a list.
    pub chosen: Vec<usize>,
    /// Names that were no candidates.
    pub vetoed: Vec<Vetoed>,
}

impl PlaceDecision {
    /// The best candidate, if any.
    pub fn best(&self) -> Option<&PlaceCandidate> {
        self.chosen.first().map(|&i| &self.candidates[i])
    }
}

/// Where a candidate date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// The clause names it.
    Clause,
    /// The paragraph told it before.
    Paragraph,
    /// The section heading gives it.
    Section,
}

/// One candidate date of a telling.
#[derive(Debug, Clone, PartialEq)]
pub struct DateCandidate {
    /// What it says.
    pub mention: DateMention,
    /// As written.
    pub phrase: String,
    /// Where it comes from.
    pub source: DateSource,
    /// For a date lent by the paragraph or section, the byte offset of the clause that
    /// named it.
    pub lent_by: Option<usize>,
    /// Its features and score.
    pub scored: Scored,
}

/// The date decision of one telling.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateDecision {
    /// Every candidate.
    pub candidates: Vec<DateCandidate>,
    /// The winner, if any.
    pub chosen: Option<usize>,
    /// Dates that were no candidates.
    pub vetoed: Vec<Vetoed>,
}

impl DateDecision {
    /// The winning candidate, if any.
    pub fn best(&self) -> Option<&DateCandidate> {
        self.chosen.map(|i| &self.candidates[i])
    }

    /// The candidates the clause names itself (they come first).
    pub fn own(&self) -> impl Iterator<Item = &DateCandidate> {
        self.candidates
            .iter()
            .take_while(|d| d.source == DateSource::Clause)
    }

    /// The lent candidate (the paragraph's or section's date), if the clause may take one:
    /// what an incident falls back on when its own date cannot be resolved.
    pub fn lent(&self) -> Option<&DateCandidate> {
        self.candidates
            .iter()
            .find(|d| d.source != DateSource::Clause)
    }
}

/// What linking made of one clause: the material assembly works with.
#[derive(Debug, Clone)]
pub struct Telling<'d> {
    /// The clause's index in the document.
    pub clause: usize,
    /// Its text.
    pub text: &'d str,
    /// Its byte offset in the article.
    pub start: usize,
    /// Its sentence.
    pub sentence: usize,
    /// Its paragraph.
    pub paragraph: usize,
    /// True when it tells an incident itself (an event word, or a weaker one with a toll
    /// or victims); false when it can only add to one told before.
    pub trigger: bool,
    /// Its event words, victims and actors.
    pub cues: &'d Cues,
    /// Its casualty figures.
    pub figures: &'d [Figure],
    /// The place decision (triggers only).
    pub place: PlaceDecision,
    /// The date decision.
    pub date: DateDecision,
    /// True when the clause names an event date of its own.
    pub own_date: bool,
    /// The day a source spoke of it ("officials said on Thursday"), if the clause gives it.
    pub reported_on: Option<NaiveDate>,
    /// True when another clause of the same sentence gave the paragraph its place: this
    /// clause, with no place of its own, tells another incident.
    pub same_sentence: bool,
    /// True when the paragraph or section lends a place.
    pub lent_place: bool,
    /// The places where the clause, or failing that its sentence, says things happened
    /// (for a clause that only adds to an incident told before).
    pub sentence_places: Vec<Place>,
    /// True when the clause says it happened in a settlement the gazetteer lacks and
    /// the article does not place ("armed men attacked the village of X"): it tells of
    /// another place than the incident before, whose place and toll it must not take.
    pub unknown_settlement: bool,
}

/// What a paragraph or heading lends to the clauses after it.
#[derive(Debug, Clone)]
struct Lent<T> {
    /// The paragraph that told it.
    paragraph: usize,
    value: T,
    /// The byte offset of the clause that told it.
    by: usize,
}

/// A lent place: the place, its precision, and how the text named it.
type LentPlace = Lent<(Place, u8, String, Basis)>;

/// A lent date: the mention, as written, and whether its clause only told what led up to
/// the story's incident (see [`Linker::link`]).
type LentDate = Lent<(DateMention, String, bool)>;

/// The linker of one document.
pub struct Linker<'d> {
    doc: &'d Doc<'d>,
    layers: &'d Layers,
    anchor: Option<NaiveDate>,
    /// The section heading each clause is under, if any.
    sections: Vec<Option<usize>>,
    /// The last town named before each clause: what "the market" or "the embassy" is a
    /// part of.
    town_before: Vec<Option<&'d Place>>,
    /// The last town named before each clause, where no one only spoke: what "the town"
    /// refers back to.
    scene_before: Vec<Option<&'d Place>>,
    /// The last region named before each clause: what "the region" refers back to.
    region_before: Vec<Option<&'d Place>>,
    paragraph_place: Option<LentPlace>,
    section_place: Option<LentPlace>,
    paragraph_date: Option<LentDate>,
    section_date: Option<LentDate>,
    /// The sentence whose incident set `paragraph_place`, if an incident did.
    place_from: Option<usize>,
    /// The sentence that set `paragraph_date`.
    date_from: Option<usize>,
}

impl<'d> Linker<'d> {
    /// A linker for a document and its layers.
    pub fn new(doc: &'d Doc<'d>, layers: &'d Layers) -> Linker<'d> {
        let mut sections = Vec::with_capacity(doc.clauses.len());
        let mut section = None;
        for (ci, c) in doc.clauses.iter().enumerate() {
            // A heading that tells an event itself ("Gunmen kill 12 in Kati", a deck under
            // the headline) is a headline, not a label for the paragraphs below it.
            let first_of_paragraph = ci == 0 || doc.clauses[ci - 1].paragraph != c.paragraph;
            if doc.paragraphs[c.paragraph].heading && first_of_paragraph {
                let label = doc.clauses[ci..]
                    .iter()
                    .zip(&layers.events[ci..])
                    .take_while(|(o, _)| o.paragraph == c.paragraph)
                    .all(|(_, cues)| cues.strength == 0);
                section = label.then_some(c.paragraph);
            }
            sections.push(section);
        }
        let mut town_before = Vec::with_capacity(doc.clauses.len());
        let mut scene_before = Vec::with_capacity(doc.clauses.len());
        let mut region_before = Vec::with_capacity(doc.clauses.len());
        let (mut last_town, mut last_scene, mut last_region): (
            Option<&Place>,
            Option<&Place>,
            Option<&Place>,
        ) = (None, None, None);
        for (c, mentions) in doc.clauses.iter().zip(&layers.places) {
            town_before.push(last_town);
            scene_before.push(last_scene);
            region_before.push(last_region);
            // "The town" is one in a country the article is about, not the town abroad
            // where a report was published ("the report, published in Geneva"), nor
            // where someone only spoke ("In Abuja, the presidency condemned …"), nor a
            // kicker's label ("Mopti : … à Bankass").
            let referable = mentions
                .iter()
                .filter(|m| !is_kicker(c.text, m))
                .filter_map(|m| m.place.as_ref().map(|p| (m.role, p)))
                .filter(|(_, p)| layers.context.is_main_country(&p.country_code));
            for (role, p) in referable {
                match p.kind {
                    Kind::Admin1 => last_region = Some(p),
                    k if !k.is_area() => {
                        last_town = Some(p);
                        if role != Role::Venue {
                            last_scene = Some(p);
                        }
                    }
                    _ => {}
                }
            }
        }
        Linker {
            doc,
            layers,
            anchor: doc.article.anchor(),
            sections,
            town_before,
            scene_before,
            region_before,
            paragraph_place: None,
            section_place: None,
            paragraph_date: None,
            section_date: None,
            place_from: None,
            date_from: None,
        }
    }

    /// Links one clause (clauses in order). None for a photo caption or a clause that tells
    /// background: neither tells an incident.
    pub fn link(&mut self, ci: usize) -> Option<Telling<'d>> {
        let doc = self.doc;
        let c = &doc.clauses[ci];
        if doc.paragraphs[c.paragraph].caption {
            return None;
        }
        self.hand_over(c.paragraph, self.sections[ci]);
        if self.layers.background[ci] {
            return None;
        }
        let cues = &self.layers.events[ci];
        let figures = self.layers.figures[ci].as_slice();
        let mentions = self.layers.places[ci].as_slice();
        let dated = self.layers.dates[ci].as_slice();
        let trigger =
            cues.strength >= 2 || (cues.strength == 1 && (!figures.is_empty() || cues.has_victims));
        let reported_on = dated
            .iter()
            .find(|d| d.report)
            .and_then(|d| dates::resolve(d.words, self.anchor, None).0)
            .map(|r| r.date);
        // "The ceasefire came into effect on Sunday, hours after an air strike killed 17":
        // a clause that opens on "after" (an opener of `clauses.tsv`) tells something
        // earlier than its sentence's date.
        let earlier_clause = self.date_from == Some(c.sentence)
            && c.text
                .trim_start_matches([',', ' '])
                .split(' ')
                .next()
                .is_some_and(|w| {
                    crate::lexicon::lexicon()
                        .clause_openers
                        .iter()
                        .any(|o| o == w)
                });
        let date = self.date_decision(ci, dated, trigger && !earlier_clause);
        let own_date = date.own().next().is_some();
        if let Some(first) = best(date.own().map(|d| &d.scored)) {
            // A paragraph tells one incident: a later sentence of it without a date of its
            // own takes the date told before. A clause that tells no incident, dated only
            // back from the story's day, may tell what led up to it ("Partis la veille de
            // X, ils avaient passé la nuit à Y", "Having left X the day before"): it lends
            // its day only to a clause that names a place of its own ("À Bankass, des
            // hommes armés…"), another story told back; one without goes on to the
            // incident, on the story's day.
            let first = &date.candidates[first];
            let lead_up = !trigger
                && date
                    .own()
                    .all(|d| matches!(d.mention.words, DateWords::Narrative(n) if n < 0));
            self.paragraph_date = Some(Lent {
                paragraph: c.paragraph,
                value: (first.mention, first.phrase.clone(), lead_up),
                by: c.start,
            });
            self.date_from = Some(c.sentence);
        }
        let incident_places = below_country(mentions, Role::Incident);
        let unknown_settlement = mentions
            .iter()
            .any(|m| m.place.is_none() && m.settlement && m.role == Role::Incident);
        let mut telling = Telling {
            clause: ci,
            text: c.text,
            start: c.start,
            sentence: c.sentence,
            paragraph: c.paragraph,
            trigger,
            cues,
            figures,
            place: PlaceDecision::default(),
            date,
            own_date,
            reported_on,
            same_sentence: self.place_from == Some(c.sentence),
            lent_place: self.paragraph_place.is_some(),
            sentence_places: Vec::new(),
            unknown_settlement,
        };
        if trigger {
            telling.place =
                self.place_decision(ci, mentions, telling.same_sentence, unknown_settlement);
        } else {
            telling.sentence_places = if incident_places.is_empty() {
                // A clause without a place is where its sentence is ("Soldiers fired on
                // migrants in Chiapas; six dead").
                doc.clauses
                    .iter()
                    .zip(&self.layers.places)
                    .filter(|(o, _)| o.sentence == c.sentence)
                    .flat_map(|(_, m)| below_country(m, Role::Incident))
                    .filter_map(|m| m.place.clone())
                    .collect()
            } else {
                incident_places
                    .iter()
                    .filter_map(|m| m.place.clone())
                    .collect()
            };
            // The paragraph's place: its finest (a town before its district, a district
            // before its region), the first of equals.
            if let Some(m) = incident_places
                .iter()
                .min_by_key(|m| m.place.as_ref().map_or(0, |p| coarseness(p.kind)))
            {
                if let Some(p) = m.place.clone() {
                    self.paragraph_place = Some(Lent {
                        paragraph: c.paragraph,
                        value: (p, m.precision, m.text.clone(), m.basis),
                        by: c.start,
                    });
                }
                self.place_from = None;
            }
        }
        Some(telling)
    }

    /// Notes the place a clause's incident took: what its paragraph lends next, when it is
    /// finer than what the paragraph lent before.
    pub fn placed(&mut self, telling: &Telling, target: &PlaceCandidate) {
        let place = &target.place;
        let finer = self
            .paragraph_place
            .as_ref()
            .is_none_or(|l| coarseness(place.kind) <= coarseness(l.value.0.kind));
        if finer {
            let (precision, written) = (target.precision, target.written.clone());
            self.paragraph_place = Some(Lent {
                paragraph: telling.paragraph,
                value: (place.clone(), precision, written, target.basis),
                by: telling.start,
            });
            self.place_from = Some(telling.sentence);
        }
    }

    /// True when the article's first paragraph names a place.
    fn in_headline(&self, place: &Place) -> bool {
        self.doc
            .clauses
            .iter()
            .zip(&self.layers.places)
            .take_while(|(c, _)| c.paragraph == 0)
            .flat_map(|(_, m)| m)
            .any(|m| super::same_place(m.place.as_ref(), Some(place)))
    }

    /// A paragraph's place and date end with it, but a heading's hold for its section.
    fn hand_over(&mut self, paragraph: usize, section: Option<usize>) {
        if let Some(lent) = self.paragraph_place.take() {
            if lent.paragraph == paragraph {
                self.paragraph_place = Some(lent);
            } else if Some(lent.paragraph) == section {
                self.section_place = Some(lent);
            }
        }
        if let Some(lent) = self.paragraph_date.take() {
            if lent.paragraph == paragraph {
                self.paragraph_date = Some(lent);
            } else if Some(lent.paragraph) == section {
                self.section_date = Some(lent);
            }
        }
        if self.paragraph_place.is_none() {
            self.paragraph_place = self
                .section_place
                .clone()
                .filter(|l| Some(l.paragraph) == section);
        }
        if self.paragraph_date.is_none() {
            self.paragraph_date = self
                .section_date
                .clone()
                .filter(|l| Some(l.paragraph) == section);
        }
    }

    /// The candidate dates of a clause: those it names, and (when `may_inherit`) the one
    /// its paragraph or section lends.
    fn date_decision(&self, ci: usize, dated: &[DateMention], may_inherit: bool) -> DateDecision {
        let c = &self.doc.clauses[ci];
        let (text, paragraph) = (c.text, c.paragraph);
        let mut decision = DateDecision::default();
        let colon = self.told_after_colon(ci, dated);
        for d in dated {
            let phrase = text[d.start..d.end].to_string();
            let why = if d.report {
                Some("the day someone spoke or claimed it, not the incident's")
            } else if colon.is_some_and(|at| d.end <= at) {
                Some("before a colon, whose statement tells the incident's place, day and toll: another incident's day")
            } else if d.period_end {
                Some("closes a period ahead (\"d'ici\"): a deadline, not an incident's day")
            } else if matches!(d.words, DateWords::Past(_)) {
                Some("a year or a past month: background")
            } else {
                None
            };
            match why {
                Some(why) => decision.vetoed.push(Vetoed {
                    written: phrase,
                    why,
                }),
                // "depuis lundi", "since Monday": the day a span opened in the last days,
                // the incident's when the clause gives no other ("since 9 September" is a
                // campaign's start).
                None if d.period_start && !d.words.within_the_week() => {
                    decision.vetoed.push(Vetoed {
                        written: phrase,
                        why: "opens a period (\"since\") before the article's days",
                    })
                }
                None if d.period_start => decision.candidates.push(DateCandidate {
                    mention: *d,
                    phrase,
                    source: DateSource::Clause,
                    lent_by: None,
                    scored: Scored::new([Feature::DatePeriodStart]),
                }),
                None => {
                    let mut features = vec![Feature::DateOwnClause];
                    if d.possessive {
                        features.push(Feature::DateAttached);
                    }
                    decision.candidates.push(DateCandidate {
                        mention: *d,
                        phrase,
                        source: DateSource::Clause,
                        lent_by: None,
                        scored: Scored::new(features),
                    });
                }
            }
        }
        self.nearest_event_date(ci, &mut decision);
        let placed = || {
            self.layers.places[ci].iter().any(|m| {
                m.role == Role::Incident
                    && m.place.as_ref().is_some_and(|p| p.kind != Kind::Country)
            })
        };
        match &self.paragraph_date {
            Some(lent) if may_inherit && lent.value.2 && !placed() => {
                decision.vetoed.push(Vetoed {
                    written: lent.value.1.clone(),
                    why: "told what led up to the incident: a clause without a place of its own goes on to it, on the story's day",
                });
            }
            Some(lent) if may_inherit => {
                let (source, feature) = if lent.paragraph == paragraph {
                    (DateSource::Paragraph, Feature::DateParagraph)
                } else {
                    (DateSource::Section, Feature::DateSection)
                };
                decision.candidates.push(DateCandidate {
                    mention: lent.value.0,
                    phrase: lent.value.1.clone(),
                    source,
                    lent_by: Some(lent.by),
                    scored: Scored::new([feature]),
                });
            }
            _ => {}
        }
        decision.chosen = best(decision.candidates.iter().map(|d| &d.scored));
        decision
    }

    /// Where a colon cuts a clause in two when the part after it tells an incident of its
    /// own: a place where it happened, an event or casualty word, and a date, where the
    /// part before names no such place. "L'assaut de mardi intervient dans un climat
    /// tendu : il y a une semaine, à Gao, la dispersion d'une marche a fait trois morts"
    /// tells the Gao incident of a week ago; Tuesday is the assault's.
    fn told_after_colon(&self, ci: usize, dated: &[DateMention]) -> Option<usize> {
        let c = &self.doc.clauses[ci];
        let at = c.text.find(": ").or_else(|| c.text.find(" :"))?;
        let dates_after = dated
            .iter()
            .any(|d| d.start > at && !d.report && !d.period_end);
        let placed = |after: bool| {
            self.layers.places[ci].iter().any(|m| {
                m.role == Role::Incident
                    && m.place.as_ref().is_some_and(|p| p.kind != Kind::Country)
                    && (m.start > at) == after
            })
        };
        if !dates_after || !placed(true) || placed(false) {
            return None;
        }
        let lx = crate::lexicon::lexicon();
        let tokens = self.doc.tokens(c);
        let told = tokens.words().iter().zip(&tokens.tokens).any(|(w, t)| {
            t.start - c.start > at
                && (lx.events.contains_key(w.key) || lx.casualties.contains_key(w.key))
        });
        told.then_some(at)
    }

    /// Among a clause's own dates, marks the one nearest an event word: "after the
    /// publication on Wednesday of a toll of the attack that hit the camp on Sunday" is
    /// Sunday's attack.
    fn nearest_event_date(&self, ci: usize, decision: &mut DateDecision) {
        if decision.candidates.len() < 2 {
            return;
        }
        let c = &self.doc.clauses[ci];
        let tokens = self.doc.tokens(c);
        let events = &crate::lexicon::lexicon().events;
        let at: Vec<(usize, usize)> = tokens
            .words()
            .iter()
            .zip(&tokens.tokens)
            .filter(|(w, _)| events.contains_key(w.key))
            .map(|(_, t)| (t.start - c.start, t.end - c.start))
            .collect();
        // The bytes between the date and the event word, whichever comes first.
        let distance = |d: &DateMention| {
            at.iter()
                .map(|&(start, end)| start.saturating_sub(d.end).max(d.start.saturating_sub(end)))
                .min()
        };
        let nearest = decision
            .candidates
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((distance(&d.mention)?, i)))
            .min();
        if let Some((_, i)) = nearest {
            decision.candidates[i].scored.add(Feature::DateNearEvent);
        }
    }

    /// The candidate places of a clause that tells an incident, scored, and the chosen.
    fn place_decision(
        &self,
        ci: usize,
        mentions: &[Mention],
        same_sentence: bool,
        unknown_settlement: bool,
    ) -> PlaceDecision {
        let c = &self.doc.clauses[ci];
        let mut decision = PlaceDecision::default();
        for m in mentions {
            match self.named_candidate(c.text, mentions, m) {
                Ok(candidate) => decision.candidates.push(candidate),
                Err(vetoed) => decision.vetoed.push(vetoed),
            }
        }
        if decision.candidates.is_empty() && unknown_settlement {
            // "Gunmen attacked the village of X": the incident is at X, which the
            // gazetteer lacks; the town before or the paragraph's place is another.
            return decision;
        }
        if decision.candidates.is_empty() {
            if let Some(candidate) = self.referred_back(ci, mentions) {
                decision.candidates.push(candidate);
            }
        }
        match self.lent_candidate(c.paragraph, same_sentence) {
            Some(Ok(candidate)) => decision.candidates.push(candidate),
            Some(Err(vetoed)) => decision.vetoed.push(vetoed),
            None => {}
        }
        decision.chosen = chosen(&decision.candidates);
        decision
    }

    /// The place a clause that names none refers back to: "the town" (the last town
    /// named), "the capital" (the capital of the article's country), "the market", "the
    /// embassy" (a part of the last town named, precision 2).
    fn referred_back(&self, ci: usize, mentions: &[Mention]) -> Option<PlaceCandidate> {
        let text = self.doc.clauses[ci].text;
        let last_town = self.town_before[ci];
        // An unknown name the clause marks as the incident's place ("the shelling hit
        // Zamzam, near the market") is where it happened, not a part of a city.
        let unknown_here = || {
            mentions
                .iter()
                .any(|m| m.place.is_none() && m.cued && m.role == Role::Incident)
        };
        let (town, precision, source, written) = match self.scene_before[ci] {
            Some(town) if places::refers_to_settlement(text) => (
                town,
                1,
                PlaceSource::BackReference,
                "the town (the last town named)",
            ),
            _ if self.region_before[ci].is_some() && places::refers_to_region(text) => (
                self.region_before[ci]?,
                3,
                PlaceSource::BackReference,
                "the region (the last region named)",
            ),
            _ if unknown_here() => return None,
            _ => match places::city_part_named(text)? {
                CityPart::Capital => (
                    self.layers.context.capital.as_ref()?,
                    2,
                    PlaceSource::CityPart,
                    "the capital (of the article's country)",
                ),
                CityPart::Part => (
                    last_town.filter(|t| self.is_city_of_the_article(t))?,
                    2,
                    PlaceSource::CityPart,
                    "a part of the last town named",
                ),
            },
        };
        let basis = match source {
            PlaceSource::CityPart => Basis::CityPart,
            _ => Basis::Gazetteer,
        };
        Some(PlaceCandidate {
            place: town.clone(),
            written: written.into(),
            precision,
            source,
            basis,
            listed: false,
            home: self.layers.context.is_main_country(&town.country_code),
            in_headline: self.in_headline(town),
            lent_by: None,
            scored: Scored::new([Feature::PlaceBackReference, kind_feature(town.kind)]),
        })
    }

    /// True for a town that has parts worth naming, in a country the article is about
    /// ([`Place::is_city`]).
    fn is_city_of_the_article(&self, town: &Place) -> bool {
        town.is_city() && self.layers.context.is_main_country(&town.country_code)
    }

    /// A place the clause names, as a candidate, or why it is none.
    fn named_candidate(
        &self,
        text: &str,
        mentions: &[Mention],
        m: &Mention,
    ) -> Result<PlaceCandidate, Vetoed> {
        let why = match (&m.place, m.role) {
            (None, _) => Some("not in the gazetteer, and the article does not place it"),
            (_, Role::Venue) => Some("where someone spoke"),
            (_, Role::Away) => Some("where people went or came from"),
            (Some(p), _) if p.kind == Kind::Country => Some("a country: too coarse to map"),
            _ => None,
        };
        let (Some(place), None) = (&m.place, why) else {
            return Err(Vetoed {
                written: m.text.clone(),
                why: why.unwrap_or_default(),
            });
        };
        // A kicker ("Tillabéri : …", "Kaduna: …") labels the story, as a section heading
        // does: no cue that the incident happened there.
        // "30 km north of T": the point that far from T that way is where it happened, the
        // finest place the clause gives, above the region it names around it ("…, in the
        // R region"); "north of T", "30 km from T" only say it happened near T.
        let offset = m.distance.is_some_and(|d| d.bearing_deg.is_some());
        let mut features = match m.role {
            _ if is_kicker(text, m) => vec![],
            Role::Reference if !offset => vec![Feature::PlaceReferenceCue],
            _ => vec![Feature::PlaceIncidentCue],
        };
        // A village the gazetteer lacks, placed by the article's words ("X, a village in
        // D district", "X, 20 km north of T"), is a point, wherever its point comes from.
        features.push(match m.basis {
            Basis::EnclosingUnit | Basis::Offset | Basis::Near => Feature::PlacePoint,
            _ => kind_feature(place.kind),
        });
        let home = self.layers.context.is_main_country(&place.country_code);
        let in_headline = self.in_headline(place);
        if home {
            features.push(Feature::PlaceHome);
        }
        if in_headline {
            features.push(Feature::PlaceHeadline);
        }
        let precision = match (m.role, place.kind) {
            (Role::Reference, _) => 2,
            (_, Kind::Admin1) => m.precision.max(3),
            (_, k) if k.is_area() => m.precision.max(2),
            _ => m.precision,
        };
        // "some 35 km north-west of X": the point that far from X that way, under the
        // name the text gives it; "about 30 km from X": X itself.
        let (place, written, basis) = match (m.role, m.distance) {
            (Role::Reference, Some(d)) => {
                let Some((lat, lon)) = d.point_from(place.lat, place.lon, 0.0) else {
                    return Err(Vetoed {
                        written: text[d.start..m.end].to_string(),
                        why: "measured from too far off to place the incident",
                    });
                };
                if d.bearing_deg.is_none() {
                    (place.clone(), m.text.clone(), Basis::Near)
                } else {
                    let phrase = text[d.start..m.end].to_string();
                    let offset = Place {
                        name: phrase.clone(),
                        lat,
                        lon,
                        ..place.clone()
                    };
                    (offset, phrase, Basis::Offset)
                }
            }
            _ => (place.clone(), m.text.clone(), m.basis),
        };
        let listed = m.role == Role::Incident
            && !place.kind.is_area()
            && listed_after_another(text, mentions, m);
        Ok(PlaceCandidate {
            place,
            written,
            precision,
            source: PlaceSource::Clause,
            basis,
            listed,
            home,
            in_headline,
            lent_by: None,
            scored: Scored::new(features),
        })
    }

    /// The place the paragraph or section lends, as a candidate, or why it is none.
    fn lent_candidate(
        &self,
        paragraph: usize,
        same_sentence: bool,
    ) -> Option<Result<PlaceCandidate, Vetoed>> {
        let lent = self.paragraph_place.as_ref()?;
        let (place, precision, written, basis) = &lent.value;
        if same_sentence {
            return Some(Err(Vetoed {
                written: written.clone(),
                why: "lent by another clause of this sentence, which tells another incident",
            }));
        }
        let (source, feature) = if lent.paragraph == paragraph {
            (PlaceSource::Paragraph, Feature::PlaceParagraph)
        } else {
            (PlaceSource::Section, Feature::PlaceSection)
        };
        Some(Ok(PlaceCandidate {
            place: place.clone(),
            written: written.clone(),
            precision: *precision,
            source,
            basis: *basis,
            listed: false,
            home: self.layers.context.is_main_country(&place.country_code),
            in_headline: self.in_headline(place),
            lent_by: Some(lent.by),
            scored: Scored::new([feature, kind_feature(place.kind)]),
        }))
    }
}

/// True when a mention opens its clause and a colon follows it: a kicker ("Tillabéri :
/// le maire … tué", "Kaduna: gunmen kill 12 in Giwa") that labels the story with a place,
/// as a section heading does, rather than saying the incident happened there.
fn is_kicker(text: &str, m: &Mention) -> bool {
    text[..m.start].trim().is_empty() && text[m.end..].trim_start().starts_with(':')
}

/// How coarse a kind of place is: 0 a town or site, 1 a district, 2 a region, 3 a
/// country.
fn coarseness(kind: Kind) -> u8 {
    match kind {
        Kind::Admin2 => 1,
        Kind::Admin1 => 2,
        Kind::Country => 3,
        _ => 0,
    }
}

/// The candidates a telling is tied to: the best, and after it the places of a list it
/// heads ("in Mopti, …, as well as in Sokolo and Kalumba": each an incident of its own).
fn chosen(candidates: &[PlaceCandidate]) -> Vec<usize> {
    let Some(top) = best(candidates.iter().map(|p| &p.scored)) else {
        return Vec::new();
    };
    let mut chosen = vec![top];
    let first = &candidates[top];
    if first.source == PlaceSource::Clause && !first.place.kind.is_area() {
        for (i, p) in candidates.iter().enumerate() {
            let repeated = chosen
                .iter()
                .any(|&k| super::same_place(Some(&candidates[k].place), Some(&p.place)));
            if i > top && p.listed && !repeated {
                chosen.push(i);
            }
        }
    }
    chosen
}

/// The feature of a place's kind.
fn kind_feature(kind: Kind) -> Feature {
    match kind {
        Kind::Admin1 | Kind::Country => Feature::PlaceAdmin1,
        Kind::Admin2 => Feature::PlaceAdmin2,
        _ => Feature::PlacePoint,
    }
}

/// The resolved mentions of one role finer than a country.
fn below_country(mentions: &[Mention], role: Role) -> Vec<&Mention> {
    mentions
        .iter()
        .filter(|m| m.role == role && m.place.as_ref().is_some_and(|p| p.kind != Kind::Country))
        .collect()
}

/// True when a mention follows another in a list ("in Mopti, …, as well as in Sokolo
/// and Kalumba"): a second place of the incident rather than a landmark near the first.
/// The ends of a stretch ("between X and Y") are one place.
fn listed_after_another(sentence: &str, mentions: &[Mention], m: &Mention) -> bool {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = R.get_or_init(|| {
        regex::Regex::new(r"^\s*(?:,|,?\s*and|,?\s*or|,?\s*as well as)\s*(?:in\s+|at\s+)?$")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    mentions
        .iter()
        .filter(|o| o.end <= m.start)
        .max_by_key(|o| o.end)
        .is_some_and(|prev| {
            // "on the highway between X and Y": one stretch, one incident.
            let between = sentence[..prev.start]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "between" | "entre"));
            !between && re.is_match(&sentence[prev.end..m.start])
        })
}
