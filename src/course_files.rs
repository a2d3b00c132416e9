//! Gets shipped question files: the only module that uses the network.
//!
//! The build compiles in only an index of the shipped courses
//! ([`crate::SHIPPED`]); a course's file is fetched from `courses/` when the
//! course is opened (the service worker serves it offline). The single-file
//! build carries the files inside the page instead, as one JSON data block
//! (`<script type="application/json" id="kenshu-courses">`, never run), so
//! nothing is fetched there.

use std::collections::HashMap;

use js_sys::Promise;
use quiz_core::SourceFile;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::ShippedCourse;

/// Why a shipped course could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// No answer, or an error status: offline before the first visit
    /// finished, or the server is missing the file.
    Network(String),
    /// The file differs from the one this release was built with: a copy
    /// from another release. Reloading gets the matching release.
    Stale,
}

/// The question file of a shipped course, exactly as the build checked it.
pub async fn fetch(course: &ShippedCourse) -> Result<SourceFile, FetchError> {
    let text = match embedded(course.file) {
        Some(text) => text,
        None => fetch_text(&format!("courses/{}?v={}", course.file, course.digest)).await?,
    };
    // Named as in the repository, where trainers edit it: a clash the
    // preview reports points at `quizzes/…`.
    let file = SourceFile::new(format!("quizzes/{}", course.file), text);
    if file.digest() == course.digest {
        Ok(file)
    } else {
        Err(FetchError::Stale)
    }
}

/// The file from the page's embedded data block, if the page has one.
fn embedded(name: &str) -> Option<String> {
    let block = web_sys::window()?
        .document()?
        .get_element_by_id("kenshu-courses")?
        .text_content()?;
    let mut files: HashMap<String, String> = serde_json::from_str(&block).ok()?;
    files.remove(name)
}

async fn fetch_text(url: &str) -> Result<String, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let failed = |e: wasm_bindgen::JsValue| {
        FetchError::Network(e.as_string().unwrap_or_else(|| format!("{e:?}")))
    };
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if !response.ok() {
        return Err(FetchError::Network(format!(
            "{url}: HTTP {}",
            response.status()
        )));
    }
    let text: Promise = response.text().map_err(failed)?;
    JsFuture::from(text)
        .await
        .map_err(failed)?
        .as_string()
        .ok_or_else(|| FetchError::Network(format!("{url}: not text")))
}
