//! One module per subcommand; this one holds the top-level parser and dispatch.

use clap::{Parser, Subcommand};

mod extract;
mod gazetteer;
mod table;

/// incimap: news reports of violent incidents, mapped.
#[derive(Debug, Parser)]
#[command(name = "incimap", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read news articles and write the incidents they report as GeoJSON.
    Extract(extract::ExtractArgs),
    /// Look up place names, or import GeoNames dumps as an extra gazetteer.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCommand),
}

/// Parses the command line and runs the subcommand; returns the exit code.
pub fn run() -> anyhow::Result<i32> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(a) => extract::run_extract(a),
        Command::Gazetteer(c) => gazetteer::run(c),
    }
}
