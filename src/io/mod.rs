//! Reading and writing files: atomic output, event readers and writers.

pub mod atomic;
