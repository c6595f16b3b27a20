//! The `incimap` command line: parses arguments, calls the library, reports.
//! Data goes to stdout, diagnostics to stderr; exit code 0 ok, 1 error, 2 bad usage.

mod cmd;

/// mimalloc: extraction allocates many short strings, and glibc's malloc showed as a
/// seventh of the profile. Built without transparent huge pages (`no_thp`): pages that
/// mimalloc released and took back were faulted in 2 MiB at a time, and zeroing them
/// cost up to 8 % of an extraction run.
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
