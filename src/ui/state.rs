//! Typed contexts: each feature provides its own with `provide()` and reads
//! it with `expect()`, never a bare signal in context.

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::progress::{Progress, merge};
use quiz_core::{Course, Lang, Route, SourceFile, check_files};

use crate::storage::{self, Key, StorageError};

/// The courses shipped with this build, checked at build time.
#[derive(Clone)]
pub struct Catalog(pub Arc<Vec<Course>>);

impl Catalog {
    /// Parses the embedded question files once.
    pub fn provide() {
        let files: Vec<SourceFile> = crate::COURSE_FILES
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect();
        provide_context(Catalog(Arc::new(check_files(&files).courses)));
    }

    /// The catalog from context.
    pub fn expect() -> Catalog {
        expect_context()
    }

    /// A course by id.
    pub fn course(&self, id: &str) -> Option<Course> {
        self.0.iter().find(|c| c.id == id).cloned()
    }
}

/// The learner's settings.
#[derive(Clone, Copy)]
pub struct Settings {
    /// UI language; the content stays as written.
    pub lang: RwSignal<Lang>,
}

impl Settings {
    /// Reads the saved language (Japanese by default) and saves changes.
    pub fn provide() {
        let saved = storage::get_raw(&Key::Lang).ok().flatten();
        let lang = RwSignal::new(match saved.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Ja,
        });
        Effect::new(move |prev: Option<()>| {
            let code = match lang.get() {
                Lang::Ja => "ja",
                Lang::En => "en",
            };
            if prev.is_some() {
                let _ = storage::set_raw(&Key::Lang, code);
            }
        });
        provide_context(Settings { lang });
    }

    /// The settings from context.
    pub fn expect() -> Settings {
        expect_context()
    }
}

/// The learner's progress and the state of its storage.
#[derive(Clone, Copy)]
pub struct Store {
    /// Everything the learner has done; the one effect below saves it.
    pub progress: RwSignal<Progress>,
    /// The last storage problem, shown to the learner.
    pub problem: RwSignal<Option<StorageError>>,
    /// False when saving would overwrite data that could not be kept aside.
    pub writable: RwSignal<bool>,
}

impl Store {
    /// Loads progress, saves it after every change (merged with what other
    /// tabs wrote), and takes in other tabs' changes as they happen.
    pub fn provide() {
        let (loaded, problem) = storage::load_progress(now_ms());
        let writable = RwSignal::new(!matches!(
            problem,
            Some(StorageError::Corrupt { backed_up: false } | StorageError::Newer(_))
        ));
        let progress = RwSignal::new(loaded);
        let problem = RwSignal::new(problem);
        Effect::new(move |prev: Option<()>| {
            let current = progress.get();
            if prev.is_none() || !writable.get_untracked() {
                return;
            }
            match storage::save_progress(&current) {
                // Another tab wrote too: adopt the union (saving it again is a no-op).
                Ok(merged) if merged != current => progress.set(merged),
                Ok(_) => {}
                Err(e) => problem.set(Some(e)),
            }
        });
        let key = storage::progress_key_name();
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() != Some(key.as_str()) {
                return;
            }
            let Some(theirs) = ev.new_value().and_then(|raw| storage::parse_progress(&raw)) else {
                return;
            };
            let merged = progress.with_untracked(|mine| merge(mine, &theirs));
            if progress.with_untracked(|mine| *mine != merged) {
                progress.set(merged);
            }
        });
        on_cleanup(move || handle.remove());
        provide_context(Store {
            progress,
            problem,
            writable,
        });
    }

    /// The store from context.
    pub fn expect() -> Store {
        expect_context()
    }

    /// Starts over with an empty record, after the learner confirmed.
    pub fn reset(&self) {
        match storage::clear_progress() {
            Ok(()) => self.problem.set(None),
            Err(e) => self.problem.set(Some(e)),
        }
        self.progress.set(Progress::new());
    }
}

/// The current screen, following `location.hash`.
#[derive(Clone, Copy)]
pub struct Nav {
    /// The screen shown now.
    pub route: RwSignal<Route>,
}

impl Nav {
    /// Starts following `hashchange`, so links and the back button work.
    pub fn provide() {
        let route = RwSignal::new(Route::parse(&current_hash()));
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            route.set(Route::parse(&current_hash()));
        });
        on_cleanup(move || handle.remove());
        provide_context(Nav { route });
    }

    /// The router from context.
    pub fn expect() -> Nav {
        expect_context()
    }

    /// Goes to a screen, adding a history entry.
    pub fn go(&self, to: &Route) {
        let _ = window().location().set_hash(&to.href());
    }

    /// Replaces the current history entry (e.g. a finished attempt's URL
    /// becomes its results), so Back does not return to a finished quiz.
    pub fn replace(&self, to: &Route) {
        let _ = window().location().replace(&to.href());
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Milliseconds since the Unix epoch, read once per event by the UI.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A fresh random seed for drawing an attempt.
pub fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64 ^ now_ms()
}

/// Today's day number in the learner's time zone, for review scheduling.
pub fn today() -> i64 {
    let offset = -(js_sys::Date::new_0().get_timezone_offset() as i64);
    quiz_core::schedule::day_of(now_ms(), offset)
}
