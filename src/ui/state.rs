//! Typed contexts: each feature provides its own with `provide()` and reads
//! it with `expect()`, never a bare signal in context.

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::progress::Progress;
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
        let saved = storage::get_raw(Key::Lang).ok().flatten();
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
                let _ = storage::set_raw(Key::Lang, code);
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
}

impl Store {
    /// Loads progress and saves it again after every change.
    pub fn provide() {
        let (loaded, problem) = storage::load_progress();
        // Unreadable data that could not be copied aside must not be overwritten.
        let writable = !matches!(problem, Some(StorageError::Corrupt { backed_up: false }));
        let progress = RwSignal::new(loaded);
        let problem = RwSignal::new(problem);
        Effect::new(move |prev: Option<()>| {
            progress.with(|p| {
                if prev.is_some()
                    && writable
                    && let Err(e) = storage::save_progress(p)
                {
                    problem.set(Some(e));
                }
            });
        });
        provide_context(Store { progress, problem });
    }

    /// The store from context.
    pub fn expect() -> Store {
        expect_context()
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
