//! The one place the app reads the clock, the time zone and the random
//! source; everything else receives their values (the core never reads
//! them at all).

/// Milliseconds since the Unix epoch, read once per event by the UI.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The learner's time zone, in minutes east of UTC (Japan: 540).
pub fn utc_offset_minutes() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64)
}

/// A fresh random seed for drawing an attempt.
pub fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64 ^ now_ms()
}

/// A random number in [0, 1), e.g. to spread retries.
pub fn random_unit() -> f64 {
    js_sys::Math::random()
}

/// Today's day number in the learner's time zone, for review scheduling.
pub fn today() -> i64 {
    quiz_core::schedule::day_of(now_ms(), utc_offset_minutes())
}

/// Today's date in the learner's time zone, `YYYY-MM-DD`.
pub fn today_string() -> String {
    quiz_core::report::date_string(now_ms(), utc_offset_minutes())
}

/// Today's UTC date, for the item checks' `stale` rule.
pub fn today_date() -> quiz_core::date::Date {
    quiz_core::date::Date::from_unix_millis(js_sys::Date::now() as i64)
}

/// A moment as the learner's local date and time, in the UI language.
pub fn local_time(lang: quiz_core::Lang, ms: u64) -> String {
    let locale = match lang {
        quiz_core::Lang::Ja => "ja-JP",
        quiz_core::Lang::En => "en-GB",
    };
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
        .to_locale_string(locale, &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// A moment's local (year, month, day).
pub fn local_ymd(ms: u64) -> (u32, u32, u32) {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    (date.get_full_year(), date.get_month() + 1, date.get_date())
}
