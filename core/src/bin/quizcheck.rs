//! `quizcheck`: checks question files and prints every problem as
//! `file:line:column: message`. Exit 0 when all are valid, 1 when any is
//! not, 2 on a usage error (no such path, unreadable file, bad flag).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quiz_core::{Lang, SourceFile, check_files};

const USAGE: &str = "usage: quizcheck [--lang ja|en] <file.toml or folder>...";

fn main() -> ExitCode {
    let mut lang = Lang::Ja;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
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
