//! One integration-test binary (faster to link than many), one module per area.

mod api;
mod awareness;
mod backup;
mod browser;
mod budget;
mod catalog;
mod cli;
mod counselling;
mod dashboard;
mod directory;
mod documents;
mod evidence;
mod followup;
mod helpers;
mod hostile_clients;
mod hostile_files;
mod hostile_fuzz;
mod identifiers;
mod matrix;
mod privacy;
mod referrals;
mod security;
mod story;
mod triage;
mod ui;
mod victim;
