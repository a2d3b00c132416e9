//! Gets shipped question files: the only module that uses the network.
//!
//! The build compiles in only an index of the shipped courses
//! ([`crate::SHIPPED`]); a course's file is fetched from `courses/` when the
//! course is opened (the service worker serves it offline). The single-file
//! build carries the files inside the page instead, as one JSON data block
//! (`<script type="application/json">` with the id `COURSES_BLOCK_ID`, never run), so
//! nothing is fetched there.

use std::collections::HashMap;

use js_sys::Promise;
use quiz_core::SourceFile;
use quiz_core::page_ids::{COURSES_BLOCK_ID, PUBLISHED_BLOCK_ID};
use quiz_core::published::{PublishedEntry, PublishedIndex};
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

/// The question file of a shipped course, exactly as the build checked it
/// (for the trainer's checks; learners' screens use [`fetch_for_reading`]).
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

/// A shipped course as a learner's browser reads it.
pub enum ShippedText {
    /// Its compiled form ([`quiz_core::compiled`]), from the site.
    #[cfg(not(kenshu_single))]
    Compiled(String),
    /// Its question file, from the single-file page's data block.
    Source(SourceFile),
}

/// A shipped course for reading, exactly as the build made it: the
/// compiled form from the site (no TOML reader needed), or the question
/// file the single-file page carries.
pub async fn fetch_for_reading(course: &ShippedCourse) -> Result<ShippedText, FetchError> {
    #[cfg(not(kenshu_single))]
    if embedded(course.file).is_none() {
        return fetch_compiled(course).await.map(ShippedText::Compiled);
    }
    fetch(course).await.map(ShippedText::Source)
}

/// The compiled form's text, checked against the build's digest.
#[cfg(not(kenshu_single))]
async fn fetch_compiled(course: &ShippedCourse) -> Result<String, FetchError> {
    let name = course.compiled_file();
    let text = fetch_text(&format!("courses/{name}?v={}", course.compiled_digest)).await?;
    let file = SourceFile::new(name, text);
    if file.digest() == course.compiled_digest {
        Ok(file.text)
    } else {
        Err(FetchError::Stale)
    }
}

/// The file from the page's embedded data block, if the page has one.
fn embedded(name: &str) -> Option<String> {
    let block = web_sys::window()?
        .document()?
        .get_element_by_id(COURSES_BLOCK_ID)?
        .text_content()?;
    let mut files: HashMap<String, String> = serde_json::from_str(&block).ok()?;
    files.remove(name)
}

async fn fetch_text(url: &str) -> Result<String, FetchError> {
    get(url, false)
        .await?
        .ok_or_else(|| FetchError::Network(format!("{url}: HTTP 404")))
}

/// What the site publishes now: its list and each listed file (or why it
/// could not be had). `Ok(None)`: the site publishes nothing (no list).
pub type Published = (
    PublishedIndex,
    Vec<(PublishedEntry, Result<SourceFile, String>)>,
);

/// The site's list of published courses as fetched (past the HTTP cache):
/// `Ok(None)` when it has none. The single-file page fetches nothing (its
/// published courses are in the page).
pub async fn fetch_published_list() -> Result<Option<String>, FetchError> {
    if is_single_file() {
        return Ok(None);
    }
    fetch_fresh("courses/published.json").await
}

/// True when a fetched list names no course (or there is none). Offline, or
/// a list that cannot be read: false (the full check then says why, or falls
/// back on the copies this browser kept). Most sites publish nothing, so the
/// code that checks published courses (a later chunk) is then never fetched.
pub fn names_no_course(list: &Result<Option<String>, FetchError>) -> bool {
    match list {
        Ok(None) => true,
        // Only whether it has entries: reading them is the later chunk's work.
        Ok(Some(text)) => serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|list| Some(list.get("courses")?.as_array()?.is_empty()))
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// Gets every file a fetched list of published courses names, bypassing the
/// HTTP cache so that a trainer's change reaches learners on their next
/// visit. The single-file hand-out carries the same data in its page.
pub async fn fetch_published(
    list: Result<Option<String>, FetchError>,
) -> Result<Option<Published>, FetchError> {
    if is_single_file() {
        return Ok(embedded_published());
    }
    let Some(text) = list? else {
        return Ok(None);
    };
    let index = PublishedIndex::parse(&text).map_err(|e| FetchError::Network(e.to_string()))?;
    let mut files = Vec::with_capacity(index.courses.len());
    for entry in &index.courses {
        let url = format!("courses/{}", entry.file);
        let file = match fetch_fresh(&url).await {
            Ok(Some(text)) => Ok(SourceFile::new(entry.file.clone(), text)),
            Ok(None) => Err(format!("{url}: HTTP 404")),
            Err(FetchError::Network(e)) => Err(e),
            Err(FetchError::Stale) => Err(url),
        };
        files.push((entry.clone(), file));
    }
    Ok(Some((index, files)))
}

/// The hand-out page's published courses: `{"index": …, "files": {name: text}}`.
fn embedded_published() -> Option<Published> {
    let block = web_sys::window()?
        .document()?
        .get_element_by_id(PUBLISHED_BLOCK_ID)?
        .text_content()?;
    #[derive(serde::Deserialize)]
    struct Block {
        index: PublishedIndex,
        files: HashMap<String, String>,
    }
    let mut block: Block = serde_json::from_str(&block).ok()?;
    let index = PublishedIndex::parse(&serde_json::to_string(&block.index).ok()?).ok()?;
    let files = index
        .courses
        .iter()
        .map(|e| {
            let file = block
                .files
                .remove(&e.file)
                .map(|text| SourceFile::new(e.file.clone(), text))
                .ok_or_else(|| format!("{}: missing", e.file));
            (e.clone(), file)
        })
        .collect();
    Some((index, files))
}

/// A text file fetched past the HTTP cache; `Ok(None)` for a 404.
async fn fetch_fresh(url: &str) -> Result<Option<String>, FetchError> {
    get(url, true).await
}

/// GETs a text file (past the HTTP cache when `fresh`); `Ok(None)` for a
/// 404, an error for any other failure.
async fn get(url: &str, fresh: bool) -> Result<Option<String>, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let failed = |e: wasm_bindgen::JsValue| {
        FetchError::Network(e.as_string().unwrap_or_else(|| format!("{e:?}")))
    };
    let init = web_sys::RequestInit::new();
    if fresh {
        init.set_cache(web_sys::RequestCache::NoStore);
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if response.status() == 404 {
        return Ok(None);
    }
    // The service worker's word for "offline, and no copy seen yet".
    if response
        .headers()
        .get("x-kenshu-offline")
        .ok()
        .flatten()
        .is_some()
    {
        return Err(FetchError::Network(format!("{url}: offline")));
    }
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
        .map(Some)
        .ok_or_else(|| FetchError::Network(format!("{url}: not text")))
}

/// True in the single-file hand-out: the page carries the shipped files.
pub fn is_single_file() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(COURSES_BLOCK_ID))
        .is_some()
}

/// The hand-out page as it was opened, before the app changed anything
/// in it: the starting point of a new hand-out file.
static PAGE_AS_OPENED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Remembers the page as it was opened (the single-file hand-out only);
/// called once before the app mounts.
pub fn remember_page() {
    if !is_single_file() {
        return;
    }
    let html = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map(|root| root.outer_html());
    if let Some(html) = html {
        let _ = PAGE_AS_OPENED.set(format!("<!DOCTYPE html>\n{html}\n"));
    }
}

/// A new hand-out file: this page with `index` and its files as the
/// published courses it carries. Every `<` in the JSON is escaped, so no
/// text can close the data block. `None` outside the hand-out.
pub fn hand_out_with(index: &PublishedIndex, files: &[SourceFile]) -> Option<String> {
    let page = PAGE_AS_OPENED.get()?;
    let files: HashMap<&str, &str> = files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect();
    let json = serde_json::json!({ "index": index, "files": files })
        .to_string()
        .replace('<', "\\u003c");
    let opening = format!(r#"<script type="application/json" id="{PUBLISHED_BLOCK_ID}">"#);
    let block = format!("{opening}{json}</script>");
    // Replace the block an earlier hand-out carried, or add one beside the
    // shipped courses' block.
    let start = page.find(&opening);
    match start {
        Some(at) => {
            let end = page.get(at..)?.find("</script>")? + at + "</script>".len();
            Some(format!("{}{block}{}", page.get(..at)?, page.get(end..)?))
        }
        None => {
            let anchor = format!(r#"<script type="application/json" id="{COURSES_BLOCK_ID}">"#);
            let at = page.find(&anchor)?;
            Some(format!("{}{block}\n{}", page.get(..at)?, page.get(at..)?))
        }
    }
}
