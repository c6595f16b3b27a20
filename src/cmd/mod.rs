//! One module per subcommand; this one holds the top-level parser and dispatch.

use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Parser, Subcommand};

/// Set by `-q`: no summary line on stderr.
static QUIET: AtomicBool = AtomicBool::new(false);

/// True when `-q` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Prints a command's summary line on stderr, unless `-q` (warnings and errors always
/// show).
macro_rules! summary {
    ($($arg:tt)*) => {
        if !$crate::cmd::quiet() {
            eprintln!($($arg)*);
        }
    };
}

mod batch;
mod convert;
mod extract;
mod gazetteer;
mod map;
mod near;
mod nearest;
mod output;
mod query;
mod score;
mod table;
mod within;

/// incimap: news reports of violent incidents, mapped.
#[derive(Debug, Parser)]
#[command(name = "incimap", version, about, long_about = None)]
struct Cli {
    /// No summary line on stderr (warnings and errors still show).
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read news articles and write the incidents they report as GeoJSON (or CSV, ACLED's
    /// CSV, FlatGeobuf).
    Extract(extract::ExtractArgs),
    /// Convert events from any format incimap reads to any it writes.
    Convert(convert::ConvertArgs),
    /// Look up place names, or import GeoNames dumps as an extra gazetteer.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCommand),
    /// Events within a distance of a place or point, nearest first.
    Near(near::NearArgs),
    /// The k events nearest to a place or point.
    Nearest(nearest::NearestArgs),
    /// Events inside a bounding box or a region's polygons.
    Within(within::WithinArgs),
    /// Many near / nearest / bbox queries (JSON lines) over one load of the events.
    Batch(batch::BatchArgs),
    /// A self-contained HTML map of the events that works offline.
    Map(map::MapArgs),
    /// Score events against gold annotations coded by hand (the project's rules).
    Score(score::ScoreArgs),
}

/// True when the error is a write to a pipe whose reader has gone (`| head`): the
/// program then ends quietly with exit 0, as rg and xsv do.
pub fn closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Parses the command line and runs the subcommand; returns the exit code.
pub fn run() -> anyhow::Result<i32> {
    let cli = Cli::parse();
    QUIET.store(cli.quiet, Ordering::Relaxed);
    match cli.command {
        Command::Extract(a) => extract::run_extract(a),
        Command::Convert(a) => convert::run(a),
        Command::Gazetteer(c) => gazetteer::run(c),
        Command::Near(a) => near::run(a),
        Command::Nearest(a) => nearest::run(a),
        Command::Within(a) => within::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Map(a) => map::run(a),
        Command::Score(a) => score::run(a),
    }
}
