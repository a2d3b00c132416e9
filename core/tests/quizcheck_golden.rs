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
    let name = format!("{}.stderr", case.trim_end_matches(".toml"));
    golden_file(dir, &name, case, stderr, failures);
}

/// Compares `text` with the golden file `name`, or rewrites it under `BLESS`.
fn golden_file(dir: &Path, name: &str, case: &str, stderr: &str, failures: &mut Vec<String>) {
    let golden = dir.join(name);
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

fn cue_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cues")
}

/// The wording-cue rules (advice: they never fail, not even with --strict).
const CUE_RULES: [&str; 6] = [
    "limit-wrong",
    "denial-wrong",
    "hedge-right",
    "truefalse-polarity",
    "key-echo",
    "odd-one-out",
];

/// Each file in `tests/fixtures/cues` triggers one cue rule (named by the
/// file) and each `*-under.toml` stays under its threshold. Both words are
/// pinned: `.stderr` in Japanese, `.en.stderr` in English.
#[test]
fn every_cue_fixture_matches_its_golden_stderr() {
    let dir = cue_fixtures();
    let cases = cases(&dir);
    for rule in CUE_RULES {
        for case in [format!("{rule}.toml"), format!("{rule}-under.toml")] {
            assert!(cases.contains(&case), "no fixture {case}");
        }
    }
    let mut failures = Vec::new();
    for case in &cases {
        for (lang, label, golden_case) in [
            ("ja", ": 助言: ", case.clone()),
            ("en", ": advice: ", case.replace(".toml", ".en.toml")),
        ] {
            let args = ["--strict", "--lang", lang, "--today", TODAY, case];
            let (code, stderr) = run(&args, &dir);
            if code != 0 {
                failures.push(format!(
                    "{case} ({lang}): exit {code}, expected 0 even with --strict"
                ));
            }
            let advice: Vec<&str> = stderr.lines().filter(|l| l.contains(label)).collect();
            let others = stderr
                .lines()
                .filter(|l| l.contains(": 警告: ") || l.contains(": warning: "))
                .count();
            if others > 0 {
                failures.push(format!(
                    "{case} ({lang}): warnings besides the advice\n{stderr}"
                ));
            }
            if case.ends_with("-under.toml") {
                if !advice.is_empty() {
                    failures.push(format!(
                        "{case} ({lang}): expected no advice, got\n{stderr}"
                    ));
                }
            } else {
                let rule = CUE_RULES.iter().find(|r| case.starts_with(*r)).copied();
                let tag = format!("[{}]", rule.unwrap_or("?"));
                if advice.is_empty() || !advice.iter().all(|l| l.ends_with(&tag)) {
                    failures.push(format!(
                        "{case} ({lang}): expected only {tag} advice, got\n{stderr}"
                    ));
                }
                // The section's heading comes before its lines.
                let heading = stderr.lines().position(|l| l.starts_with("--- "));
                let first = stderr.lines().position(|l| l.contains(label));
                if heading.is_none() || heading > first {
                    failures.push(format!(
                        "{case} ({lang}): no report heading before the advice"
                    ));
                }
            }
            golden(&dir, &golden_case, &stderr, &mut failures);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn advice_points_at_the_question_and_counts_the_course() {
    let (_, stderr) = run(&["--today", TODAY, "limit-wrong.toml"], &cue_fixtures());
    assert!(
        stderr.contains(
            "limit-wrong.toml:12:11: 助言: この問題では「だけ」が誤りの選択肢（2 番）にだけあります。コース全体で、限定・絶対の言葉（すべて・だけ・限られる・一切・必ず など）が、誤った内容の選択肢 10 個中 5 個（50%）にあり、正しい内容の選択肢では 5 個中 0 個（0%）だけです。"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("問題点 0 件、警告 0 件、助言 5 件\n"),
        "{stderr}"
    );
}

#[test]
fn no_advice_makes_the_cue_rules_fail_and_the_shipped_courses_pass_them() {
    let dir = cue_fixtures();
    let (code, stderr) = run(
        &[
            "--strict",
            "--no-advice",
            "--today",
            TODAY,
            "limit-wrong.toml",
        ],
        &dir,
    );
    assert_eq!(code, 1, "advice fails with --no-advice\n{stderr}");
    assert!(stderr.contains("--no-advice"), "{stderr}");
    let (code, _) = run(
        &[
            "--strict",
            "--no-advice",
            "--today",
            TODAY,
            "limit-wrong-under.toml",
        ],
        &dir,
    );
    assert_eq!(code, 0, "under the threshold");
    let (code, _) = run(&["--no-advice", "limit-wrong.toml"], &dir);
    assert_eq!(code, 2, "--no-advice goes with --strict");
    let quizzes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes");
    let (code, stderr) = run(&["--strict", "--no-advice", "."], &quizzes);
    assert_eq!(code, 0, "the shipped courses carry no cue\n{stderr}");
}

fn run_stdout(args: &[&str], dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quizcheck"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("quizcheck runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The guesser's table on a course worked by hand (see the fixture's
/// comments): uniform 25 %, ○× polarity 54.1667 %; every policy is over
/// the aim, and the report still exits 0.
#[test]
fn the_guesser_report_is_exact_on_a_course_worked_by_hand() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guess");
    let mut failures = Vec::new();
    for (lang, name) in [("ja", "small.stdout"), ("en", "small.en.stdout")] {
        let args = ["--guess", "--lang", lang, "--today", TODAY, "small.toml"];
        let (code, stdout) = run_stdout(&args, &dir);
        assert_eq!(code, 0, "{stdout}");
        let polarity = stdout.lines().find(|l| l.contains("○×")).unwrap_or("");
        assert!(
            polarity.contains(" 75.0% ") && polarity.ends_with(" 54.1667%"),
            "{stdout}"
        );
        let uniform = stdout.lines().nth(3).unwrap_or("");
        assert!(
            uniform.contains(" 50.0% ") && uniform.ends_with(" 25.0000%"),
            "{stdout}"
        );
        golden_file(&dir, name, "small.toml", &stdout, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_guesser_report_on_the_shipped_courses_never_fails() {
    let quizzes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes");
    let (code, stdout) = run_stdout(&["--guess", "."], &quizzes);
    assert_eq!(code, 0, "{stdout}");
    // One table per listed course, eleven policies each, and the verdict line.
    assert_eq!(stdout.matches("  でたらめ（一様）").count(), 3, "{stdout}");
    assert!(
        stdout
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("目安（1回 1% 以下）")),
        "{stdout}"
    );
    let dir = fixtures();
    assert_eq!(run(&["--guess", "--from-gift", "x.gift"], &dir).0, 2);
}
