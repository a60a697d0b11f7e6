//! One integration-test binary (faster to link than many), one module per area.

mod api;
mod budget;
mod catalog;
mod helpers;
mod story;
mod ui;
mod browser;
