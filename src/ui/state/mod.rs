//! Typed contexts, one concern a file: each feature provides its own with
//! `provide()` and reads it with `expect()`, never a bare signal in context.
//!
//! - [`catalog`]: the courses (shipped, fetched when opened; published; local).
//! - [`store`]: the learner's progress, saved and checked against the courses.
//! - [`settings`]: the UI language.
//! - [`nav`]: the current screen.
//! - [`reporting`]: statements for the organisation's LRS, when turned on.
//! - [`clock`]: the one place the clock and the random source are read.
//! - [`scorm`]: reporting to an LMS that launched the app (SCORM 1.2).

pub mod catalog;
pub mod clock;
pub mod nav;
pub mod reporting;
pub mod scorm;
pub mod settings;
pub mod store;

pub use catalog::{Catalog, LocalCourse};
pub use clock::{fresh_seed, now_ms, today};
pub use nav::Nav;
pub use reporting::Reporting;
pub use settings::Settings;
pub use store::Store;
