//! The learner's settings.

use leptos::prelude::*;
use quiz_core::Lang;

use crate::storage::{self, Key};

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
        let saved = saved.as_deref().and_then(Lang::from_code);
        let lang = RwSignal::new(saved.unwrap_or_default());
        Effect::new(move |prev: Option<()>| {
            let code = lang.get().code();
            if prev.is_some() {
                // The language is a convenience: a refused write only
                // means it is asked again next visit.
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
