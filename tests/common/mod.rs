//! Helpers shared by the integration tests: running the binary as a user would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The path of the built `incimap` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_incimap"))
}

/// Runs incimap with arguments; returns the output. Gazetteers the user installed are
/// out of reach (the data folder is one no test writes), so results do not depend on
/// the machine.
pub fn run(args: &[&str]) -> Output {
    run_with_data_dir(args, &root().join("target/no-installed-gazetteers"))
}

/// Runs incimap with arguments and `INCIMAP_DATA_DIR` set to `data_dir`.
pub fn run_with_data_dir(args: &[&str], data_dir: &Path) -> Output {
    Command::new(bin())
        .args(args)
        .env_remove("INCIMAP_GAZETTEER")
        .env("INCIMAP_DATA_DIR", data_dir)
        .output()
        .expect("incimap runs")
}

/// The project root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The great-circle distance in km (the mean radius incimap documents).
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    incimap::distance::haversine_km(lat1, lon1, lat2, lon2)
}
