//! Sahayak: case management for a district Cyber Support Centre.
//!
//! The folders follow the centre's work: `intake` (registering a victim), `cases` (working a
//! case to closure), `evidence` (the evidence vault), `identifiers` (suspect identifiers, links
//! between cases, fraud rings), `documents` (the papers printed from a case), `auth` (who is
//! signing in), `backup` (backup and restore); `store` is the database, `web` the HTTP plumbing
//! they share, `api` the JSON API's own parts, `cli` the command line.

pub mod api;
pub mod assets;
pub mod auth;
pub mod awareness;
pub mod backup;
pub mod cases;
pub mod cli;
pub mod clock;
pub mod config;
pub mod counselling;
pub mod dashboards;
pub mod demo;
pub mod directory;
pub mod documents;
pub mod evidence;
pub mod followup;
pub mod identifiers;
pub mod intake;
pub mod prevention;
pub mod privacy;
pub mod referrals;
pub mod store;
pub mod telemetry;
pub mod triage;
pub mod victim;
pub mod web;
