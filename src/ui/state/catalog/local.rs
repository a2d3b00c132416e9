//! A trainer's local courses: files previewed and kept in this browser
//! (or tried in this tab only), checked again beside the course index when
//! the app starts; the ones that no longer pass stay stored, with their
//! problems, until the trainer removes them.

use leptos::prelude::*;
use quiz_core::check::check_revision;
use quiz_core::diagnostic::Problem;
use quiz_core::item_check::ItemOptions;
use quiz_core::{Course, CourseSummary, FileCheck, SourceFile, check_trainer_file};

use super::Catalog;
use crate::storage::{self, StorageError};
use crate::ui::state::clock::today_date;

/// A course from a trainer's file, kept in this browser.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalCourse {
    /// The file as it was previewed.
    pub file: SourceFile,
    /// The checked course.
    pub course: Course,
    /// Saved in localStorage (false: this tab only, for a quick try).
    pub kept: bool,
}

impl Catalog {
    /// Checks the kept files (in a later chunk) and lists those that pass.
    pub(super) fn check_kept(&self) {
        let kept = self
            .kept_unchecked
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if kept.is_empty() {
            return;
        }
        let shipped = self.shipped.to_vec();
        let (local, rejected, ready) = (self.local, self.rejected, self.local_ready);
        leptos::task::spawn_local(async move {
            let (good, bad) = deferred!(check_kept_files(shipped, kept));
            local.set(good);
            rejected.set(bad);
            ready.set(true);
        });
    }

    /// Checks a trainer's file as the preview does: beside every shipped
    /// file (fetched if need be) or, offline, beside the course index.
    pub async fn check_file(&self, file: &SourceFile) -> FileCheck {
        let shipped_files = self.shipped_files().await.unwrap_or_default();
        let options = ItemOptions::new(today_date());
        check_trainer_file(&shipped_files, &self.shipped, file, &options)
    }

    /// Checks a trainer's revision of the shipped course `revised` as the
    /// preview does: beside every other shipped course.
    pub async fn check_revision(&self, file: &SourceFile, revised: &str) -> FileCheck {
        let shipped_files = self.shipped_files().await.unwrap_or_default();
        let options = ItemOptions::new(today_date());
        check_revision(&shipped_files, &self.shipped, revised, file, &options)
    }

    /// True when the course came from a trainer's file in this browser.
    pub fn is_local(&self, id: &str) -> bool {
        self.local.with(|l| l.iter().any(|c| c.course.id == id))
    }

    /// Adds or replaces a local course; `kept` also saves it.
    pub fn add_local(
        &self,
        file: SourceFile,
        course: Course,
        kept: bool,
    ) -> Result<(), StorageError> {
        self.local.update(|l| {
            // Trying a course that is already kept must not un-keep it.
            let kept = kept || l.iter().any(|c| c.course.id == course.id && c.kept);
            l.retain(|c| c.course.id != course.id);
            l.push(LocalCourse { file, course, kept });
        });
        self.save_local()
    }

    /// Removes a local course (its progress stays, keyed by question id).
    pub fn remove_local(&self, id: &str) -> Result<(), StorageError> {
        self.local.update(|l| l.retain(|c| c.course.id != id));
        self.save_local()
    }

    fn save_local(&self) -> Result<(), StorageError> {
        // The stored list could not be read nor copied aside: writing now
        // would overwrite the only copy.
        if let Some(e @ StorageError::Corrupt { backed_up: false }) =
            self.local_problem.get_untracked()
        {
            return Err(e);
        }
        let mut kept: Vec<SourceFile> = self.local.with_untracked(|l| {
            l.iter()
                .filter(|c| c.kept)
                .map(|c| c.file.clone())
                .collect()
        });
        // Files that no longer pass stay stored until the trainer removes them.
        self.rejected
            .with_untracked(|r| kept.extend(r.iter().map(|(f, _)| f.clone())));
        let saved = storage::save_local_courses(&kept);
        self.local_problem.set(saved.clone().err());
        saved
    }

    /// Removes a kept file that no longer passes the check.
    pub fn remove_rejected(&self, name: &str) -> Result<(), StorageError> {
        self.rejected.update(|r| r.retain(|(f, _)| f.name != name));
        self.save_local()
    }
}

/// A check of kept files: the ones that pass, and the ones that no longer
/// do with their problems.
type KeptFiles = (Vec<LocalCourse>, Vec<(SourceFile, Vec<Problem>)>);

/// Checks the local files kept in this browser again, beside the course
/// index. A split point, like the shipped courses' parser.
#[cfg_attr(kenshu_split, leptos::lazy)]
fn check_kept_files(shipped: Vec<CourseSummary>, files: Vec<SourceFile>) -> KeptFiles {
    let options = ItemOptions::new(today_date());
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for file in files {
        let checked = check_trainer_file(&[], &shipped, &file, &options);
        match checked.course {
            Some(course) => good.push(LocalCourse {
                file,
                course,
                kept: true,
            }),
            None => bad.push((file, checked.problems)),
        }
    }
    (good, bad)
}
