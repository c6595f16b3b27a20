//! incimap turns news reports of violent incidents into a map.
//!
//! The library does the work; the `incimap` binary parses arguments and reports.
//! Data flows one way: articles are read ([`article`]), incidents spotted and assembled
//! ([`extract`]) with places resolved by the [`gazetteer`], reports of one incident fused
//! ([`fuse`]) into [`event::Event`]s, and written as GeoJSON, GeoJSON Text Sequences, CSV,
//! ACLED's CSV or FlatGeobuf ([`io`]). Events are read back ([`io::events_in`]), filtered
//! ([`filter`]) and queried by distance, box or polygon with [`spatial`], or drawn on a
//! self-contained HTML [`map`]. Events are measured against hand-coded gold with
//! [`score`].

pub mod article;
pub mod confidence;
pub mod distance;
pub mod event;
pub mod explain;
pub mod extract;
pub mod filter;
pub mod fuse;
pub mod gazetteer;
pub mod io;
pub mod lexicon;
pub mod map;
pub mod pipeline;
pub mod score;
pub mod spatial;
