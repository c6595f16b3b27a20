//! The extraction run: read articles in parallel (rayon), extract incidents from each,
//! fuse them across articles into events. Articles are read one at a time per worker,
//! so memory grows with the incidents found, not with the text read.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::Article;
use crate::event::Event;
use crate::extract::{extract_article, ArticleIncidents};
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
}

/// Options of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunOptions {
    /// The publication date of articles that do not give one.
    pub published: Option<NaiveDate>,
}

/// Extracts and fuses the events of a set of articles. `progress` is called once per
/// article read (from worker threads).
pub fn run(
    sources: &[ArticleSource],
    gaz: &Gazetteer,
    options: &RunOptions,
    progress: &(dyn Fn() + Sync),
) -> (Vec<Event>, RunSummary) {
    let per_article: Vec<(ArticleIncidents, Vec<String>)> = sources
        .par_iter()
        .map(|source| {
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
            progress();
            (found, warnings)
        })
        .collect();
    let mut summary = RunSummary {
        articles: sources.len(),
        ..RunSummary::default()
    };
    let mut incidents =
        Vec::with_capacity(per_article.iter().map(|(f, _)| f.incidents.len()).sum());
    for (found, warnings) in per_article {
        summary.incidents +=
            found.incidents.len() + found.dropped_without_place + found.dropped_vague;
        summary.dropped_without_place += found.dropped_without_place;
        summary.dropped_vague += found.dropped_vague;
        summary.warnings.extend(warnings);
        incidents.extend(found.incidents);
    }
    (crate::fuse::fuse(incidents, gaz), summary)
}
