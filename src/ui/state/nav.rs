//! The current screen, following `location.hash`.

use leptos::prelude::*;
use quiz_core::Route;

/// The router.
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
