//! Reading and writing files: article input, atomic output, event writers.

pub mod articles;
pub mod atomic;
pub mod events_out;
