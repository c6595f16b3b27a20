//! `incimap gazetteer lookup NAME` prints ranked candidate places for a name;
//! `incimap gazetteer import FILE... -o GAZ` builds an extra gazetteer from GeoNames dumps;
//! `install`, `list` and `remove` keep extra gazetteers in the user's data folder, where
//! every command finds them.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use incimap::gazetteer::{import, installed, Gazetteer, LookupOptions, Place};

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Ranked candidate places for a name.
    Lookup {
        /// The place name, e.g. "Menaka", "Mopti region", "N'Djamena".
        name: String,
        /// A context country (ISO 3166-1 alpha-2): its places rank first.
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        /// A context point: nearer places rank higher among equals.
        #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
        near: Option<String>,
        /// How many candidates at most.
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LookupFormat::Table)]
        format: LookupFormat,
        /// Extra gazetteers written by `gazetteer import` (also env INCIMAP_GAZETTEER).
        #[arg(long = "gazetteer", value_name = "GAZ")]
        gazetteers: Vec<PathBuf>,
    },
    /// Build an extra gazetteer from GeoNames dump files (allCountries.txt, ML.txt, …).
    Import {
        /// GeoNames dump files (19 tab-separated columns).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// GeoNames admin1CodesASCII.txt, to name each place's first-level division (default: the
        /// shipped gazetteer's names of the divisions it knows, else the code).
        #[arg(long, value_name = "FILE")]
        admin1: Option<PathBuf>,
        /// Skip malformed lines (and count them) instead of stopping at the first.
        #[arg(long)]
        skip_bad: bool,
        /// The gazetteer file to write.
        #[arg(short, long, value_name = "GAZ")]
        output: PathBuf,
    },
    /// Install GeoNames dumps (ML.zip, cities500.zip, BF.txt…) or a gazetteer file into
    /// the data folder: every later command uses it without a flag.
    Install {
        /// GeoNames dumps (text or zip), or one gazetteer file written by `import`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The name to install under (default: the first file's name without extension).
        #[arg(long)]
        name: Option<String>,
        /// GeoNames admin1CodesASCII.txt, to name each place's first-level division (default: the
        /// shipped gazetteer's names of the divisions it knows, else the code).
        #[arg(long, value_name = "FILE")]
        admin1: Option<PathBuf>,
        /// Skip malformed lines (and count them) instead of stopping at the first.
        #[arg(long)]
        skip_bad: bool,
    },
    /// List the installed gazetteers (name, places, size, file).
    List,
    /// Remove an installed gazetteer.
    Remove {
        /// Its name, as `gazetteer list` shows it.
        name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LookupFormat {
    Table,
    Json,
    Geojson,
}

pub fn run(command: GazetteerCommand) -> anyhow::Result<i32> {
    match command {
        GazetteerCommand::Lookup {
            name,
            country,
            near,
            limit,
            format,
            gazetteers,
        } => lookup(&name, country, near, limit, format, &gazetteers),
        GazetteerCommand::Import {
            files,
            admin1,
            skip_bad,
            output,
        } => {
            let started = std::time::Instant::now();
            let paths: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
            let stats = import::import(&paths, admin1.as_deref(), skip_bad, &output)?;
            eprintln!(
                "incimap: imported {} places from {} lines into {} ({} of other feature codes, {} malformed lines skipped) in {:.2} s",
                stats.places,
                stats.lines,
                output.display(),
                stats.skipped_features,
                stats.bad_lines,
                started.elapsed().as_secs_f64()
            );
            Ok(0)
        }
        GazetteerCommand::Install {
            files,
            name,
            admin1,
            skip_bad,
        } => {
            let started = std::time::Instant::now();
            let paths: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
            let report = installed::install(&paths, name.as_deref(), admin1.as_deref(), skip_bad)?;
            let what = match &report.imported {
                Some(stats) => format!(
                    "{} places imported from {} lines ({} malformed lines skipped)",
                    stats.places, stats.lines, stats.bad_lines
                ),
                None => "a gazetteer file".to_string(),
            };
            eprintln!(
                "incimap: installed '{}' ({what}) as {}{} in {:.2} s; every command now uses it",
                report.installed.name,
                report.installed.path.display(),
                if report.replaced {
                    ", replacing the one installed before"
                } else {
                    ""
                },
                started.elapsed().as_secs_f64()
            );
            Ok(0)
        }
        GazetteerCommand::List => list(),
        GazetteerCommand::Remove { name } => {
            let path = installed::remove(&name)?;
            eprintln!("incimap: removed '{name}' ({})", path.display());
            Ok(0)
        }
    }
}

/// Prints the installed gazetteers as a table on stdout (nothing when none is).
fn list() -> anyhow::Result<i32> {
    let all = installed::list()?;
    if all.is_empty() {
        eprintln!(
            "incimap: no gazetteer is installed in {}",
            installed::folder()?.display()
        );
        return Ok(0);
    }
    let mut rows = Vec::new();
    for g in &all {
        let places = incimap::gazetteer::Store::open(&g.path)?.len();
        rows.push([
            g.name.clone(),
            places.to_string(),
            format!("{:.1} MB", g.bytes as f64 / 1e6),
            g.path.display().to_string(),
        ]);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    crate::cmd::table::write(&mut out, &["name", "places", "size", "file"], &rows)?;
    out.flush()?;
    Ok(0)
}

/// Parses "LAT,LON" in degrees.
pub fn parse_lat_lon(text: &str) -> anyhow::Result<(f64, f64)> {
    let (lat, lon) = text
        .split_once(',')
        .with_context(|| format!("'{text}' is not LAT,LON"))?;
    let lat: f64 = lat
        .trim()
        .parse()
        .with_context(|| format!("latitude '{lat}' is not a number"))?;
    let lon: f64 = lon
        .trim()
        .parse()
        .with_context(|| format!("longitude '{lon}' is not a number"))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        anyhow::bail!("'{text}' is out of range (latitude -90..90, longitude -180..180)");
    }
    Ok((lat, lon))
}

fn lookup(
    name: &str,
    country: Option<String>,
    near: Option<String>,
    limit: usize,
    format: LookupFormat,
    gazetteers: &[PathBuf],
) -> anyhow::Result<i32> {
    if name.trim().is_empty() {
        eprintln!("incimap: the place name is empty");
        return Ok(2);
    }
    let near_lat_lon = match near.as_deref().map(parse_lat_lon).transpose() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("incimap: --near: {e:#}");
            return Ok(2);
        }
    };
    let gaz = Gazetteer::from_args(gazetteers)?;
    let options = LookupOptions {
        country: country.map(|c| c.to_ascii_uppercase()),
        near_lat_lon,
        limit: limit.max(1),
        fuzzy: true,
    };
    let places = gaz.lookup(name, &options);
    if places.is_empty() {
        let hints = gaz.suggest(name, 3);
        if hints.is_empty() {
            eprintln!("incimap: no place matches '{name}'");
        } else {
            eprintln!(
                "incimap: no place matches '{name}'; near spellings: {}",
                hints.join(", ")
            );
        }
        return Ok(1);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        LookupFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &places)?;
            writeln!(out)?;
        }
        LookupFormat::Geojson => {
            let features: Vec<geojson::Feature> = places
                .iter()
                .map(place_feature)
                .collect::<anyhow::Result<_>>()?;
            let fc = geojson::FeatureCollection {
                bbox: None,
                features,
                foreign_members: None,
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&fc)?)?;
        }
        LookupFormat::Table => write_table(&mut out, &places)?,
    }
    out.flush()?;
    Ok(0)
}

fn place_feature(place: &Place) -> anyhow::Result<geojson::Feature> {
    let properties = match serde_json::to_value(place)? {
        serde_json::Value::Object(map) => map,
        _ => anyhow::bail!("a place did not serialize to an object"),
    };
    Ok(geojson::Feature {
        bbox: None,
        geometry: Some(geojson::Geometry::new_point([place.lon, place.lat])),
        id: Some(geojson::feature::Id::String(place.id.clone())),
        properties: Some(properties),
        foreign_members: None,
    })
}

fn write_table(out: &mut dyn Write, places: &[Place]) -> anyhow::Result<()> {
    let header = [
        "score",
        "name",
        "matched",
        "kind",
        "admin1",
        "country",
        "lat",
        "lon",
        "population",
        "id",
    ];
    let rows: Vec<[String; 10]> = places
        .iter()
        .map(|p| {
            [
                format!("{:.1}", p.score),
                p.name.clone(),
                p.matched_name.clone(),
                p.kind.as_str().to_string(),
                p.admin1.clone(),
                p.country_code.clone(),
                format!("{:.5}", p.lat),
                format!("{:.5}", p.lon),
                p.population.to_string(),
                p.id.clone(),
            ]
        })
        .collect();
    crate::cmd::table::write(out, &header, &rows)
}
