//! The courses: shipped ones (an index compiled in, each file fetched when
//! first opened), the site's published ones and a trainer's local ones kept
//! in this browser. One job a module: `shipped`, `published` and
//! `local` each load and keep their own courses; this module holds the
//! context and answers for all of them together (a course by id, every
//! summary, the shapes saved progress is checked against).

mod local;
mod published;
mod shipped;

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::diagnostic::Problem;
use quiz_core::progress::{CourseShape, Courses};
use quiz_core::published::{Accepted, PublishedIndex, Refused};
use quiz_core::{Course, CourseSummary, SourceFile};

pub use local::LocalCourse;

use super::clock::now_ms;
use crate::course_files::FetchError;
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
    /// their ids, or the rules changed), with every problem (as data, worded
    /// in the language chosen when shown). They stay
    /// stored, so nothing a trainer kept is lost, and the trainer screen
    /// says why they are not listed.
    pub rejected: RwSignal<Vec<(SourceFile, Vec<Problem>)>>,
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
        self.check_kept();
    }

    /// complete once the kept local files and the published courses have
    /// been checked.
    pub fn shapes(&self) -> Courses {
        // A fetched course gives its questions' versions too, so an answer
        // is never judged against a question revised since (the summary
        // alone cannot tell).
        let mut shapes: Vec<CourseShape> = self.loaded.with(|loaded| {
            self.shipped
                .iter()
                .map(|s| match self.revision_of(&s.id) {
                    Some(revised) => CourseShape::from(&revised),
                    None => loaded
                        .iter()
                        .find(|c| c.id == s.id)
                        .map_or_else(|| CourseShape::from(s), CourseShape::from),
                })
                .collect()
        });
        self.published.with(|l| {
            shapes.extend(
                l.iter()
                    .filter(|c| !c.revision)
                    .map(|c| CourseShape::from(&c.course)),
            )
        });
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

    /// The catalog from context.
    pub fn expect() -> Catalog {
        expect_context()
    }

    /// The site's published revision of the shipped course `id`, which
    /// learners see in its place (tracked).
    pub fn revision_of(&self, id: &str) -> Option<Course> {
        self.published.with(|l| {
            l.iter()
                .find(|c| c.revision && c.course.id == id)
                .map(|c| c.course.clone())
        })
    }

    /// A course by id: a published revision of a shipped course, shipped
    /// (once fetched), published or local.
    pub fn course(&self, id: &str) -> Option<Course> {
        if let Some(revised) = untrack(|| self.revision_of(id)) {
            return Some(revised);
        }
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
                    l.iter().any(|c| c.id == *id) || self.revision_of(id).is_some()
                } else {
                    self.local_ready.get() && self.published_ready.get()
                }
            })
        })
    }

    /// Every course summary, shipped first (a published revision in its
    /// course's place), then published, then local (tracked).
    pub fn summaries(&self) -> Vec<CourseSummary> {
        let mut all: Vec<CourseSummary> = self
            .shipped
            .iter()
            .map(|s| {
                self.revision_of(&s.id)
                    .map_or_else(|| s.clone(), |r| r.summary())
            })
            .collect();
        self.published
            .with(|l| all.extend(l.iter().filter(|c| !c.revision).map(|c| c.course.summary())));
        self.local
            .with(|l| all.extend(l.iter().map(|c| c.course.summary())));
        all
    }

    /// Every course here now: the fetched shipped ones in listing order
    /// (a published revision in its course's place), then published, then
    /// local (tracked). Screens that need them all load them first.
    pub fn all(&self) -> Vec<Course> {
        let mut all: Vec<Course> = self.loaded.with(|l| {
            self.shipped
                .iter()
                .filter_map(|s| {
                    self.revision_of(&s.id)
                        .or_else(|| l.iter().find(|c| c.id == s.id).cloned())
                })
                .collect()
        });
        self.published
            .with(|l| all.extend(l.iter().filter(|c| !c.revision).map(|c| c.course.clone())));
        self.local
            .with(|l| all.extend(l.iter().map(|c| c.course.clone())));
        all
    }
}
