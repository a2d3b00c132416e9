//! Architecture invariants, enforced as a test (see ARCHITECTURE.md):
//! the core names no browser crate; only `src/storage.rs` touches
//! localStorage, only `src/course_files.rs` the network and only
//! `src/scorm.rs` an LMS's SCORM API; the clock and
//! the random source are read in one file; every UI string lives in
//! `src/ui/i18n.rs` and no language is hard-wired outside it; widgets never
//! import screens; components never grade;
//! and every Rust file opens with a `//!` line saying what it owns.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files_under(dirs: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut out);
    }
    out.sort();
    out
}

fn violations(files: &[PathBuf], rule: &str, bad: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if bad(line) {
                found.push(format!(
                    "{}:{}: {rule}: {}",
                    file.display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    found
}

#[test]
fn the_core_names_no_browser_crate() {
    let files = files_under(&["core/src"]);
    assert!(!files.is_empty());
    let crates = ["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys"];
    let found = violations(&files, "the core must stay free of browser types", |line| {
        let code = line.split("//").next().unwrap_or("");
        crates
            .iter()
            .any(|c| code.contains(&format!("{c}::")) || code.contains(&format!("use {c}")))
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("core/Cargo.toml"))
            .unwrap();
    for c in ["leptos", "web-sys", "gloo", "wasm-bindgen", "js-sys"] {
        assert!(!manifest.contains(c), "core/Cargo.toml depends on {c}");
    }
}

#[test]
fn only_the_storage_module_touches_local_storage() {
    let files: Vec<PathBuf> = files_under(&["src"])
        .into_iter()
        .filter(|f| !f.ends_with("src/storage.rs"))
        .collect();
    let found = violations(&files, "localStorage belongs to src/storage.rs", |line| {
        let code = line.split("//").next().unwrap_or("");
        [
            "LocalStorage",
            "local_storage",
            "gloo_storage",
            "localStorage",
        ]
        .iter()
        .any(|s| code.contains(s))
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_rust_file_says_what_it_owns() {
    let files = files_under(&["src", "core/src", "tests"]);
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| {
            format!(
                "{}: add a `//!` line saying what this file owns",
                f.display()
            )
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The code part of a line: no `//` comment (doc comments included).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

fn app_files_except(except: &[&str]) -> Vec<PathBuf> {
    files_under(&["src"])
        .into_iter()
        .filter(|f| !except.iter().any(|e| f.ends_with(e)))
        .collect()
}

#[test]
fn the_clock_and_the_random_source_are_read_in_one_place() {
    let files = app_files_except(&["src/ui/state/clock.rs"]);
    let found = violations(
        &files,
        "read the clock through src/ui/state/clock.rs",
        |line| {
            [
                "js_sys::Date",
                "Date::now",
                "Math::random",
                "get_timezone_offset",
                "performance().now",
            ]
            .iter()
            .any(|s| code(line).contains(s))
        },
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn only_the_course_files_and_lrs_modules_use_the_network() {
    let files = app_files_except(&["src/course_files.rs", "src/lrs.rs"]);
    let found = violations(
        &files,
        "network calls belong to src/course_files.rs (the site) or src/lrs.rs (the LRS)",
        |line| {
            [
                "fetch_with",
                "Request::new",
                "XmlHttpRequest",
                "WebSocket",
                "send_beacon",
            ]
            .iter()
            .any(|s| code(line).contains(s))
        },
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn only_the_sheet_worker_module_talks_to_the_sheet_worker() {
    // The .xlsx reader and writer is a wasm of its own (workers/sheet/),
    // started and spoken to only through src/sheet_worker.rs.
    let files = app_files_except(&["src/sheet_worker.rs"]);
    let found = violations(
        &files,
        "the sheet worker belongs to src/sheet_worker.rs",
        |line| {
            ["Worker::new", "sheet_worker_loader", "post_message"]
                .iter()
                .any(|s| code(line).contains(s))
        },
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn only_the_scorm_module_touches_the_lms_api() {
    // The LMS's run-time object (`API`, or SCORM 2004's `API_1484_11`) and
    // its functions are reached only through src/scorm.rs.
    let files = app_files_except(&["src/scorm.rs"]);
    let found = violations(&files, "the LMS's API belongs to src/scorm.rs", |line| {
        [
            "\"API\"",
            "API_1484_11",
            "LMSInitialize",
            "LMSGetValue",
            "LMSSetValue",
            "LMSCommit",
            "LMSFinish",
        ]
        .iter()
        .any(|s| code(line).contains(s))
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_ui_string_lives_in_i18n() {
    // Japanese text in a string literal outside i18n.rs is a UI string out
    // of place (the English ones are caught in review: too many false hits).
    let files = app_files_except(&["src/ui/i18n.rs"]);
    let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}');
    let found = violations(&files, "move the words to src/ui/i18n.rs", |line| {
        let code = code(line);
        code.split('"')
            .skip(1)
            .step_by(2)
            .any(|literal| literal.chars().any(japanese))
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn widgets_never_import_screens() {
    let files = files_under(&["src/ui/widgets"]);
    assert!(!files.is_empty());
    let found = violations(
        &files,
        "widgets send events up; they never use a screen",
        |line| code(line).contains("screens::"),
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn components_never_grade_or_score() {
    // Right / partly right / wrong is `quiz_core::attempt::Outcome`; scores
    // are `Attempt::score`. The UI only renders them.
    let files = files_under(&["src"]);
    let found = violations(&files, "ask quiz_core (Outcome, Attempt::score)", |line| {
        let code = code(line);
        code.contains("grade(") || code.contains(">= 1.0") || code.contains("> 0.0")
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_language_is_hard_wired() {
    // Every screen speaks the language the person chose (`Settings::lang`),
    // and the core words a message in whatever language it is asked for.
    // Naming `Lang::Ja` or `Lang::En` as a value fixes one language for
    // everyone: problems worded in Japanese when found once showed
    // Japanese on the English trainer screen. Matching on a language
    // (`Lang::Ja =>`) or comparing with one is how words are chosen, and
    // is fine; tests are left out (`tests.rs`, code after `#[cfg(test)]`).
    const ALLOWED: &[(&str, &str)] = &[
        (
            "src/ui/i18n.rs",
            "the words of each language are written there",
        ),
        (
            "src/ui/screens/settings.rs",
            "the language setting: each radio button sets its language",
        ),
        (
            "core/src/diagnostic.rs",
            "`Lang` itself: its one code mapping and the toggle's other language",
        ),
        (
            "core/src/status.rs",
            "the 受講状況 CSV for the personnel office is Japanese, like its header",
        ),
    ];
    let files: Vec<PathBuf> = files_under(&["src", "core/src"])
        .into_iter()
        .filter(|f| {
            !f.ends_with("tests.rs")
                && !f.starts_with(Path::new(env!("CARGO_MANIFEST_DIR")).join("core/src/bin"))
        })
        .filter(|f| !ALLOWED.iter().any(|(allowed, _)| f.ends_with(allowed)))
        .collect();
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("src/ui/state/catalog/local.rs"))
    );
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if line.trim() == "#[cfg(test)]" {
                break;
            }
            if hard_wires_a_language(code(line)) {
                found.push(format!(
                    "{}:{}: use the chosen language (Settings::lang), not a fixed one: {}",
                    file.display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// True when a line names a language as a value: not in a match arm's
/// pattern (`=> ` follows) and not in a comparison.
fn hard_wires_a_language(code: &str) -> bool {
    ["Lang::Ja", "Lang::En"].iter().any(|name| {
        code.match_indices(name).any(|(at, _)| {
            let before = code.get(..at).unwrap_or("").trim_end();
            let after = code.get(at + name.len()..).unwrap_or("");
            let compared = before.ends_with("==")
                || before.ends_with("!=")
                || after.trim_start().starts_with("==")
                || after.trim_start().starts_with("!=");
            let word_goes_on = after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
            !word_goes_on && !compared && !after.contains("=>")
        })
    })
}

#[test]
fn a_hard_wired_language_is_told_from_a_match_on_one() {
    assert!(hard_wires_a_language("check(&file, &options, Lang::Ja);"));
    assert!(hard_wires_a_language("    Lang::Ja => Lang::En,"));
    assert!(hard_wires_a_language("let mut lang = Lang::En;"));
    assert!(!hard_wires_a_language("    Lang::Ja => \"ja\","));
    assert!(!hard_wires_a_language(
        "(Severity::Warning, Lang::En) => \"warning\","
    ));
    assert!(!hard_wires_a_language("let ja = lang == Lang::Ja;"));
    assert!(!hard_wires_a_language("let code = lang.get().code();"));
}
