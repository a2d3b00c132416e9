//! `quizcheck`: checks question files and prints every problem as
//! `file:line:column: message`. Exit 0 when all are valid, 1 when any is
//! not, 2 on a usage error (no such path, unreadable file, bad flag).
//!
//! It also prints the item-writing warnings of files without errors
//! (`file:line:column: 警告: message [rule]`, see `quiz_core::item_check`).
//! Warnings do not change the exit code unless `--strict` is given, which
//! makes any warning exit 1. `stale` judges `checked` dates against
//! today's UTC date from the system clock (`--today YYYY-MM-DD` to check as
//! of another day) and a maximum age of 365 days (`--max-age-days N`).
//!
//! With `--from-gift FILE` or `--from-aiken FILE` it converts a Moodle
//! export into this project's format (to `-o OUT`, or standard output),
//! reports every item it could not convert with its line, then checks the
//! result: exit 0 when it is ready for `quizzes/`, 1 when the reminders it
//! left (explanation, sources, policy) still need filling in.
//!
//! `quizcheck reporting <reporting.json>` checks a deployment's reporting
//! settings with the very check the app uses
//! (`quiz_core::lms::settings::check`): on success it prints the LRS's
//! origin (what the page's CSP must allow) and exits 0; otherwise it prints
//! every problem and exits 1. `scripts/configure-reporting.mjs` runs it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use quiz_core::item_check::DEFAULT_MAX_AGE_DAYS;
use quiz_core::{Date, ItemOptions, Lang, SourceFile, check_files, check_files_with, import};

const USAGE: &str =
    "usage: quizcheck [--lang ja|en] [--strict] [--max-age-days N] [--today YYYY-MM-DD]
                 <file.toml or folder>...
       quizcheck [--lang ja|en] --from-gift|--from-aiken <file> [-o out.toml]
       quizcheck reporting <reporting.json>
  --strict           warnings fail too (exit 1)
  --max-age-days N   a `checked` date older than N days is stale (default 365)
  --today DATE       judge `checked` dates as of DATE instead of today (UTC)";

/// Which export format to convert from.
enum From {
    Gift,
    Aiken,
}

fn main() -> ExitCode {
    let mut lang = Lang::Ja;
    let mut paths = Vec::new();
    let mut convert: Option<(From, PathBuf)> = None;
    let mut out: Option<PathBuf> = None;
    let mut strict = false;
    let mut max_age: Option<u32> = None;
    let mut today: Option<Date> = None;
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "reporting") {
        let rest: Vec<String> = args.skip(1).collect();
        return match rest.as_slice() {
            [file] => run_reporting(Path::new(file)),
            _ => usage("reporting takes one settings file (a folder named reporting: ./reporting)"),
        };
    }
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--from-gift" | "--from-aiken" => {
                let Some(file) = args.next() else {
                    return usage(&format!("{arg} takes a file"));
                };
                let from = if arg == "--from-gift" {
                    From::Gift
                } else {
                    From::Aiken
                };
                convert = Some((from, PathBuf::from(file)));
            }
            "-o" | "--output" => match args.next() {
                Some(file) => out = Some(PathBuf::from(file)),
                None => return usage("-o takes a file"),
            },
            "--lang" => match args.next().as_deref() {
                Some("ja") => lang = Lang::Ja,
                Some("en") => lang = Lang::En,
                _ => return usage("--lang takes ja or en"),
            },
            "--strict" => strict = true,
            "--max-age-days" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => max_age = Some(n),
                None => return usage("--max-age-days takes a number of days"),
            },
            "--today" => match args.next().as_deref().and_then(Date::parse) {
                Some(d) => today = Some(d),
                None => return usage("--today takes a date, YYYY-MM-DD"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with("--") => return usage(&format!("unknown flag {flag}")),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if let Some((from, file)) = convert {
        if !paths.is_empty() {
            return usage("convert one file at a time");
        }
        if strict || max_age.is_some() || today.is_some() {
            return usage("--strict, --max-age-days and --today go with checking, not converting");
        }
        return run_convert(&from, &file, out.as_deref(), lang);
    }
    if out.is_some() {
        return usage("-o goes with --from-gift or --from-aiken");
    }
    if paths.is_empty() {
        return usage("name at least one file or folder");
    }
    let mut files = Vec::new();
    for path in &paths {
        if let Err(e) = collect(path, &mut files) {
            return usage(&format!("{}: {e}", path.display()));
        }
    }
    let options = ItemOptions {
        today: today.unwrap_or_else(system_today),
        max_age_days: max_age.unwrap_or(DEFAULT_MAX_AGE_DAYS),
    };
    let report = check_files_with(&files, &options);
    for line in report.render(&files, lang) {
        eprintln!("{line}");
    }
    let (checked, courses) = (files.len(), report.courses.len());
    let (problems, warnings) = (report.problem_count(), report.warning_count());
    match lang {
        Lang::Ja => eprintln!(
            "{checked} ファイルを確認: コース {courses} 件、問題点 {problems} 件、警告 {warnings} 件"
        ),
        Lang::En => eprintln!(
            "checked {checked} files: {courses} courses, {problems} problems, {warnings} warnings"
        ),
    }
    if !report.is_clean() || (strict && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Today's date in UTC from the system clock (the core never reads it).
fn system_today() -> Date {
    let seconds = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    };
    Date::from_unix_seconds(seconds)
}

fn run_convert(from: &From, file: &Path, out: Option<&Path>, lang: Lang) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return usage(&format!("{}: {e}", file.display())),
    };
    let name = file.display().to_string();
    let result = match from {
        From::Gift => import::gift::parse(&text),
        From::Aiken => import::aiken::parse(&text),
    };
    for issue in &result.issues {
        eprintln!("{name}:{}: {}", issue.line, issue.problem.render(lang));
    }
    let base = file
        .file_name()
        .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
    let id = import::id_from_name(&base);
    let toml = import::to_toml(&result, &id, &id, &base);
    let out_name = out.map_or_else(|| "<stdout>".to_owned(), |p| p.display().to_string());
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &toml) {
                return usage(&format!("{}: {e}", path.display()));
            }
        }
        None => print!("{toml}"),
    }
    let files = [SourceFile::new(out_name, toml)];
    let report = check_files(&files);
    for line in report.render(&files, lang) {
        eprintln!("{line}");
    }
    let (kept, left) = (result.questions.len(), result.issues.len());
    match lang {
        Lang::Ja => eprintln!(
            "{kept} 問を変換、{left} 件は変換できませんでした。記入が必要な箇所 {} 件",
            report.problem_count()
        ),
        Lang::En => eprintln!(
            "converted {kept} questions, {left} items not converted; {} places to fill in",
            report.problem_count()
        ),
    }
    if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Checks a deployment's reporting settings; prints the LRS's origin.
fn run_reporting(file: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return usage(&format!("{}: {e}", file.display())),
    };
    match quiz_core::lms::settings::check(&text) {
        Ok(config) => {
            for warning in quiz_core::lms::settings::warnings(&config) {
                eprintln!("{}: warning: {warning}", file.display());
            }
            // The check refuses an endpoint without a host, so there is one.
            println!("{}", config.origin().unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{}: {problem}", file.display());
            }
            eprintln!(
                "{}: {} problem(s); reporting settings not accepted",
                file.display(),
                problems.len()
            );
            ExitCode::from(1)
        }
    }
}

fn usage(why: &str) -> ExitCode {
    eprintln!("quizcheck: {why}\n{USAGE}");
    ExitCode::from(2)
}

/// Reads a file, or every `.toml` file in a folder (sorted, not recursive).
fn collect(path: &Path, files: &mut Vec<SourceFile>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        entries.sort();
        for p in entries {
            collect(&p, files)?;
        }
        return Ok(());
    }
    let text = std::fs::read_to_string(path)?;
    files.push(SourceFile::new(path.display().to_string(), text));
    Ok(())
}
