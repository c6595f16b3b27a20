//! `incimap map EVENTS... -o map.html` writes one self-contained HTML page that draws the
//! events over an embedded basemap, offline; features without a usable point are skipped
//! with a warning naming each.

use std::path::PathBuf;

use clap::Args;
use incimap::filter::EventFilter;
use incimap::io::atomic::write_output;
use incimap::io::events_in::LoadOptions;
use incimap::map::{source_links, write_page, PageOptions};

use super::query::{self, EventInput, Failure};

/// Skipped features named one by one on stderr; past these, only counted.
const WARNINGS_SHOWN: usize = 20;

#[derive(Debug, Args)]
pub struct MapArgs {
    #[command(flatten)]
    input: EventInput,
    /// Output file (default: stdout; - is stdout). Written whole or not at all.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The page's title (default: "incimap: " and the input file names).
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Makes each source name in a popup a link: to the file of that name in a folder
    /// (e.g. the articles given to extract), or to the name appended to a URL prefix.
    #[arg(long, value_name = "DIR|URL-PREFIX")]
    link_sources: Option<String>,
}

pub fn run(args: MapArgs) -> anyhow::Result<i32> {
    query::exit_code(map(&args))
}

fn map(args: &MapArgs) -> Result<(), Failure> {
    let source_link_prefix = args
        .link_sources
        .as_deref()
        .map(source_links::source_link_prefix)
        .transpose()
        .map_err(Failure::usage)?;
    super::output::check_output(
        args.output.as_deref(),
        args.input.events.iter().map(|p| p.as_path()),
    )?;
    let options = LoadOptions {
        skip_unusable_points: true,
        ..LoadOptions::default()
    };
    let set = query::load_with(&args.input, &EventFilter::default(), options)?;
    for skipped in set.skipped.iter().take(WARNINGS_SHOWN) {
        eprintln!(
            "incimap: warning: {}: feature {}: {}; skipped",
            skipped.place, skipped.id, skipped.why
        );
    }
    if set.skipped.len() > WARNINGS_SHOWN {
        eprintln!(
            "incimap: warning: {} more features without a usable point skipped",
            set.skipped.len() - WARNINGS_SHOWN
        );
    }
    let features = set
        .points
        .iter()
        .map(|p| set.feature(p))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let page = PageOptions {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| default_title(&args.input)),
        source_link_prefix,
        skipped_features: set.skipped.len(),
    };
    let mut bytes = 0u64;
    write_output(args.output.as_deref(), |w| {
        let mut counted = CountingWriter {
            inner: w,
            bytes: &mut bytes,
        };
        write_page(&mut counted, &features, &page)
    })?;
    let target = match args.output.as_deref() {
        Some(p) if p != std::path::Path::new("-") => p.display().to_string(),
        _ => "stdout".to_string(),
    };
    summary!(
        "incimap: {}; {} events on the map, {} kB written to {target}",
        query::describe_load(&set),
        features.len(),
        bytes.div_ceil(1000)
    );
    Ok(())
}

/// "incimap: " and the input names ("stdin" for `-` or none).
fn default_title(input: &EventInput) -> String {
    let names: Vec<String> = if input.events.is_empty() {
        vec!["stdin".into()]
    } else {
        input
            .events
            .iter()
            .map(|p| match p.file_name() {
                _ if p.as_os_str() == "-" => "stdin".into(),
                Some(name) => name.to_string_lossy().into_owned(),
                None => p.display().to_string(),
            })
            .collect()
    };
    format!("incimap: {}", names.join(", "))
}

/// Counts the bytes written through it, for the summary line.
struct CountingWriter<'a> {
    inner: &'a mut dyn std::io::Write,
    bytes: &'a mut u64,
}

impl std::io::Write for CountingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        *self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
