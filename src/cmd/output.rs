//! What every command that writes events shares: `-o FILE` and `-f/--format`, the format
//! named or told by the output file's extension (an unknown one is bad usage), and the
//! checks made before writing (an output that is an input is refused; temporary files an
//! interrupted run left are named).

use std::path::{Path, PathBuf};

use clap::Args;
use incimap::io::events_out::EventFormat;

/// Where events are written and in which format.
#[derive(Debug, Args)]
pub struct EventOutput {
    /// Output file (default: stdout; - is stdout). Written whole or not at all. Its
    /// extension tells the format: .geojson/.json, .geojsons/.geojsonl, .csv, .acled.csv,
    /// .fgb.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format, whatever the file's name: geojson, geojsonseq, csv, acled
    /// (ACLED's columns) or flatgeobuf (fgb). Default: from the extension; GeoJSON on stdout.
    #[arg(short = 'f', long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<EventFormat>,
}

impl EventOutput {
    /// The format to write, or a usage message.
    pub fn chosen(&self) -> Result<EventFormat, String> {
        choose(self.output.as_deref(), self.format)
    }
}

/// Reads a `-f/--format` name.
pub fn parse_format(text: &str) -> Result<EventFormat, String> {
    EventFormat::from_name(text)
        .ok_or_else(|| format!("unknown format '{text}': one of {}", EventFormat::NAMES))
}

/// The format to write: the one named, else the output file's extension's; GeoJSON on
/// stdout and on a device or pipe with no extension. An extension that names no format is
/// a usage error naming it.
pub fn choose(output: Option<&Path>, named: Option<EventFormat>) -> Result<EventFormat, String> {
    if let Some(format) = named {
        return Ok(format);
    }
    let Some(path) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(EventFormat::GeoJson);
    };
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if special && path.extension().is_none() {
        return Ok(EventFormat::GeoJson);
    }
    EventFormat::from_path(path)
}

/// Refuses an output file that is one of the inputs (it would be lost before it is read
/// whole), and warns of temporary files an interrupted run left beside it.
pub fn check_output<'a>(
    output: Option<&Path>,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> anyhow::Result<()> {
    let Some(output) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(());
    };
    if let Some(input) = inputs
        .into_iter()
        .find(|i| incimap::io::atomic::same_file(i, output))
    {
        anyhow::bail!(
            "{}: the output is also an input ({}); write elsewhere",
            output.display(),
            input.display()
        );
    }
    for stale in incimap::io::atomic::stale_temporaries(output) {
        eprintln!(
            "incimap: warning: {}: a temporary file left by an interrupted incimap run (or one still writing); remove it when none is",
            stale.display()
        );
    }
    Ok(())
}
