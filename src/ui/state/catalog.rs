//! The courses: shipped ones (an index compiled in, each file fetched when
//! first opened) and a trainer's local ones kept in this browser.

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::item_check::ItemOptions;
use quiz_core::progress::{CourseShape, Courses};
use quiz_core::published::{Accepted, PublishedEntry, PublishedIndex, Refused, accept};
use quiz_core::{Course, CourseSummary, FileCheck, Lang, SourceFile, check_trainer_file};

use super::clock::{now_ms, today_date};
use crate::course_files::{self, FetchError, ShippedText};
use crate::storage::{self, StorageError};

/// The courses: those shipped with this build (checked at build time; each
/// fetched when first opened) and those a trainer kept in this browser from
/// a previewed file.
#[derive(Clone)]
pub struct Catalog {
    /// The shipped courses' summaries, in listing order, from the build's index.
    pub shipped: Arc<Vec<CourseSummary>>,
    /// Shipped courses fetched so far.
    loaded: RwSignal<Vec<Course>>,
    /// Shipped question files fetched so far (for the trainer's checks).
    sources: RwSignal<Vec<SourceFile>>,
    /// Why the last fetch failed, shown where a course was wanted.
    pub fetch_error: RwSignal<Option<FetchError>>,
    /// Local courses: previewed and kept in this browser, never replacing a
    /// shipped one.
    pub local: RwSignal<Vec<LocalCourse>>,
    /// Kept files that no longer pass the check (a release took one of
    /// their ids, or the rules changed), with every problem. They stay
    /// stored, so nothing a trainer kept is lost, and the trainer screen
    /// says why they are not listed.
    pub rejected: RwSignal<Vec<(SourceFile, Vec<String>)>>,
    /// A storage problem with the kept files, for the trainer screen.
    pub local_problem: RwSignal<Option<StorageError>>,
    /// Courses the site publishes (`courses/published.json`) that passed
    /// the check here, or their last good version: shown to everyone.
    pub published: RwSignal<Vec<Accepted>>,
    /// Published courses learners do not see, with every reason: for the
    /// trainer screen.
    pub published_refused: RwSignal<Vec<Refused>>,
    /// The site's list as fetched (the trainer screen extends it), or
    /// `None` when the site publishes nothing.
    pub published_index: RwSignal<Option<PublishedIndex>>,
    /// Why the list could not be fetched (offline: the last good versions are shown).
    pub published_error: RwSignal<Option<FetchError>>,
    /// False until the published courses have been checked.
    published_ready: RwSignal<bool>,
    /// False until the kept local files have been checked (they are
    /// checked after the first screen is up, by code in a later chunk).
    local_ready: RwSignal<bool>,
    /// The kept files, until [`Catalog::start_checks`] takes them.
    kept_unchecked: StoredValue<Vec<SourceFile>>,
    /// True once [`Catalog::start_checks`] has run.
    checks_started: StoredValue<bool>,
}

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
    /// Reads the build's course index and loads kept local courses. An
    /// unreadable list of kept files is copied aside, never overwritten.
    pub fn provide() {
        let shipped: Vec<CourseSummary> = crate::SHIPPED.iter().map(|c| c.summary()).collect();
        let (kept, problem) = match storage::load_local_courses(now_ms()) {
            Ok(kept) => (kept, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        let catalog = Catalog {
            shipped: Arc::new(shipped),
            loaded: RwSignal::new(Vec::new()),
            sources: RwSignal::new(Vec::new()),
            fetch_error: RwSignal::new(None),
            local: RwSignal::new(Vec::new()),
            rejected: RwSignal::new(Vec::new()),
            local_problem: RwSignal::new(problem),
            local_ready: RwSignal::new(kept.is_empty()),
            published: RwSignal::new(Vec::new()),
            published_refused: RwSignal::new(Vec::new()),
            published_index: RwSignal::new(None),
            published_error: RwSignal::new(None),
            published_ready: RwSignal::new(false),
            kept_unchecked: StoredValue::new(kept),
            checks_started: StoredValue::new(false),
        };
        provide_context(catalog);
    }

    /// Starts, once, the check of the site's published courses and of the
    /// kept local files. The first screen calls it when its code is in
    /// (see `ui::deferred` and the home screen), so on a slow line these
    /// fetches never compete with what the learner is waiting for; a
    /// screen waiting for a course that is not shipped calls it at once.
    pub fn start_checks(&self) {
        if self.checks_started.get_value() {
            return;
        }
        self.checks_started.set_value(true);
        // In a task of their own: started from the screen's first render,
        // their requests and chunk loads would lengthen that long task.
        let catalog = self.clone();
        set_timeout(move || catalog.run_checks(), std::time::Duration::ZERO);
    }

    fn run_checks(&self) {
        self.load_published();
        let kept = self
            .kept_unchecked
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if !kept.is_empty() {
            let shipped = self.shipped.to_vec();
            let (local, rejected, ready) = (self.local, self.rejected, self.local_ready);
            leptos::task::spawn_local(async move {
                let (good, bad) = deferred!(check_kept_files(shipped, kept));
                local.set(good);
                rejected.set(bad);
                ready.set(true);
            });
        }
    }

    /// Fetches the site's published courses and checks them (in a later
    /// chunk) before any learner sees them.
    fn load_published(&self) {
        let catalog = self.clone();
        leptos::task::spawn_local(async move {
            let list = course_files::fetch_published_list().await;
            // The single-file page carries its published courses in the page.
            if !course_files::is_single_file()
                && !storage::keeps_published_good()
                && course_files::names_no_course(&list)
            {
                catalog.published_ready.set(true);
                return;
            }
            let loaded = fetch_and_check_published(catalog.shipped.to_vec(), list).await;
            // Only what changed is set: a site that publishes nothing must
            // not re-render the course list a second after it appeared.
            if loaded.index.is_some() {
                catalog.published_index.set(loaded.index);
            }
            if loaded.error.is_some() {
                catalog.published_error.set(loaded.error);
            }
            if !loaded.accepted.is_empty() {
                catalog.published.set(loaded.accepted);
            }
            if !loaded.refused.is_empty() {
                catalog.published_refused.set(loaded.refused);
            }
            catalog.published_ready.set(true);
        });
    }

    /// Every course known now, for checking saved progress (tracked):
    /// complete once the kept local files and the published courses have
    /// been checked.
    pub fn shapes(&self) -> Courses {
        let mut shapes: Vec<CourseShape> = self.shipped.iter().map(CourseShape::from).collect();
        self.published
            .with(|l| shapes.extend(l.iter().map(|c| CourseShape::from(&c.course))));
        self.local
            .with(|l| shapes.extend(l.iter().map(|c| CourseShape::from(&c.course))));
        Courses {
            shapes,
            complete: self.local_ready.get() && self.published_ready.get(),
        }
    }

    /// [`Catalog::shapes`], read without tracking (for event handlers).
    pub fn shapes_untracked(&self) -> Courses {
        untrack(|| self.shapes())
    }

    /// Checks a trainer's file as the preview does: beside every shipped
    /// file (fetched if need be) or, offline, beside the course index.
    pub async fn check_file(&self, file: &SourceFile, lang: Lang) -> FileCheck {
        let shipped_files = self.shipped_files().await.unwrap_or_default();
        let options = ItemOptions::new(today_date());
        check_trainer_file(&shipped_files, &self.shipped, file, &options, lang)
    }

    /// The catalog from context.
    pub fn expect() -> Catalog {
        expect_context()
    }

    /// A course by id, shipped (once fetched) or local.
    pub fn course(&self, id: &str) -> Option<Course> {
        let shipped = self
            .loaded
            .with_untracked(|l| l.iter().find(|c| c.id == id).cloned());
        let published = || {
            self.published.with_untracked(|l| {
                l.iter()
                    .find(|c| c.course.id == id)
                    .map(|c| c.course.clone())
            })
        };
        shipped.or_else(published).or_else(|| {
            self.local.with_untracked(|l| {
                l.iter()
                    .find(|c| c.course.id == id)
                    .map(|c| c.course.clone())
            })
        })
    }

    /// True when every course of `ids` can be shown now: fetched, local, or
    /// unknown (the screen then says so). Tracked.
    pub fn has(&self, ids: &[String]) -> bool {
        self.loaded.with(|l| {
            ids.iter().all(|id| {
                if self.is_shipped(id) {
                    l.iter().any(|c| c.id == *id)
                } else {
                    self.local_ready.get() && self.published_ready.get()
                }
            })
        })
    }

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

    /// Every course summary, shipped first, then published, then local (tracked).
    pub fn summaries(&self) -> Vec<CourseSummary> {
        let mut all: Vec<CourseSummary> = self.shipped.to_vec();
        self.published
            .with(|l| all.extend(l.iter().map(|c| c.course.summary())));
        self.local
            .with(|l| all.extend(l.iter().map(|c| c.course.summary())));
        all
    }

    /// Every course here now: the fetched shipped ones in listing order,
    /// then local (tracked). Screens that need them all load them first.
    pub fn all(&self) -> Vec<Course> {
        let mut all: Vec<Course> = self.loaded.with(|l| {
            self.shipped
                .iter()
                .filter_map(|s| l.iter().find(|c| c.id == s.id).cloned())
                .collect()
        });
        self.published
            .with(|l| all.extend(l.iter().map(|c| c.course.clone())));
        self.local
            .with(|l| all.extend(l.iter().map(|c| c.course.clone())));
        all
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

/// A check of kept files: the ones that pass, and the ones that no longer
/// do with their problems.
type KeptFiles = (Vec<LocalCourse>, Vec<(SourceFile, Vec<String>)>);

/// Checks the local files kept in this browser again, beside the course
/// index. A split point, like [`parse_shipped`].
#[cfg_attr(kenshu_split, leptos::lazy)]
fn check_kept_files(shipped: Vec<CourseSummary>, files: Vec<SourceFile>) -> KeptFiles {
    let options = ItemOptions::new(today_date());
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for file in files {
        let checked = check_trainer_file(&[], &shipped, &file, &options, Lang::Ja);
        match checked.course {
            Some(course) => good.push(LocalCourse {
                file,
                course,
                kept: true,
            }),
            None => bad.push((file, checked.lines)),
        }
    }
    (good, bad)
}

/// A last good file as its own list entry (offline, the list cannot be had).
fn entry_of(file: &SourceFile) -> PublishedEntry {
    let id = file
        .name
        .strip_suffix(".toml")
        .unwrap_or(&file.name)
        .to_owned();
    PublishedEntry {
        title: id.clone(),
        id,
        file: file.name.clone(),
        digest: file.digest(),
        published_on: String::new(),
    }
}

/// The site's published courses as this browser may show them.
#[derive(Default)]
pub struct PublishedLoad {
    /// The site's list, or `None` when it publishes nothing.
    index: Option<PublishedIndex>,
    /// Why the list could not be fetched (the last good versions are used).
    error: Option<FetchError>,
    /// What learners see.
    accepted: Vec<Accepted>,
    /// What they do not, and why.
    refused: Vec<Refused>,
}

/// Fetches the published list and files and decides what learners see
/// ([`quiz_core::published::accept`]); keeps what passed as the last good
/// versions. A split point: none of it is part of the first load.
#[cfg_attr(kenshu_split, leptos::lazy)]
async fn fetch_and_check_published(
    shipped: Vec<CourseSummary>,
    list: Result<Option<String>, FetchError>,
) -> PublishedLoad {
    let last_good = storage::load_published_good();
    let mut load = PublishedLoad::default();
    let fetched = match course_files::fetch_published(list).await {
        Ok(Some((index, files))) => {
            load.index = Some(index);
            files
        }
        Ok(None) => Vec::new(),
        Err(e) => {
            // Offline: the last good versions, as they were.
            load.error = Some(e);
            last_good
                .iter()
                .map(|f| (entry_of(f), Ok(f.clone())))
                .collect()
        }
    };
    if fetched.is_empty() {
        return load;
    }
    let options = ItemOptions::new(today_date());
    let (accepted, refused) = accept(&shipped, &fetched, &last_good, &options, Lang::Ja);
    let good: Vec<SourceFile> = accepted.iter().map(|a| a.file.clone()).collect();
    // Only a fallback copy: a refused write costs nothing now.
    let _ = storage::save_published_good(&good);
    load.accepted = accepted;
    load.refused = refused;
    load
}
