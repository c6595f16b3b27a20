//! The extraction run: read articles in parallel (rayon), extract incidents from each,
//! fuse them across articles into events while the workers go on. Articles are read one
//! at a time per worker and taken nearly in order, so memory grows with the incidents
//! found, not with the text read.

use std::collections::BTreeMap;
use std::sync::mpsc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::Article;
use crate::extract::assemble::Dropped;
use crate::extract::{extract_article, ArticleIncidents};
use crate::fuse::{Fused, Fusion};
use crate::gazetteer::Gazetteer;
use crate::io::articles::{self, ArticleSource};

/// What a run read and found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSummary {
    /// Articles read.
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
    let mut summary = RunSummary {
        articles: sources.len(),
        ..RunSummary::default()
    };
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
                for (found, warnings) in chunk {
                    summary.incidents +=
                        found.incidents.len() + found.dropped_without_place + found.dropped_vague;
                    summary.dropped_without_place += found.dropped_without_place;
                    summary.dropped_vague += found.dropped_vague;
                    summary.warnings.extend(warnings);
                    if options.explain {
                        summary.dropped.extend(found.dropped);
                    }
                    for incident in found.incidents {
                        fusion.add(incident);
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

/// What one article gave: its incidents, and warnings naming it.
type Extracted = (ArticleIncidents, Vec<String>);

fn extract_one(source: &ArticleSource, gaz: &Gazetteer, options: &RunOptions) -> Extracted {
    let read = articles::read(source);
    let mut article = Article::parse(&source.name(), &read.text);
    if article.published.is_none() {
        article.published = options.published;
    }
    let found = extract_article(&article, gaz);
    let mut warnings = read.warnings;
    if found.incidents.is_empty() && !read.text.trim().is_empty() {
        warnings.push(format!("{}: no incident found", source.name()));
    }
    (found, warnings)
}
