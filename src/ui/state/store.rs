//! The learner's progress: loaded, checked against this release's courses,
//! saved after every change (merged with what other tabs wrote), and kept
//! in step with other tabs.

use leptos::prelude::*;
use quiz_core::Course;
use quiz_core::attempt::Attempt;
use quiz_core::progress::{Courses, Progress, Repair, Summary, fit, merge, summarize};

use super::catalog::Catalog;
use super::clock::{fresh_seed, now_ms};
use crate::storage::{self, StorageError};

/// The learner's progress and the state of its storage.
#[derive(Clone, Copy)]
pub struct Store {
    /// Everything the learner has done; the one effect below saves it.
    pub progress: RwSignal<Progress>,
    /// The last storage problem, shown to the learner.
    pub problem: RwSignal<Option<StorageError>>,
    /// False when saving would overwrite data that could not be kept aside.
    pub writable: RwSignal<bool>,
    /// What checking saved progress against the courses ended or reopened,
    /// for the notice that tells the learner (emptied when they dismiss it).
    pub repairs: RwSignal<Vec<Repair>>,
}

impl Store {
    /// Loads progress and checks it against the courses, saves it after
    /// every change, and takes in other tabs' changes as they happen.
    /// Whatever a check changes is copied aside first (Settings offers the
    /// copy), so nothing is lost.
    pub fn provide() {
        let catalog = Catalog::expect();
        let (mut loaded, raw, problem) = storage::load_progress(now_ms());
        let writable = RwSignal::new(!matches!(
            problem,
            Some(
                StorageError::Corrupt { backed_up: false }
                    | StorageError::Newer(_)
                    | StorageError::NotKeptAside
            )
        ));
        let store = Store {
            progress: RwSignal::new(Progress::new()),
            problem: RwSignal::new(problem),
            writable,
            repairs: RwSignal::new(Vec::new()),
        };
        let courses = untrack(|| catalog.shapes());
        // A repaired record is saved at once (the original was copied aside).
        let repaired_at_load = store.check_in(&mut loaded, raw.as_deref(), &courses);
        store.progress.set(loaded);

        // Kept local courses are checked after the first screen is up, and
        // a fetched course brings its questions' versions: check progress
        // again whenever the courses known change.
        Effect::new({
            let catalog = catalog.clone();
            move |prev: Option<()>| {
                let courses = catalog.shapes();
                if prev.is_some() {
                    store.recheck(&courses);
                }
            }
        });
        Effect::new({
            let catalog = catalog.clone();
            move |prev: Option<()>| {
                let current = store.progress.get();
                if (prev.is_none() && !repaired_at_load) || !store.writable.get_untracked() {
                    return;
                }
                let courses = untrack(|| catalog.shapes());
                let tidy = |p: &mut Progress| !fit(p, &courses).is_empty();
                match storage::save_progress(&current, now_ms(), tidy) {
                    // Another tab wrote too: adopt the union (saving it again is a no-op).
                    Ok(merged) if merged != current => store.progress.set(merged),
                    Ok(_) => {}
                    Err(e) => store.problem.set(Some(e)),
                }
            }
        });
        let key = storage::progress_key_name();
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() != Some(key.as_str()) {
                return;
            }
            let Some(raw) = ev.new_value() else {
                return;
            };
            let Some(theirs) = storage::parse_progress(&raw) else {
                return;
            };
            let mut merged = store.progress.with_untracked(|mine| merge(mine, &theirs));
            let courses = untrack(|| catalog.shapes());
            store.check_in(&mut merged, Some(&raw), &courses);
            if store.progress.with_untracked(|mine| *mine != merged) {
                store.progress.set(merged);
            }
        });
        on_cleanup(move || handle.remove());
        provide_context(store);
    }

    /// The store from context.
    pub fn expect() -> Store {
        expect_context()
    }

    /// Checks `progress` against `courses` and repairs it; when something
    /// changed, `raw` (what it was) is copied aside first and the learner
    /// is told. A failed copy stops saving, so the original stays stored.
    /// True when `progress` changed.
    fn check_in(&self, progress: &mut Progress, raw: Option<&str>, courses: &Courses) -> bool {
        let repairs = fit(progress, courses);
        if repairs.is_empty() {
            return false;
        }
        if let Some(raw) = raw
            && storage::keep_aside(raw, now_ms()).is_err()
        {
            self.problem.set(Some(StorageError::NotKeptAside));
            self.writable.set(false);
        }
        self.repairs
            .update(|r| r.extend(repairs.into_iter().filter(Repair::is_notable)));
        true
    }

    /// Checks progress against `courses` as fetched, their questions'
    /// versions included, before a screen shows an attempt of them: the
    /// screen then never shows or scores an answer against a question
    /// revised since it was given (the check of every course runs too, but
    /// maybe after the screen is drawn). What changes is kept aside and
    /// told like any repair.
    pub fn check_courses(&self, courses: &[Course]) {
        self.recheck(&Courses {
            shapes: courses.iter().map(Into::into).collect(),
            complete: false,
        });
    }

    /// The progress in memory checked again against `courses`
    /// ([`Store::check_in`]); set only when something changed.
    fn recheck(&self, courses: &Courses) {
        let mut p = self.progress.get_untracked();
        let raw = serde_json::to_string(&p).ok();
        if self.check_in(&mut p, raw.as_deref(), courses) {
            self.progress.set(p);
        }
    }

    /// Takes in an imported progress file (merged, never replacing; see
    /// [`Progress::import`]) and checks the result against the courses.
    /// Returns what the import added.
    pub fn import(&self, imported: &Progress, courses: &Courses) -> Summary {
        let before = self.progress.get_untracked();
        let mut after = before.import(imported, now_ms());
        // The imported file stays on the learner's disk: nothing to copy aside.
        self.check_in(&mut after, None, courses);
        let summary = summarize(&before, &after);
        self.progress.set(after);
        summary
    }

    /// Draws and saves a new attempt of `course` (all of it, or only the
    /// questions `only`): the one place a new attempt begins. An attempt of
    /// the same kind not yet answered goes on instead
    /// ([`quiz_core::progress::Progress::begin_attempt`]), so a double click
    /// starts one. Returns the attempt and whether it is new.
    pub fn start_attempt(&self, course: &Course, only: Option<Vec<String>>) -> (Attempt, bool) {
        let drawn = match only {
            Some(ids) => Attempt::retry(course, &ids, fresh_seed(), now_ms()),
            None => Attempt::start(course, fresh_seed(), now_ms()),
        };
        let mut begun = (drawn.clone(), false);
        self.progress
            .update(|p| begun = p.begin_attempt(course, drawn));
        begun
    }

    /// Starts over with an empty record, after the learner confirmed.
    pub fn reset(&self) {
        match storage::clear_progress() {
            Ok(()) => self.problem.set(None),
            Err(e) => self.problem.set(Some(e)),
        }
        // The erase itself is recorded, so tabs still holding the old record
        // cannot merge it back.
        self.progress.set(Progress::erased(now_ms()));
    }
}
