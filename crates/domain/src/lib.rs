//! Sahayak's domain: the things a Cyber Support Centre talks about, as parsed types.
//!
//! Nothing here does I/O or is async; every type is built by parsing, so a value that
//! exists is valid.

pub mod access;
pub mod advice;
pub mod case;
pub mod deadlines;
pub mod evidence;
pub mod identifiers;
pub mod money;
pub mod phone;
pub mod plans;
pub mod rings;
pub mod search;
pub mod taxonomy;
pub mod time;
