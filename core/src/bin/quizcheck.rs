//! `quizcheck`: checks question files and prints every problem as
//! `file:line:column: message`. Exit 0 when all are valid, 1 when any is
//! not, 2 on a usage error (no such path, unreadable file, bad flag).
//!
//! It also prints the item-writing warnings of files without errors
//! (`file:line:column: 警告: message [rule]`, see `quiz_core::item_check`).
//! Warnings do not change the exit code unless `--strict` is given, which
//! makes any warning exit 1. Advice (the wording-cue rules of
//! `quiz_core::item_check::cues`) is printed after, in a report section of
//! its own (`助言:`), and changes the exit code only with `--strict
//! --no-advice`, which the test command uses for the shipped courses (a
//! trainer's draft is advised, not failed). `stale` judges `checked` dates against
//! today's UTC date from the system clock (`--today YYYY-MM-DD` to check as
//! of another day) and a maximum age of 365 days (`--max-age-days N`).
//!
//! `--guess` adds a report on standard output: for each valid course and
//! each knowledge-free guessing policy of `quiz_core::guess`, the mean
//! credit per question and the chance that one attempt passes (exact, or
//! for a course with a blueprint the mean over the app's own draws with
//! its error), and which exceed the aim (1 % per attempt). A report: it
//! never fails.
//!
//! With `--from-gift FILE` or `--from-aiken FILE` it converts a Moodle
//! export into this project's format (to `-o OUT`, or standard output),
//! reports every item it could not convert with its line, then checks the
//! result: exit 0 when it is ready for `quizzes/`, 1 when the reminders it
//! left (explanation, sources, policy) still need filling in.
//!
//! With `--from-xlsx FILE` (or `--from-csv QUESTIONS.csv [COURSE.csv]`,
//! one file per sheet as Excel saves them) it reads a course written in the
//! spreadsheet template (`quiz_core::import::sheet`), reports every problem
//! by sheet and cell (`問題!K7: …`) with the checks and warnings of any
//! course file, and writes the course file (`-o OUT`, or standard output)
//! only when there is no error: exit 0 then, 1 otherwise. `--to-xlsx
//! course.toml -o course.xlsx` writes a course into the template, ids
//! included, to edit in Excel and bring back; `--template -o FILE.xlsx`
//! writes the empty template with its example rows.
//!
//! `quizcheck reporting <reporting.json>` checks a deployment's reporting
//! settings with the very check the app uses
//! (`quiz_core::lms::settings::check`): on success it prints the LRS's
//! origin (what the page's CSP must allow) and exits 0; otherwise it prints
//! every problem and exits 1. `scripts/configure-reporting.mjs` runs it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use quiz_core::item_check::DEFAULT_MAX_AGE_DAYS;
use quiz_core::{
    Course, Date, Diagnostic, ItemOptions, Lang, Report, Severity, SourceFile, check_files,
    check_files_with, guess, import,
};

const USAGE: &str = "usage: quizcheck [--lang ja|en] [--strict [--no-advice]] [--guess] [--max-age-days N]
                 [--today YYYY-MM-DD] <file.toml or folder>...
       quizcheck [--lang ja|en] --from-gift|--from-aiken <file> [-o out.toml]
       quizcheck [--lang ja|en] [--strict] [--today DATE] --from-xlsx <file.xlsx> [-o out.toml]
       quizcheck [--lang ja|en] [--strict] [--today DATE] --from-csv <問題.csv> [<コース.csv>] [-o out.toml]
       quizcheck --to-xlsx <course.toml> -o <course.xlsx>
       quizcheck --template -o <template.xlsx>
       quizcheck reporting <reporting.json>
       quizcheck release <folder> [--out DIR]
  --strict           warnings fail too (exit 1); advice never does
  --no-advice        with --strict, wording-cue advice fails too (the shipped
                     courses are held to it; a trainer's draft is not)
  --guess            also print, per course, the chance that a learner with no
                     knowledge passes one attempt by each guessing policy
  --max-age-days N   a `checked` date older than N days is stale (default 365)
  --today DATE       judge `checked` dates as of DATE instead of today (UTC)";

/// Which export format to convert from.
enum From {
    Gift,
    Aiken,
}

/// A spreadsheet task.
enum SheetTask {
    FromXlsx(PathBuf),
    FromCsv(PathBuf),
    ToXlsx(PathBuf),
    Template,
}

fn main() -> ExitCode {
    let mut lang = Lang::default();
    let mut paths = Vec::new();
    let mut convert: Option<(From, PathBuf)> = None;
    let mut sheet: Option<SheetTask> = None;
    let mut out: Option<PathBuf> = None;
    let mut strict = false;
    let mut no_advice = false;
    let mut guess = false;
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
    if args.peek().is_some_and(|a| a == "release") {
        let rest: Vec<String> = args.skip(1).collect();
        return match rest.as_slice() {
            [folder] => run_release(Path::new(folder), None),
            [folder, flag, out] if flag == "--out" => {
                run_release(Path::new(folder), Some(Path::new(out)))
            }
            _ => usage("release takes a folder of question files and --out DIR"),
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
            "--from-xlsx" | "--from-csv" | "--to-xlsx" => {
                let Some(file) = args.next() else {
                    return usage(&format!("{arg} takes a file"));
                };
                let file = PathBuf::from(file);
                sheet = Some(match arg.as_str() {
                    "--from-xlsx" => SheetTask::FromXlsx(file),
                    "--from-csv" => SheetTask::FromCsv(file),
                    _ => SheetTask::ToXlsx(file),
                });
            }
            "--template" => sheet = Some(SheetTask::Template),
            "-o" | "--output" => match args.next() {
                Some(file) => out = Some(PathBuf::from(file)),
                None => return usage("-o takes a file"),
            },
            "--lang" => match args.next().as_deref().and_then(Lang::from_code) {
                Some(chosen) => lang = chosen,
                None => return usage("--lang takes ja or en"),
            },
            "--strict" => strict = true,
            "--no-advice" => no_advice = true,
            "--guess" => guess = true,
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
    if let Some(task) = sheet {
        if convert.is_some() {
            return usage("convert one file at a time");
        }
        if guess {
            return usage("--guess goes with checking, not converting");
        }
        let options = ItemOptions {
            today: today.unwrap_or_else(system_today),
            max_age_days: max_age.unwrap_or(DEFAULT_MAX_AGE_DAYS),
        };
        return match task {
            SheetTask::FromXlsx(file) if paths.is_empty() => {
                run_from_sheet(&[file], false, out.as_deref(), &options, strict, lang)
            }
            SheetTask::FromCsv(file) if paths.len() <= 1 => {
                let files: Vec<PathBuf> = std::iter::once(file).chain(paths).collect();
                run_from_sheet(&files, true, out.as_deref(), &options, strict, lang)
            }
            SheetTask::FromXlsx(_) | SheetTask::FromCsv(_) => {
                usage("convert one workbook at a time (for CSV: the 問題 file and the コース file)")
            }
            _ if strict || max_age.is_some() || today.is_some() || !paths.is_empty() => {
                usage("--to-xlsx and --template take only -o")
            }
            SheetTask::ToXlsx(file) => match out {
                Some(out) => run_to_xlsx(&file, &out, lang),
                None => usage("--to-xlsx needs -o FILE.xlsx"),
            },
            SheetTask::Template => match out {
                Some(out) => write_xlsx(&import::sheet::template_book(), &out),
                None => usage("--template needs -o FILE.xlsx"),
            },
        };
    }
    if let Some((from, file)) = convert {
        if !paths.is_empty() {
            return usage("convert one file at a time");
        }
        if strict || guess || max_age.is_some() || today.is_some() {
            return usage(
                "--strict, --guess, --max-age-days and --today go with checking, not converting",
            );
        }
        return run_convert(&from, &file, out.as_deref(), lang);
    }
    if out.is_some() {
        return usage("-o goes with --from-gift or --from-aiken");
    }
    if paths.is_empty() {
        return usage("name at least one file or folder");
    }
    if no_advice && !strict {
        return usage("--no-advice goes with --strict");
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
    // Advice (the cue rules) comes after, in its own section, and never fails.
    let (report, advice) = split_advice(report);
    for line in report.render(&files, lang) {
        eprintln!("{line}");
    }
    let advice_count = advice.warning_count();
    if advice_count > 0 {
        match (lang, no_advice) {
            (Lang::Ja, false) => eprintln!(
                "--- 出題のくせの報告（助言。--strict でも不合格にしません。quizzes/README.md「言葉のくせ」）"
            ),
            (Lang::En, false) => eprintln!(
                "--- wording cue report (advice; never fails, not even with --strict; see quizzes/README.md)"
            ),
            (Lang::Ja, true) => eprintln!(
                "--- 出題のくせの報告（--no-advice: 助言も不合格にします。quizzes/README.md「言葉のくせ」）"
            ),
            (Lang::En, true) => eprintln!(
                "--- wording cue report (--no-advice: advice fails too; see quizzes/README.md)"
            ),
        }
        for line in advice.render(&files, lang) {
            eprintln!("{line}");
        }
    }
    let (checked, courses) = (files.len(), report.courses.len());
    let (problems, warnings) = (report.problem_count(), report.warning_count());
    let advice_words = match (advice_count, lang) {
        (0, _) => String::new(),
        (n, Lang::Ja) => format!("、助言 {n} 件"),
        (n, Lang::En) => format!(", {n} advice"),
    };
    match lang {
        Lang::Ja => eprintln!(
            "{checked} ファイルを確認: コース {courses} 件、問題点 {problems} 件、警告 {warnings} 件{advice_words}"
        ),
        Lang::En => eprintln!(
            "checked {checked} files: {courses} courses, {problems} problems, {warnings} warnings{advice_words}"
        ),
    }
    if guess {
        print!("{}", guess_report(&report.courses, lang));
    }
    if !report.is_clean() || (strict && warnings > 0) || (no_advice && advice_count > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Moves the advice (cue rules) out of the report's warnings into a
/// report of its own.
fn split_advice(report: Report) -> (Report, Report) {
    let mut warnings = Vec::new();
    let mut advice = Vec::new();
    for (i, diags) in report.warnings {
        let (a, w): (Vec<Diagnostic>, Vec<Diagnostic>) = diags
            .into_iter()
            .partition(|d| d.severity() == Severity::Advice);
        if !w.is_empty() {
            warnings.push((i, w));
        }
        if !a.is_empty() {
            advice.push((i, a));
        }
    }
    let advice = Report {
        courses: Vec::new(),
        problems: Vec::new(),
        warnings: advice,
    };
    let report = Report {
        courses: report.courses,
        problems: report.problems,
        warnings,
    };
    (report, advice)
}

/// The knowledge-free guesser's table: per course and policy, the mean
/// credit per question and the chance that one attempt passes.
fn guess_report(courses: &[Course], lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    let mut over = Vec::new();
    out.push_str(if ja {
        "=== 知識なしで1回の受講に合格する確率（報告。テストの合否には影響しません）\n"
    } else {
        "=== chance that one attempt passes with no knowledge (a report; it never fails the tests)\n"
    });
    for course in courses {
        let table = guess::course_table(course);
        let n = course.attempt_len();
        let sampled = table.iter().any(|r| r.error > 0.0);
        let how = match (sampled, ja) {
            (false, true) => "、すべての出題について正確に計算".to_owned(),
            (false, false) => ", exact over every draw".to_owned(),
            (true, true) => format!(
                "、出題の範囲（blueprint）があるのでアプリの出題 {} 回の平均（± は標準誤差の2倍）",
                guess::DRAWS
            ),
            (true, false) => format!(
                ", a blueprint: the mean over {} of the app's draws (± two standard errors)",
                guess::DRAWS
            ),
        };
        let _ = writeln!(
            out,
            "{}",
            if ja {
                format!(
                    "{}（{}）: 問題 {} 問から {n} 問、合格点 {}%{how}",
                    course.title,
                    course.id,
                    course.questions.len(),
                    course.pass_mark
                )
            } else {
                format!(
                    "{} ({}): {n} of {} questions, pass mark {}%{how}",
                    course.title,
                    course.id,
                    course.questions.len(),
                    course.pass_mark
                )
            }
        );
        let _ = writeln!(
            out,
            "  {}{}{}",
            pad(if ja { "方針" } else { "policy" }, 28),
            pad_left(if ja { "1問あたり" } else { "per question" }, 14),
            pad_left(if ja { "1回で合格" } else { "one attempt" }, 14)
        );
        for row in &table {
            let error = if row.error > 0.0 {
                format!(" ± {:.4}%", row.error * 100.0)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {}{:>13.1}%{:>13.4}%{error}",
                pad(row.policy.name(lang), 28),
                row.mean_credit * 100.0,
                row.pass * 100.0
            );
            if row.pass > guess::AIM {
                over.push(format!(
                    "{} {} {:.2}%",
                    course.id,
                    row.policy.code(),
                    row.pass * 100.0
                ));
            }
        }
        // The strongest policy's sure questions: where to start rewriting.
        let strongest = (table.iter())
            .filter(|r| r.policy != guess::Policy::Uniform)
            .max_by(|a, b| a.pass.total_cmp(&b.pass));
        if let Some(row) = strongest.filter(|r| !r.sure.is_empty()) {
            const LISTED: usize = 12;
            let more = row.sure.len().saturating_sub(LISTED);
            let ids: Vec<&str> = row.sure.iter().take(LISTED).map(String::as_str).collect();
            let ids = ids.join(", ");
            let _ = if ja {
                let more = if more > 0 {
                    format!(" ほか {more} 問")
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "  いちばん当たる方針「{}」で必ず当たる問題 {} 問: {ids}{more}",
                    row.policy.name(lang),
                    row.sure.len()
                )
            } else {
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "  the strongest policy ({}) is sure of {} questions: {ids}{more}",
                    row.policy.name(lang),
                    row.sure.len()
                )
            };
        }
    }
    let aim = guess::AIM * 100.0;
    let _ = if over.is_empty() {
        writeln!(
            out,
            "{}",
            if ja {
                format!("目安（1回 {aim}% 以下）を超える方針はありません")
            } else {
                format!("no policy exceeds the aim of {aim}% per attempt")
            }
        )
    } else {
        writeln!(
            out,
            "{}: {}",
            if ja {
                format!("目安（1回 {aim}% 以下）を超える方針 {} 件", over.len())
            } else {
                format!(
                    "{} policies exceed the aim of {aim}% per attempt",
                    over.len()
                )
            },
            over.join(", ")
        )
    };
    out
}

/// Columns a text takes in a terminal: two for wide (CJK) characters.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// `text` padded with spaces to `columns` on the right.
fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

/// `text` padded with spaces to `columns` on the left.
fn pad_left(text: &str, columns: usize) -> String {
    format!("{}{text}", " ".repeat(columns.saturating_sub(width(text))))
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

/// Reads a course written in the spreadsheet template: one `.xlsx`, or
/// the CSV files of its sheets.
fn run_from_sheet(
    files: &[PathBuf],
    csv: bool,
    out: Option<&Path>,
    options: &ItemOptions,
    strict: bool,
    lang: Lang,
) -> ExitCode {
    use import::sheet;
    let mut read = Vec::new();
    for file in files {
        match std::fs::read(file) {
            Ok(bytes) => read.push((file, bytes)),
            Err(e) => return usage(&format!("{}: {e}", file.display())),
        }
    }
    let name = files
        .first()
        .map_or_else(String::new, |f| f.display().to_string());
    let book = if csv {
        // Excel names a CSV's one sheet after the file.
        let named: Vec<(String, Vec<u8>)> = read
            .into_iter()
            .map(|(file, bytes)| {
                let stem = file
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                (stem, bytes)
            })
            .collect();
        sheet::read::csv_files(&named)
    } else {
        let bytes = read.first().map_or(&[][..], |(_, b)| b.as_slice());
        match sheet::read::xlsx(bytes) {
            Ok(book) => book,
            Err(problem) => {
                eprintln!("{name}: {}", problem.render(lang));
                return ExitCode::from(1);
            }
        }
    };
    let base = files
        .first()
        .and_then(|f| f.file_name())
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let conversion = sheet::convert(&book, &base, options);
    let (main, advice): (Vec<_>, Vec<_>) = conversion
        .findings
        .iter()
        .partition(|f| f.severity() != Severity::Advice);
    for f in &main {
        eprintln!("{name}: {}", f.render(lang));
    }
    if !advice.is_empty() {
        match lang {
            Lang::Ja => eprintln!(
                "--- 出題のくせの報告（助言。--strict でも不合格にしません。quizzes/README.md「言葉のくせ」）"
            ),
            Lang::En => eprintln!(
                "--- wording cue report (advice; never fails, not even with --strict; see quizzes/README.md)"
            ),
        }
        for f in &advice {
            eprintln!("{name}: {}", f.render(lang));
        }
    }
    let errors = conversion.error_count();
    let warnings = conversion.count(Severity::Warning);
    let questions = conversion.course.as_ref().map_or(0, |c| c.questions.len());
    if conversion.ids_made > 0 && errors == 0 {
        match lang {
            Lang::Ja => eprintln!(
                "問題ID が空の {} 行に「コースID-行番号」の ID を付けました。行を並べ替える前に、--to-xlsx で書き出した表（ID 入り）を使ってください",
                conversion.ids_made
            ),
            Lang::En => eprintln!(
                "{} rows had no 問題ID and got one from the course id and their row; before reordering rows, use the sheet written by --to-xlsx (ids filled in)",
                conversion.ids_made
            ),
        }
    }
    let failed = errors > 0 || (strict && warnings > 0);
    if let Some(toml) = conversion.toml.as_ref().filter(|_| !failed) {
        match out {
            Some(path) => {
                if let Err(e) = std::fs::write(path, toml) {
                    return usage(&format!("{}: {e}", path.display()));
                }
            }
            None => print!("{toml}"),
        }
    }
    let written = !failed;
    match lang {
        Lang::Ja => eprintln!(
            "{name} を確認: 問題 {questions} 問、問題点 {errors} 件、警告 {warnings} 件、助言 {} 件。{}",
            advice.len(),
            if written {
                "コースのファイルを書き出しました"
            } else {
                "コースのファイルは書き出していません"
            }
        ),
        Lang::En => eprintln!(
            "checked {name}: {questions} questions, {errors} problems, {warnings} warnings, {} advice; {}",
            advice.len(),
            if written {
                "the course file was written"
            } else {
                "no course file was written"
            }
        ),
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes a course file into the spreadsheet template.
fn run_to_xlsx(file: &Path, out: &Path, lang: Lang) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return usage(&format!("{}: {e}", file.display())),
    };
    let source = SourceFile::new(file.display().to_string(), text);
    let files = [source];
    let report = check_files(&files);
    if !report.is_clean() {
        for line in report.render(&files, lang) {
            eprintln!("{line}");
        }
        return ExitCode::from(1);
    }
    let Some(course) = files
        .first()
        .and_then(|f| quiz_core::parse::parse_course(&f.text, false).course)
    else {
        return ExitCode::from(1);
    };
    let (book, losses) = import::sheet::course_book(&course);
    for loss in &losses {
        eprintln!("{}: {}", file.display(), loss.render(lang));
    }
    write_xlsx(&book, out)
}

fn write_xlsx(book: &import::sheet::Workbook, out: &Path) -> ExitCode {
    match import::sheet::write::xlsx(book) {
        Ok(bytes) => match std::fs::write(out, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => usage(&format!("{}: {e}", out.display())),
        },
        Err(e) => {
            eprintln!("{}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}

/// Checks the folder's question files as the app's build does; prints the
/// build manifest (`quiz_core::release`) and, with `--out`, writes the
/// shipped question files and their compiled forms there.
fn run_release(folder: &Path, out: Option<&Path>) -> ExitCode {
    let mut files = Vec::new();
    if let Err(e) = collect(folder, &mut files) {
        return usage(&format!("{}: {e}", folder.display()));
    }
    let report = check_files(&files);
    if !report.is_clean() || report.courses.is_empty() {
        for line in report.render(&files, Lang::Ja) {
            eprintln!("{line}");
        }
        eprintln!(
            "{}: no release: a question file has problems, or there is no course",
            folder.display()
        );
        return ExitCode::from(1);
    }
    let shipped = match quiz_core::release::shipped(&files, &report) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    if let Some(out) = out {
        let written = std::fs::create_dir_all(out).and_then(|()| {
            for file in files.iter().filter(|f| !f.is_template()) {
                std::fs::write(out.join(file.base_name()), &file.text)?;
            }
            for s in &shipped {
                std::fs::write(out.join(&s.compiled.name), &s.compiled.text)?;
            }
            Ok(())
        });
        if let Err(e) = written {
            eprintln!("{}: {e}", out.display());
            return ExitCode::from(1);
        }
    }
    println!("{}", quiz_core::release::manifest_json(&shipped));
    ExitCode::SUCCESS
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
