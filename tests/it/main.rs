//! One integration-test binary (faster to link than many), one module per area.

mod api;
mod browser;
mod budget;
mod catalog;
mod cli;
mod documents;
mod evidence;
mod helpers;
mod identifiers;
mod privacy;
mod story;
mod triage;
mod ui;
