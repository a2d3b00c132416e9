//! `quizcheck`: checks question files and prints every problem as
//! `file:line:column: message`. Exit 0 when all are valid, 1 when any is
//! not, 2 on a usage error (no such path, unreadable file, bad flag).
//!
//! With `--from-gift FILE` or `--from-aiken FILE` it converts a Moodle
//! export into this project's format (to `-o OUT`, or standard output),
//! reports every item it could not convert with its line, then checks the
//! result: exit 0 when it is ready for `quizzes/`, 1 when the reminders it
//! left (explanation, sources, policy) still need filling in.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quiz_core::{Lang, SourceFile, check_files, import};

const USAGE: &str = "usage: quizcheck [--lang ja|en] <file.toml or folder>...
       quizcheck [--lang ja|en] --from-gift|--from-aiken <file> [-o out.toml]";

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
    let mut args = std::env::args().skip(1);
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
    let report = check_files(&files);
    for line in report.render(&files, lang) {
        eprintln!("{line}");
    }
    let (checked, courses, problems) = (files.len(), report.courses.len(), report.problem_count());
    match lang {
        Lang::Ja => {
            eprintln!("{checked} ファイルを確認: コース {courses} 件、問題点 {problems} 件")
        }
        Lang::En => eprintln!("checked {checked} files: {courses} courses, {problems} problems"),
    }
    if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
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
        eprintln!("{name}:{}: {}", issue.line, issue.message);
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
