//! The extraction run: read articles in parallel (rayon), extract incidents from each,
//! fuse them across articles into events while the workers go on. Articles are read one
//! at a time per worker and taken nearly in order, so memory grows with the incidents
//! found, not with the text read.
//!
//! An article is known by its text: one read again (the same story under two names) is
//! left out with a warning, and a paragraph an article repeats word for word (a story
//! pasted twice) is read once. The fusion is told each article's text hash, from
//! which event ids are made, so that they do not depend on file names.

use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc;

use chrono::NaiveDate;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::article::Article;
use crate::extract::assemble::Dropped;
use crate::extract::{extract_article, ArticleIncidents};
use crate::fuse::{Fused, Fusion};
use crate::gazetteer::Gazetteer;
use crate::io::articles::{self, ArticleSource};

/// What a run read and found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSummary {
    /// Articles read (each text once).
    pub articles: usize,
    /// Incidents found (before fusion).
    pub incidents: usize,
    /// Incidents dropped for want of a place at region level or finer.
    pub dropped_without_place: usize,
    /// Incidents dropped for want of a day and a toll.
    pub dropped_vague: usize,
    /// Warnings, each naming a file.
    pub warnings: Vec<String>,
    /// The tellings that became no incident, and why (kept when explaining).
    pub dropped: Vec<Dropped>,
}

/// Options of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunOptions {
    /// The publication date of articles that do not give one.
    pub published: Option<NaiveDate>,
    /// Keep, for every event, why it is as it is, and every telling left out.
    pub explain: bool,
}

/// Extracts and fuses the events of a set of articles. `progress` is called once per
/// article read (from worker threads).
///
/// Workers (rayon) take the articles nearly in order and extract them; this thread
/// fuses their incidents in article order as they come, so fusion overlaps extraction
/// and the output does not depend on which worker finished first.
pub fn run(
    sources: &[ArticleSource],
    gaz: &Gazetteer,
    options: &RunOptions,
    progress: &(dyn Fn() + Sync),
) -> (Fused, RunSummary) {
    let mut summary = RunSummary::default();
    // The first article of each text, by hash.
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut fusion = if options.explain {
        Fusion::explaining()
    } else {
        Fusion::default()
    };
    let (sender, receiver) = mpsc::channel::<(usize, Vec<Extracted>)>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // A few articles per message: fewer wake-ups of this thread.
            sources
                .chunks(ARTICLES_PER_MESSAGE)
                .enumerate()
                .par_bridge()
                .for_each_with(sender, |sender, (i, chunk)| {
                    let extracted = chunk
                        .iter()
                        .map(|source| {
                            let one = extract_one(source, gaz, options);
                            progress();
                            one
                        })
                        .collect();
                    // The receiver outlives the workers: a send cannot fail.
                    let _ = sender.send((i, extracted));
                });
        });
        // Results that came before an earlier chunk's, waiting for it.
        let mut waiting: BTreeMap<usize, Vec<Extracted>> = BTreeMap::new();
        let mut next = 0;
        for (i, extracted) in receiver {
            waiting.insert(i, extracted);
            while let Some(chunk) = waiting.remove(&next) {
                for one in chunk {
                    let Extracted {
                        name,
                        found,
                        warnings,
                        hash,
                    } = one;
                    if let Some(hash) = &hash {
                        if let Some(first) = texts.get(hash) {
                            summary
                                .warnings
                                .push(format!("{name}: the same text as {first}; read once"));
                            continue;
                        }
                        texts.insert(hash.clone(), name);
                    }
                    summary.articles += 1;
                    summary.incidents +=
                        found.incidents.len() + found.dropped_without_place + found.dropped_vague;
                    summary.dropped_without_place += found.dropped_without_place;
                    summary.dropped_vague += found.dropped_vague;
                    summary.warnings.extend(warnings);
                    if options.explain {
                        summary.dropped.extend(found.dropped);
                    }
                    let hash = hash.unwrap_or_default();
                    for incident in found.incidents {
                        fusion.add(incident, &hash);
                    }
                }
                next += 1;
            }
        }
    });
    (fusion.finish(gaz), summary)
}

/// How many articles a worker extracts before handing them to fusion.
const ARTICLES_PER_MESSAGE: usize = 16;

/// What one article gave: its incidents, warnings naming it, and the hash of its text
/// (none when it has no text).
struct Extracted {
    name: String,
    found: ArticleIncidents,
    warnings: Vec<String>,
    hash: Option<String>,
}

/// The hash an article's text is known by: the first 16 bytes of its SHA-256, in hex.
///
/// ```
/// let a = incimap::pipeline::text_hash("Gunmen killed 3 people.");
/// assert_eq!(a.len(), 32);
/// assert_ne!(a, incimap::pipeline::text_hash("Gunmen killed 4 people."));
/// ```
pub fn text_hash(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Two digits a byte into one string, not a string formatted for each byte.
    let mut hex = String::with_capacity(32);
    for b in Sha256::digest(text.as_bytes()).iter().take(16) {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 15)]));
    }
    hex
}

fn extract_one(source: &ArticleSource, gaz: &Gazetteer, options: &RunOptions) -> Extracted {
    let read = articles::read(source);
    let mut warnings = read.warnings;
    let (text, repeats) = articles::blank_repeats(&read.text);
    if let Some(r) = repeats.first() {
        warnings.push(format!(
            "{}: {} paragraph(s) repeat earlier ones word for word (line {} repeats line {}); read once",
            source.name(),
            repeats.len(),
            r.line,
            r.first
        ));
    }
    let mut article = Article::parse(source.name(), &text);
    if article.published.is_none() {
        article.published = options.published;
    }
    let found = match crate::article::language::unread_language(&text) {
        Some(language) => {
            warnings.push(format!(
                "{}: written in {language} (guessed), which incimap does not read; no incident read from it",
                source.name()
            ));
            ArticleIncidents::default()
        }
        None => {
            let found = extract_article(&article, gaz);
            if found.incidents.is_empty() && !read.text.trim().is_empty() {
                warnings.push(format!("{}: no incident found", source.name()));
            }
            found
        }
    };
    Extracted {
        name: source.name().to_string(),
        found,
        warnings,
        hash: (!read.text.trim().is_empty()).then(|| text_hash(&read.text)),
    }
}
