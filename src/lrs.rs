//! The Learning Record Store: the deployment's reporting settings and the
//! only requests that leave the site. Nothing here runs unless the page
//! carries the settings block (`<script type="application/json"
//! id=…>` with `quiz_core::page_ids::REPORTING_BLOCK_ID`, written by `scripts/configure-reporting.mjs`,
//! which also names the LRS in the page's `connect-src`): a build as it
//! comes has none, and then nothing leaves the browser.

use js_sys::Promise;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The settings block's text, if the deployment turned reporting on. Cheap:
/// parsing and everything else happen in a later chunk.
pub fn settings_text() -> Option<String> {
    let text = web_sys::window()?
        .document()?
        .get_element_by_id(quiz_core::page_ids::REPORTING_BLOCK_ID)?
        .text_content()?;
    (!text.trim().is_empty()).then_some(text)
}

/// The site's own address (the page without its file name, query or
/// hash): the default base of activity ids.
pub fn site_base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let page = href.split(['#', '?']).next().unwrap_or_default();
    match page.rfind('/') {
        Some(at) => page.get(..=at).unwrap_or(page).to_owned(),
        None => page.to_owned(),
    }
}

/// An LRS's answer: the HTTP status (0 when none came: offline, refused
/// by CORS, the server is down, or it did not answer in time) and its body
/// or the browser's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status, 0 for no answer.
    pub status: u16,
    /// The body, or what went wrong.
    pub text: String,
    /// The `Retry-After` header, when the LRS sent one and lets the page
    /// read it (`Access-Control-Expose-Headers`).
    pub retry_after: Option<String>,
}

/// How long a request may take before the app gives up on it (an LRS that
/// hangs): shorter than the outbox's lease, so another tab never waits on
/// a request this one still counts on.
pub const TIMEOUT_MS: u32 = 20_000;

/// Sends `method` to `url` with the xAPI headers and an optional
/// `Authorization`, giving up after [`TIMEOUT_MS`]. Never sends cookies:
/// the LRS is another origin.
pub async fn request(
    method: &str,
    url: &str,
    authorization: Option<&str>,
    body: Option<&str>,
) -> Reply {
    match try_request(method, url, authorization, body).await {
        Ok(reply) => reply,
        // The browser's own words, without the stack a debug print adds.
        Err(e) => Reply {
            status: 0,
            text: e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                })
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "no answer".to_owned()),
            retry_after: None,
        },
    }
}

async fn try_request(
    method: &str,
    url: &str,
    authorization: Option<&str>,
    body: Option<&str>,
) -> Result<Reply, wasm_bindgen::JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let headers = web_sys::Headers::new()?;
    headers.set("X-Experience-API-Version", quiz_core::lms::xapi::VERSION)?;
    if body.is_some() {
        headers.set("Content-Type", "application/json")?;
    }
    if let Some(authorization) = authorization {
        headers.set("Authorization", authorization)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_headers(&headers);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    if let Some(body) = body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let text: Promise = response.text()?;
    let text = JsFuture::from(text).await?.as_string().unwrap_or_default();
    Ok(Reply {
        status: response.status(),
        text,
        retry_after,
    })
}
