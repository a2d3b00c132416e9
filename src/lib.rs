//! The training app: the Leptos UI over the pure `quiz_core` crate.
//!
//! Reading order: [`storage`] (the only localStorage user), then [`ui`]
//! (contexts, router, screens, widgets). Everything that decides (parsing,
//! checking, drawing, scoring, progress) lives in `quiz_core`.

pub mod storage;
pub mod ui;

include!(concat!(env!("OUT_DIR"), "/courses.rs"));
