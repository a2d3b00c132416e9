//! The shipped courses: an index compiled into the build, each course
//! fetched from `courses/` when a screen first needs it (its compiled form,
//! or the question file in the single-file page), and the question files
//! themselves for the trainer's checks.

use leptos::prelude::*;
use quiz_core::{Course, SourceFile};

use super::Catalog;
use crate::course_files::{self, FetchError, ShippedText};

impl Catalog {
    /// True when the build ships a course with this id.
    pub fn is_shipped(&self, id: &str) -> bool {
        self.shipped.iter().any(|c| c.id == id)
    }

    /// Fetches the shipped courses of `ids` that are not here yet; a failure
    /// is kept in [`Catalog::fetch_error`] for the screen to show.
    pub async fn load(&self, ids: &[String]) -> Result<(), FetchError> {
        for id in ids {
            if self.has(std::slice::from_ref(id)) {
                continue;
            }
            let Some(entry) = crate::SHIPPED.iter().find(|c| c.id == id) else {
                continue;
            };
            let read = match course_files::fetch_for_reading(entry).await {
                #[cfg(not(kenshu_single))]
                Ok(ShippedText::Compiled(json)) => deferred!(read_compiled(json)),
                Ok(ShippedText::Source(file)) => deferred!(parse_shipped(file.text)),
                Err(e) => {
                    self.fetch_error.set(Some(e.clone()));
                    return Err(e);
                }
            };
            let Some(course) = read else {
                // The digest matched the file the build made, so this
                // cannot happen; it is reported as a stale copy all the same.
                self.fetch_error.set(Some(FetchError::Stale));
                return Err(FetchError::Stale);
            };
            self.loaded.update(|l| {
                if !l.iter().any(|c| c.id == course.id) {
                    l.push(course);
                }
            });
        }
        self.fetch_error.set(None);
        Ok(())
    }

    /// The question ids of the release's own version of shipped course
    /// `id` (fetched if need be), even when a published revision shows in
    /// its place; empty for a course this build does not ship.
    pub async fn shipped_question_ids(&self, id: &str) -> Vec<String> {
        if !self.is_shipped(id) || self.load(&[id.to_owned()]).await.is_err() {
            return Vec::new();
        }
        self.loaded.with_untracked(|l| {
            l.iter()
                .find(|c| c.id == id)
                .map(|c| c.questions.iter().map(|q| q.id.clone()).collect())
                .unwrap_or_default()
        })
    }

    /// Every shipped id, for screens that need every course.
    pub fn shipped_ids(&self) -> Vec<String> {
        self.shipped.iter().map(|c| c.id.clone()).collect()
    }

    /// Every shipped question file, fetched if need be (for the trainer's
    /// preview, which checks ids against them).
    pub async fn shipped_files(&self) -> Result<Vec<SourceFile>, FetchError> {
        let mut files = Vec::new();
        for entry in crate::SHIPPED {
            let name = format!("quizzes/{}", entry.file);
            let kept = self
                .sources
                .with_untracked(|s| s.iter().find(|f| f.name == name).cloned());
            let file = match kept {
                Some(file) => file,
                None => {
                    let file = course_files::fetch(entry).await?;
                    self.sources.update(|s| s.push(file.clone()));
                    file
                }
            };
            files.push(file);
        }
        Ok(files)
    }
}

/// Reads a shipped course's compiled form. A split point: not part of the
/// first load, and small beside the TOML reader.
#[cfg(not(kenshu_single))]
#[cfg_attr(kenshu_split, leptos::lazy)]
fn read_compiled(json: String) -> Option<Course> {
    quiz_core::compiled::from_json(&json)
}

/// Parses a shipped question file (checked at build time): the single-file
/// page carries these rather than compiled forms. A split point, like
/// [`read_compiled`].
#[cfg_attr(kenshu_split, leptos::lazy)]
fn parse_shipped(text: String) -> Option<Course> {
    quiz_core::parse::parse_course(&text, false).course
}
