//! The pure core of the training app: the question-file format, its checks,
//! and everything that decides (drawing, scoring). No browser types here: it
//! compiles and is tested natively, and the `quizcheck` CLI and the app's
//! build script use it as they are.
//!
//! Reading order: [`text`] and [`source`] (small building blocks), [`model`]
//! (the format's reference), [`diagnostic`], [`parse`] (one file), [`check`]
//! (many files), [`item_check`] (the item-writing warnings, with [`date`]
//! for freshness), [`attempt`] (drawing and scoring), [`guess`] (what a
//! learner with no knowledge passes by the wording alone). The trainer's loop:
//! [`report`] (the learner's results file), [`roster`] (the personnel
//! roster), [`status`] (受講状況: roster joined with results files) and
//! [`stats`] (item statistics).
#![warn(missing_docs)]

pub mod attempt;
pub mod check;
pub mod compiled;
mod csv;
pub mod date;
pub mod diagnostic;
pub mod editor;
pub mod guess;
pub mod import;
pub mod item_check;
pub mod lms;
pub mod model;
pub mod page_ids;
pub mod parse;
pub mod progress;
pub mod published;
// Only the app's build and quizcheck use it; the app's wasm stays as it was.
#[cfg(not(target_arch = "wasm32"))]
pub mod release;
pub mod report;
pub mod review;
pub mod roster;
pub mod route;
pub mod schedule;
pub mod source;
pub mod staff_number;
pub mod stats;
pub mod status;
pub mod text;

pub use check::{FileCheck, Report, SourceFile, check_files, check_files_with, check_trainer_file};
pub use date::Date;
pub use diagnostic::{CueCounts, Diagnostic, Lang, Message, Severity};
pub use item_check::ItemOptions;
pub use model::{Course, CourseSummary, Draw, Kind, Question};
pub use route::Route;
pub use text::Text;
