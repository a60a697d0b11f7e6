//! One integration-test binary (faster to link than many), one module per area.

mod api;
mod browser;
mod budget;
mod catalog;
mod cli;
mod dashboard;
mod evidence;
mod helpers;
mod identifiers;
mod matrix;
mod privacy;
mod security;
mod story;
mod triage;
mod ui;
