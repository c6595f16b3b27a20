//! The `incimap` command line: parses arguments, calls the library, reports.
//! Data goes to stdout, diagnostics to stderr; exit code 0 ok, 1 error, 2 bad usage.

mod cmd;

/// mimalloc: extraction allocates many short strings, and glibc's malloc showed as a
/// seventh of the profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
