//! Reading and writing files: article input, atomic output, event writers, and events
//! read back for queries.

pub mod articles;
pub mod atomic;
pub mod events_in;
pub mod events_out;
