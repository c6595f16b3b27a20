//! What every command that writes events shares: `-o FILE` and `-f/--format`, the format
//! named or told by the output file's extension (an unknown one is bad usage), and the
//! checks made before writing (an output that is an input is refused; temporary files an
//! interrupted run left are named), and `--partition`, which makes the output a folder of
//! GeoParquet files.

use std::path::{Path, PathBuf};

use clap::Args;
use incimap::io::atomic::write_output;
use incimap::io::events_out::{write_features, EventFormat, Features};

/// Where events are written and in which format.
#[derive(Debug, Args)]
pub struct EventOutput {
    /// Output file (default: stdout; - is stdout). Written whole or not at all. Its
    /// extension tells the format: .geojson/.json, .geojsons/.geojsonl, .csv, .acled.csv,
    /// .fgb, .parquet.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format, whatever the file's name: geojson, geojsonseq, csv, acled
    /// (ACLED's columns), flatgeobuf (fgb) or geoparquet (parquet). Default: from the
    /// extension; GeoJSON on stdout.
    #[arg(short = 'f', long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<EventFormat>,
    /// Write a Hive-partitioned folder of GeoParquet files, -o FOLDER/KEY=VALUE/.../part-0.parquet,
    /// split by these columns (comma-separated; year is event_date's year), e.g. country,year.
    #[arg(long, value_name = "KEYS", value_parser = parse_partition)]
    pub partition: Option<Partition>,
}

/// The columns a partitioned output is split by.
#[derive(Debug, Clone)]
pub struct Partition(pub Vec<String>);

fn parse_partition(text: &str) -> Result<Partition, String> {
    incimap::io::partition::parse_keys(text).map(Partition)
}

impl EventOutput {
    /// The format to write, or a usage message.
    pub fn chosen(&self) -> Result<EventFormat, String> {
        choose(self.output.as_deref(), self.format, self.partition.as_ref())
    }
}

/// Writes features to the output: a partitioned folder when asked, else the file (whole or
/// not at all) or stdout.
pub fn write_events_to(
    output: Option<&Path>,
    partition: Option<&Partition>,
    format: EventFormat,
    features: &dyn Features,
) -> anyhow::Result<()> {
    match (partition, output) {
        (Some(Partition(keys)), Some(folder)) => {
            incimap::io::partition::write(folder, features, keys)?;
            Ok(())
        }
        _ => write_output(output, |w| write_features(w, features, format)),
    }
}

/// Reads a `-f/--format` name.
pub fn parse_format(text: &str) -> Result<EventFormat, String> {
    EventFormat::from_name(text)
        .ok_or_else(|| format!("unknown format '{text}': one of {}", EventFormat::NAMES))
}

/// The format to write: the one named, else the output file's extension's; GeoJSON on
/// stdout and on a device or pipe with no extension. An extension that names no format is
/// a usage error naming it. A partitioned output is GeoParquet in a folder named by `-o`.
pub fn choose(
    output: Option<&Path>,
    named: Option<EventFormat>,
    partition: Option<&Partition>,
) -> Result<EventFormat, String> {
    if partition.is_some() {
        if output.is_none_or(|p| p == Path::new("-")) {
            return Err("--partition writes a folder: name it with -o FOLDER".into());
        }
        return match named {
            None | Some(EventFormat::GeoParquet) => Ok(EventFormat::GeoParquet),
            Some(_) => Err(
                "--partition writes GeoParquet files: leave out -f or give -f geoparquet".into(),
            ),
        };
    }
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
    // An output that does not exist yet is no input.
    let taken = incimap::io::atomic::file_id(output).and_then(|out| {
        inputs
            .into_iter()
            .find(|i| incimap::io::atomic::file_id(i).is_some_and(|id| id == out))
    });
    if let Some(input) = taken {
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
