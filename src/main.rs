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
        // The reader went away (`incimap extract seeds | head`): nothing more to say, as
        // rg and xsv do.
        Err(err) if cmd::closed_pipe(&err) => 0,
        Err(err) => {
            eprintln!("incimap: {err:#}");
            1
        }
    };
    std::process::exit(code);
}
