//! Golden tests of the `quizcheck` CLI: each file in `tests/fixtures/invalid`
//! breaks one rule, and its `.stderr` beside it pins the exact words and
//! `file:line:column`. Each file in `tests/fixtures/warnings` triggers one
//! item-writing rule (named by the file), and each `*-under.toml` stays
//! just under that rule's threshold and must not trigger it. All run as of
//! the fixed day [`TODAY`]. Run with `BLESS=1` to rewrite the `.stderr`
//! files after a deliberate change, then read the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The day the fixtures are checked on, so `stale` does not depend on the clock.
const TODAY: &str = "2026-12-01";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

fn warning_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warnings")
}

/// The fixtures in `dir`: `.toml` files, and folders (a case of several files).
fn cases(dir: &Path) -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") || !n.contains('.'))
        .collect();
    cases.sort();
    cases
}

/// Compares `stderr` with the golden file of `case`, or rewrites it under `BLESS`.
fn golden(dir: &Path, case: &str, stderr: &str, failures: &mut Vec<String>) {
    let golden = dir.join(format!("{}.stderr", case.trim_end_matches(".toml")));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, stderr).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    if stderr != expected {
        failures.push(format!(
            "{case}:\n--- expected\n{expected}--- got\n{stderr}"
        ));
    }
}

fn run(args: &[&str], dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quizcheck"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("quizcheck runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_invalid_fixture_matches_its_golden_stderr() {
    let dir = fixtures();
    let cases = cases(&dir);
    assert!(
        cases.len() >= 20,
        "expected one fixture per rule, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let (code, stderr) = run(&["--today", TODAY, case], &dir);
        if code != 1 {
            failures.push(format!("{case}: exit {code}, expected 1"));
        }
        golden(&dir, case, &stderr, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_warning_fixture_matches_its_golden_stderr() {
    let dir = warning_fixtures();
    let cases = cases(&dir);
    let rules = [
        "longest-correct",
        "correct-stands-out",
        "qualifier-correct",
        "truefalse-balance",
        "same-position",
        "same-choice",
        "all-of-the-above",
        "stale",
    ];
    for rule in rules {
        for case in [format!("{rule}.toml"), format!("{rule}-under.toml")] {
            assert!(cases.contains(&case), "no fixture {case}");
        }
    }
    let mut failures = Vec::new();
    for case in &cases {
        let (code, stderr) = run(&["--today", TODAY, case], &dir);
        // Warnings never fail without --strict.
        if code != 0 {
            failures.push(format!("{case}: exit {code}, expected 0"));
        }
        let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains(": 警告: ")).collect();
        if case.ends_with("-under.toml") {
            if !warnings.is_empty() {
                failures.push(format!("{case}: expected no warning, got\n{stderr}"));
            }
        } else {
            let rule = rules.iter().find(|r| case.starts_with(*r)).copied();
            let tag = format!("[{}]", rule.unwrap_or("?"));
            if warnings.is_empty() || !warnings.iter().all(|l| l.ends_with(&tag)) {
                failures.push(format!(
                    "{case}: expected only {tag} warnings, got\n{stderr}"
                ));
            }
        }
        golden(&dir, case, &stderr, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn warnings_in_english_name_the_rule() {
    let (code, stderr) = run(
        &["--lang", "en", "--today", TODAY, "stale-missing.toml"],
        &warning_fixtures(),
    );
    assert_eq!(code, 0);
    assert_eq!(
        stderr.lines().next(),
        Some(
            "stale-missing.toml:9:6: warning: no `checked` date says when this question's facts were confirmed; confirm them against the sources, then add checked = \"2026-12-01\" to the question or the course [stale]"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("checked 1 files: 1 courses, 0 problems, 2 warnings\n"),
        "{stderr}"
    );
}

#[test]
fn strict_makes_warnings_fail() {
    let dir = warning_fixtures();
    let strict = |file: &str| run(&["--strict", "--today", TODAY, file], &dir).0;
    assert_eq!(strict("correct-stands-out.toml"), 1);
    assert_eq!(strict("correct-stands-out-under.toml"), 0);
    assert_eq!(strict("stale-under.toml"), 0);
    let invalid = run(
        &["--strict", "--today", TODAY, "bad-date.toml"],
        &fixtures(),
    );
    assert_eq!(invalid.0, 1);
    // Without --strict, the same warnings pass.
    assert_eq!(
        run(&["--today", TODAY, "correct-stands-out.toml"], &dir).0,
        0
    );
}

#[test]
fn max_age_days_sets_the_allowed_age() {
    let dir = warning_fixtures();
    // The course's date is exactly 365 days before TODAY: fresh by default.
    let (code, stderr) = run(&["--strict", "--today", TODAY, "stale-under.toml"], &dir);
    assert_eq!(code, 0, "{stderr}");
    let args = [
        "--strict",
        "--max-age-days",
        "364",
        "--today",
        TODAY,
        "stale-under.toml",
    ];
    let (code, stderr) = run(&args, &dir);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("stale-under.toml:10:6: 警告: 内容の確認日 2025-12-01（コースの checked）から 365 日たっています（上限 364 日）。"),
        "{stderr}"
    );
    assert!(stderr.ends_with("問題点 0 件、警告 2 件\n"), "{stderr}");
    // Without --today the system clock decides: 2024-04-01 is long past.
    let (code, stderr) = run(&["--strict", "stale.toml"], &dir);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("stale.toml:27:6: 警告: 内容の確認日 2024-04-01 から "),
        "{stderr}"
    );
}

#[test]
fn english_messages_on_request() {
    let (code, stderr) = run(&["--lang", "en", "no-such-choice.toml"], &fixtures());
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "no-such-choice.toml:12:10: there is no choice 4 (the choices are numbered 1 to 3)\n"
        ),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = fixtures();
    assert_eq!(run(&[], &dir).0, 2);
    assert_eq!(run(&["no-such-file.toml"], &dir).0, 2);
    assert_eq!(run(&["--lang", "fr", "syntax.toml"], &dir).0, 2);
    assert_eq!(run(&["--frobnicate"], &dir).0, 2);
    assert_eq!(run(&["--max-age-days", "-1", "syntax.toml"], &dir).0, 2);
    assert_eq!(run(&["--max-age-days"], &dir).0, 2);
    assert_eq!(run(&["--today", "2026-02-30", "syntax.toml"], &dir).0, 2);
    assert_eq!(run(&["--strict", "--from-gift", "x.gift"], &dir).0, 2);
}

#[test]
fn the_shipped_courses_and_the_template_pass() {
    let quizzes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes");
    let (code, stderr) = run(&["."], &quizzes);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn converting_a_moodle_export_reports_every_item_left_out() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let out = std::env::temp_dir().join(format!("quizcheck-gift-{}.toml", std::process::id()));
    let out_arg = out.display().to_string();
    let (code, stderr) = run(&["--from-gift", "moodle-sample.gift", "-o", &out_arg], &dir);
    assert_eq!(code, 1, "reminders remain to fill in");
    let stderr = stderr.replace(&out_arg, "OUT");
    let golden = dir.join("moodle-sample.gift.stderr");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, &stderr).expect("write golden");
    }
    assert_eq!(stderr, std::fs::read_to_string(golden).unwrap_or_default());
    let converted = std::fs::read_to_string(&out).expect("written");
    assert!(converted.contains("answer = 1"));
    let _ = std::fs::remove_file(out);

    let (code, stderr) = run(&["--from-aiken", "sample.aiken.txt"], &dir);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("sample.aiken.txt:6: ANSWER: の行がありません"),
        "{stderr}"
    );
    assert_eq!(run(&["--from-gift"], &dir).0, 2);
    assert_eq!(run(&["-o", "x.toml", "a.toml"], &dir).0, 2);
}

#[test]
fn a_conversion_reports_in_english_with_lang_en() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let out = std::env::temp_dir().join(format!("quizcheck-gift-en-{}.toml", std::process::id()));
    let out_arg = out.display().to_string();
    let (code, stderr) = run(
        &[
            "--lang",
            "en",
            "--from-gift",
            "moodle-sample.gift",
            "-o",
            &out_arg,
        ],
        &dir,
    );
    assert_eq!(code, 1, "reminders remain to fill in");
    let stderr = stderr.replace(&out_arg, "OUT");
    let golden = dir.join("moodle-sample.gift.en.stderr");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, &stderr).expect("write golden");
    }
    assert_eq!(stderr, std::fs::read_to_string(golden).unwrap_or_default());
    let _ = std::fs::remove_file(out);

    let (code, stderr) = run(&["--lang", "en", "--from-aiken", "sample.aiken.txt"], &dir);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "sample.aiken.txt:6: there is no ANSWER: line; this question was not converted\n"
        ),
        "{stderr}"
    );
}
