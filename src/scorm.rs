//! The LMS's SCORM 1.2 run-time (the `API` object in a parent frame or the
//! opener): the only module that touches it. It finds the object and calls
//! its functions with strings, nothing more; what to report is decided in
//! `quiz_core::lms::scorm`, and when, in `ui::state::scorm`.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// How many windows up the search goes from each start, as in ADL's sample
/// discovery algorithm for SCORM 1.2 (its own count is "arbitrary").
const MAX_HOPS: usize = 7;

/// An LMS's run-time API, found by [`find`].
#[derive(Clone)]
pub struct Lms {
    api: JsValue,
}

/// True on the SCORM package's page: only it carries this marker
/// (scripts/build-scorm.mjs; the id is `quiz_core::page_ids::SCORM_MARKER_ID`).
pub fn is_package() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(quiz_core::page_ids::SCORM_MARKER_ID))
        .is_some()
}

/// Looks for the LMS's `API` object as SCORM 1.2 content does: this window
/// and its parents, then the opener and its parents. `None` outside an LMS
/// (the normal app): then nothing here is ever called again. A window of
/// another origin cannot be read and is passed over.
pub fn find() -> Option<Lms> {
    let window: JsValue = web_sys::window()?.into();
    let api = search(window.clone()).or_else(|| search(property(&window, "opener")?))?;
    Some(Lms { api })
}

/// The `API` of `window` or of one of its parents. The top window is its
/// own parent: the search then looks at it again until the count runs out,
/// which costs less than comparing windows.
fn search(mut window: JsValue) -> Option<JsValue> {
    for _ in 0..=MAX_HOPS {
        if let Some(api) = property(&window, "API").filter(JsValue::is_object) {
            return Some(api);
        }
        window = property(&window, "parent")?;
    }
    None
}

/// `object[name]`, or `None` when it is missing or cannot be read (a window
/// of another origin throws).
fn property(object: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// What the LMS said when it refused a call (answered `"false"`, or
/// nothing): the call, the element for `LMSSetValue`, and the LMS's own
/// words from `LMSGetLastError`, `LMSGetErrorString` and
/// `LMSGetDiagnostic` (empty when it gives none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// `LMSInitialize`, `LMSSetValue`, `LMSCommit` or `LMSFinish`.
    pub call: &'static str,
    /// The data-model element of an `LMSSetValue`, otherwise empty.
    pub element: String,
    /// The SCORM error code (`"101"` general exception, `"301"` not
    /// initialized, …).
    pub code: String,
    /// The LMS's short text for the code.
    pub text: String,
    /// The LMS's own detail.
    pub diagnostic: String,
}

impl Refusal {
    /// True when the LMS refused to begin (or begin again) a session.
    pub fn at_start(&self) -> bool {
        self.call == "LMSInitialize"
    }
}

impl Lms {
    /// `LMSInitialize("")`: the LMS accepted the session, or why not.
    pub fn initialize(&self) -> Result<(), Refusal> {
        self.checked("LMSInitialize", "", &[""])
    }

    /// `LMSGetValue(element)`: the value, or `""` (also on an error).
    pub fn get(&self, element: &str) -> String {
        self.call("LMSGetValue", &[element]).unwrap_or_default()
    }

    /// `LMSSetValue(element, value)`: accepted, or why not.
    pub fn set(&self, element: &str, value: &str) -> Result<(), Refusal> {
        self.checked("LMSSetValue", element, &[element, value])
    }

    /// `LMSCommit("")`: the LMS kept what was set, or why not.
    pub fn commit(&self) -> Result<(), Refusal> {
        self.checked("LMSCommit", "", &[""])
    }

    /// `LMSFinish("")`: the session ended (the LMS keeps what was set), or
    /// why not.
    pub fn finish(&self) -> Result<(), Refusal> {
        self.checked("LMSFinish", "", &[""])
    }

    /// Calls one of the four functions that answer `"true"` or `"false"`;
    /// on anything but `"true"` asks the LMS what went wrong.
    fn checked(&self, name: &'static str, element: &str, args: &[&str]) -> Result<(), Refusal> {
        if self.call(name, args).as_deref() == Some("true") {
            return Ok(());
        }
        let code = self.call("LMSGetLastError", &[]).unwrap_or_default();
        let text = self.call("LMSGetErrorString", &[&code]).unwrap_or_default();
        let diagnostic = self.call("LMSGetDiagnostic", &[&code]).unwrap_or_default();
        Err(Refusal {
            call: name,
            element: element.to_owned(),
            code,
            text,
            diagnostic,
        })
    }

    /// Calls one of the API's functions with up to two string arguments;
    /// `None` when it is missing or throws. Every answer of the API is a
    /// string; a boolean or number from a lax LMS is read as one.
    fn call(&self, name: &str, args: &[&str]) -> Option<String> {
        // Checked with `typeof`: the function comes from another window,
        // where `instanceof` this window's Function would be false.
        let function: Function = property(&self.api, name)
            .filter(JsValue::is_function)?
            .unchecked_into();
        let answer = match args {
            [] => function.call0(&self.api),
            [a] => function.call1(&self.api, &JsValue::from_str(a)),
            [a, b] => function.call2(&self.api, &JsValue::from_str(a), &JsValue::from_str(b)),
            _ => return None,
        }
        .ok()?;
        answer
            .as_string()
            .or_else(|| answer.as_bool().map(|b| b.to_string()))
            .or_else(|| answer.as_f64().map(|n| n.to_string()))
    }
}
