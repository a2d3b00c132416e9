//! The trainer and editor screens' styles (`style/trainer.css`). They are
//! compiled into those screens' lazily loaded code and adopted by the
//! document when one of the screens first opens, so a learner's first load
//! carries none of them. A constructed stylesheet is CSSOM, which the
//! Content-Security-Policy allows without `'unsafe-inline'`.

use std::cell::Cell;

const TRAINER_CSS: &str = include_str!("../../../style/trainer.css");

thread_local! {
    static ADOPTED: Cell<bool> = const { Cell::new(false) };
}

/// Adds the trainer screens' styles to the document, once. A browser
/// without constructable stylesheets shows the screens unstyled but
/// working.
pub fn adopt_trainer_styles() {
    if ADOPTED.get() {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(sheet) = web_sys::CssStyleSheet::new() else {
        return;
    };
    if sheet.replace_sync(TRAINER_CSS).is_err() {
        return;
    }
    let sheets = document.adopted_style_sheets();
    sheets.push(&sheet);
    document.set_adopted_style_sheets(&sheets);
    ADOPTED.set(true);
}
