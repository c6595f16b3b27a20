//! The `incimap` command line: parses arguments, calls the library, reports.
//! Data goes to stdout, diagnostics to stderr; exit code 0 ok, 1 error, 2 bad usage.

mod cmd;

fn main() {
    let code = match cmd::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("incimap: {err:#}");
            1
        }
    };
    std::process::exit(code);
}
