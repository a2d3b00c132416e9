//! One screen per file; the route table is in [`crate::ui::App`].

pub mod attempt;
pub mod certificate;
pub mod course;
pub mod editor;
mod editor_question;
pub mod home;
pub mod not_found;
pub mod results;
pub mod review;
pub mod settings;
pub mod trainer;
pub mod trainer_lrs;
pub mod trainer_status;
