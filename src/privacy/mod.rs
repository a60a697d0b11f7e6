//! Who may see what, and what happens to personal data: the audit log, consent, retention
//! and erasure, the data-principal export, backups.

pub mod audit;
pub mod context;
