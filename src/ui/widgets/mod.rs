//! Small reusable pieces: they render what they are given and send events
//! up through callback props.

mod chart;
mod course_card;
mod feedback;
mod notices;
mod quiz;
mod rich_text;
mod trainer_style;

pub use chart::ScoreChart;
pub use course_card::CourseCard;
pub use feedback::{AnswerSummary, Feedback, Sources};
pub use notices::{RepairNotice, ReportingNotice, StorageNotice, UpdateNotice};
pub use quiz::{Answered, Quiz};
pub use rich_text::RichText;
pub use trainer_style::adopt_trainer_styles;

use leptos::prelude::*;
use quiz_core::Lang;

use super::i18n::{page_title, ui};
use super::state::{Catalog, Settings};
use crate::course_files::FetchError;

/// Moves focus to the main region (the skip link).
pub fn focus_main() {
    focus_id("main");
}

/// Keeps `document.title` in step with the screen and language.
pub fn use_title(screen: impl Fn(Lang) -> Option<String> + 'static) {
    let lang = Settings::expect().lang;
    Effect::new(move |_| {
        let l = lang.get();
        document().set_title(&page_title(l, screen(l).as_deref()));
    });
}

/// The 日本語 / English switch in the header.
#[component]
pub fn LangToggle() -> impl IntoView {
    let lang = Settings::expect().lang;
    let flip = move |_| lang.update(|l| *l = l.other());
    view! {
        <button type="button" class="button button--ghost lang-toggle"
            lang=move || lang.get().other().code()
            aria-label=move || ui(lang.get()).switch_lang_label
            on:click=flip>
            {move || ui(lang.get()).switch_lang}
        </button>
    }
}

/// Focuses the element with this id once the pending render has landed.
pub fn focus_id(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id)
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    });
}

/// Offers `text` to the learner as a file download. Returns false when the
/// browser refused; the caller tells the person.
#[must_use]
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    offer(&blob, filename)
}

/// Offers `bytes` (an `.xlsx` file, say) as a file download. Returns false
/// when the browser refused; the caller tells the person.
#[must_use]
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> bool {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return false;
    };
    offer(&blob, filename)
}

/// Saves `blob` through a temporary link with a `download` name.
fn offer(blob: &web_sys::Blob, filename: &str) -> bool {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return false;
    };
    let Some(anchor) = document()
        .create_element("a")
        .ok()
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(el).ok())
    else {
        return false;
    };
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    true
}

/// The text of a file the learner or trainer chose (UTF-8).
pub async fn read_text(file: web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
}

/// The bytes of a file the trainer chose (an `.xlsx`).
pub async fn read_bytes(file: web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text of a CSV file as Excel or a personnel system writes it: UTF-8
/// (with or without a BOM) when the bytes are valid UTF-8, otherwise
/// Shift_JIS, decoded by the browser's own TextDecoder.
pub async fn read_text_sjis_or_utf8(file: web_sys::File) -> Option<String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let strict = web_sys::TextDecoderOptions::new();
    strict.set_fatal(true);
    let utf8 = web_sys::TextDecoder::new_with_label_and_options("utf-8", &strict).ok()?;
    if let Ok(text) = utf8.decode_with_buffer_source(&bytes) {
        return Some(text);
    }
    web_sys::TextDecoder::new_with_label("shift_jis")
        .ok()?
        .decode_with_buffer_source(&bytes)
        .ok()
}

/// Lets the browser paint and handle input between two pieces of a long
/// job (a macrotask boundary), so the page never freezes.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The files of an `<input type=file>` change event.
pub fn input_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok());
    let Some(list) = input.and_then(|i| i.files()) else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The files of a drop event.
pub fn dropped_files(ev: &leptos::ev::DragEvent) -> Vec<web_sys::File> {
    let Some(list) = ev.data_transfer().and_then(|d| d.files()) else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Shows `children` once the shipped courses they need are here, fetching
/// them first: one course (`course`), or every course (`all`). Meanwhile a
/// loading line; on failure a message that can be acted on and a way to
/// retry. Becomes ready once and stays so, so a later fetch elsewhere never
/// rebuilds the screen (and loses its state).
#[component]
pub fn CoursesReady(
    /// The course the screen shows.
    #[prop(optional, into)]
    course: Option<String>,
    /// The screen needs every course.
    #[prop(optional)]
    all: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let catalog = Catalog::expect();
    let lang = Settings::expect().lang;
    let ids: Vec<String> = if all {
        catalog.shipped_ids()
    } else {
        course.into_iter().collect()
    };
    // A published or local course is known only once those are checked.
    if ids.iter().any(|id| !catalog.is_shipped(id)) {
        catalog.start_checks();
    }
    let fetch = {
        let (catalog, ids) = (catalog.clone(), ids.clone());
        move || {
            let (catalog, ids) = (catalog.clone(), ids.clone());
            leptos::task::spawn_local(async move {
                let _ = catalog.load(&ids).await;
            });
        }
    };
    let ready = {
        let catalog = catalog.clone();
        Memo::new(move |_| catalog.has(&ids))
    };
    if !ready.get_untracked() {
        fetch();
    }
    move || {
        if ready.get() {
            return children().into_any();
        }
        let t = ui(lang.get());
        match catalog.fetch_error.get() {
            None => view! { <p class="loading" role="status">{t.course_loading}</p> }.into_any(),
            Some(error) => {
                let fetch = fetch.clone();
                let (message, action, retry): (_, _, Box<dyn Fn() + Send + Sync>) = match error {
                    FetchError::Network(_) => (t.course_fetch_failed, t.try_again, Box::new(fetch)),
                    FetchError::Stale => (
                        t.course_stale,
                        t.reload,
                        Box::new(|| {
                            let _ = window().location().reload();
                        }),
                    ),
                };
                view! {
                    <div class="notice notice--warning" role="alert">
                        <p>{message}</p>
                        <button type="button" class="button button--secondary" on:click=move |_| retry()>{action}</button>
                    </div>
                }
                .into_any()
            }
        }
    }
}
