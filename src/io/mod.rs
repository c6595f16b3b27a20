//! Reading and writing files: article input, atomic output, event writers, and events
//! read back for queries; one module per format (ACLED's CSV, FlatGeobuf, GeoParquet) beside
//! them, and the Hive-partitioned GeoParquet layout.

pub mod acled;
pub mod articles;
pub mod atomic;
pub mod columns;
pub mod events_in;
pub mod events_out;
pub mod fgb;
pub mod fields;
pub mod geoparquet;
pub mod mapped;
pub mod partition;
pub mod record;
pub mod text;
