//! Typed contexts: each feature provides its own with `provide()` and reads
//! it with `expect()`, never a bare signal in context.

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::progress::{Progress, merge};
use quiz_core::{Course, CourseSummary, Lang, Route, SourceFile, check_files};

use crate::course_files::{self, FetchError};

use crate::storage::{self, Key, StorageError};

/// The courses: those shipped with this build (checked at build time; each
/// fetched when first opened) and those a trainer kept in this browser from
/// a previewed file.
#[derive(Clone)]
pub struct Catalog {
    /// The shipped courses' summaries, in listing order, from the build's index.
    pub shipped: Arc<Vec<CourseSummary>>,
    /// Shipped courses fetched so far: the checked file and its course.
    loaded: RwSignal<Vec<(SourceFile, Course)>>,
    /// Why the last fetch failed, shown where a course was wanted.
    pub fetch_error: RwSignal<Option<FetchError>>,
    /// Local courses: previewed and kept in this browser, never replacing a
    /// shipped one.
    pub local: RwSignal<Vec<LocalCourse>>,
    /// False until the kept local files have been checked (they are
    /// checked after the first screen is up, by code in a later chunk).
    local_ready: RwSignal<bool>,
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
    /// Reads the build's course index and loads kept local courses.
    pub fn provide() {
        let shipped: Vec<CourseSummary> = crate::SHIPPED.iter().map(|c| c.summary()).collect();
        let kept = storage::load_local_courses();
        let catalog = Catalog {
            shipped: Arc::new(shipped),
            loaded: RwSignal::new(Vec::new()),
            fetch_error: RwSignal::new(None),
            local: RwSignal::new(Vec::new()),
            local_ready: RwSignal::new(kept.is_empty()),
        };
        if !kept.is_empty() {
            let (shipped, local, ready) =
                (catalog.shipped.to_vec(), catalog.local, catalog.local_ready);
            leptos::task::spawn_local(async move {
                local.set(deferred!(check_kept_files(shipped, kept)));
                ready.set(true);
            });
        }
        provide_context(catalog);
    }

    /// The catalog from context.
    pub fn expect() -> Catalog {
        expect_context()
    }

    /// A course by id, shipped (once fetched) or local.
    pub fn course(&self, id: &str) -> Option<Course> {
        let shipped = self
            .loaded
            .with_untracked(|l| l.iter().find(|(_, c)| c.id == id).map(|(_, c)| c.clone()));
        shipped.or_else(|| {
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
                    l.iter().any(|(_, c)| c.id == *id)
                } else {
                    self.local_ready.get()
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
            let file = match course_files::fetch(entry).await {
                Ok(file) => file,
                Err(e) => {
                    self.fetch_error.set(Some(e.clone()));
                    return Err(e);
                }
            };
            let Some(course) = deferred!(parse_shipped(file.text.clone())) else {
                // The digest matched the file the build checked, so this
                // cannot happen; it is reported as a stale copy all the same.
                self.fetch_error.set(Some(FetchError::Stale));
                return Err(FetchError::Stale);
            };
            self.loaded.update(|l| {
                if !l.iter().any(|(_, c)| c.id == course.id) {
                    l.push((file, course));
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
        self.load(&self.shipped_ids()).await?;
        Ok(self.loaded.with_untracked(|l| {
            self.shipped
                .iter()
                .filter_map(|s| l.iter().find(|(_, c)| c.id == s.id).map(|(f, _)| f.clone()))
                .collect()
        }))
    }

    /// Every course summary, shipped first, then local (tracked).
    pub fn summaries(&self) -> Vec<CourseSummary> {
        let mut all: Vec<CourseSummary> = self.shipped.to_vec();
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
                .filter_map(|s| l.iter().find(|(_, c)| c.id == s.id).map(|(_, c)| c.clone()))
                .collect()
        });
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
        let kept: Vec<SourceFile> = self.local.with_untracked(|l| {
            l.iter()
                .filter(|c| c.kept)
                .map(|c| c.file.clone())
                .collect()
        });
        storage::save_local_courses(&kept)
    }
}

/// Parses a shipped file (checked at build time). A split point: the parser
/// is not part of the first load.
#[cfg_attr(kenshu_split, leptos::lazy)]
fn parse_shipped(text: String) -> Option<Course> {
    quiz_core::parse::parse_course(&text, false).course
}

/// Checks the local files kept in this browser again. A split point, like
/// [`parse_shipped`].
#[cfg_attr(kenshu_split, leptos::lazy)]
fn check_kept_files(shipped: Vec<CourseSummary>, files: Vec<SourceFile>) -> Vec<LocalCourse> {
    files
        .into_iter()
        .filter_map(|file| {
            let course = check_beside_summaries(&shipped, &file).ok()?;
            Some(LocalCourse {
                file,
                course,
                kept: true,
            })
        })
        .collect()
}

/// Checks a trainer's file on its own and against the ids in the shipped
/// courses' index: for a kept file on start (a new release may have taken
/// one of its ids), and for a preview while the shipped files cannot be
/// fetched. The full check, [`check_against`], also names the clashing line.
pub fn check_beside_summaries(
    shipped: &[CourseSummary],
    file: &SourceFile,
) -> Result<Course, Vec<String>> {
    let course = check_against(&[], file)?;
    let clash = shipped.iter().find(|s| {
        s.id == course.id
            || course
                .questions
                .iter()
                .any(|q| s.question_ids.contains(&q.id))
    });
    match clash {
        Some(s) => Err(vec![format!(
            "{}: コース id か問題 id が、配布済みのコース「{}」（{}）と重複しています",
            file.name, s.title, s.id
        )]),
        None => Ok(course),
    }
}

/// Checks a trainer's file with the shipped files beside it, so an id that
/// a shipped course already uses is reported too. Returns the course, or
/// every problem as `file:line:column: message`.
pub fn check_against(shipped: &[SourceFile], file: &SourceFile) -> Result<Course, Vec<String>> {
    let mut files = shipped.to_vec();
    files.push(file.clone());
    let report = check_files(&files);
    let index = files.len() - 1;
    let mine: Vec<_> = report
        .problems
        .iter()
        .filter(|(i, _)| *i == index)
        .cloned()
        .collect();
    if !mine.is_empty() {
        let only = quiz_core::Report {
            problems: mine,
            ..Default::default()
        };
        return Err(only.render(&files, Lang::Ja));
    }
    if file.is_template() {
        return Err(vec![format!(
            "{}: テンプレート（名前が _ で始まるファイル）は一覧に出せません",
            file.name
        )]);
    }
    let parsed = quiz_core::parse::parse_course(&file.text, false);
    parsed.course.ok_or_else(|| {
        vec![format!(
            "{}: このファイルからコースを読み取れませんでした",
            file.name
        )]
    })
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
        // The erase itself is recorded, so tabs still holding the old record
        // cannot merge it back.
        self.progress.set(Progress::erased(now_ms()));
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
