//! Checks every question file in `quizzes/` with the same rules as
//! `quizcheck`. A broken file stops the build with
//! `file:line:column: message`, so a broken course can never ship, and
//! `trunk serve` shows the same words. Embeds only an index of the courses
//! (see `ShippedCourse`); the app fetches a course when it is opened.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quiz_core::{Lang, SourceFile, check_files};

fn main() {
    split_release_wasm();
    // KENSHU_QUIZZES picks another folder (the single-file build of a
    // different course set); the default is the shipped quizzes/.
    println!("cargo:rerun-if-env-changed=KENSHU_QUIZZES");
    let folder = std::env::var("KENSHU_QUIZZES").unwrap_or_else(|_| "quizzes".into());
    let dir = Path::new(&folder);
    println!("cargo:rerun-if-changed={folder}");
    // A missing folder is an error, never an app with no courses.
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => fail(&[format!(
            "{folder}: the folder of question files cannot be read: {e}"
        )]),
    };
    paths.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    paths.sort();
    let mut files = Vec::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        match std::fs::read_to_string(path) {
            Ok(text) => files.push(SourceFile::new(path.display().to_string(), text)),
            Err(e) => fail(&[format!("{}: {e}", path.display())]),
        }
    }
    let report = check_files(&files);
    if !report.is_clean() {
        fail(&report.render(&files, Lang::Ja));
    }
    if report.courses.is_empty() {
        fail(&[format!(
            "{folder}: コースのファイル（.toml、名前が _ で始まらないもの）がありません / no course file"
        )]);
    }
    // Only an index of the shipped courses is compiled in: the question
    // files and their compiled forms (quiz_core::compiled) are put beside
    // the app by `quizcheck release` (run by scripts/post-build.mjs, from the
    // same quiz_core::release), fetched when a course is opened, so the first
    // load stays small.
    let mut code = String::from(
        "/// The shipped courses, in listing order.\npub static SHIPPED: &[ShippedCourse] = &[\n",
    );
    let shipped = quiz_core::release::shipped(&files, &report).unwrap_or_else(|e| fail(&[e]));
    for quiz_core::release::Shipped {
        file,
        course,
        compiled,
    } in &shipped
    {
        let summary = course.summary();
        let _ = writeln!(
            code,
            "    ShippedCourse {{ file: {:?}, digest: {:?}, compiled_digest: {:?}, id: {:?}, title: {:?}, description: {:?}, pass_mark: {}, pass_valid_days: {:?}, attempt_len: {}, question_ids: &{:?}, choice_counts: &{:?} }},",
            file.base_name(),
            file.digest(),
            compiled.digest(),
            summary.id,
            summary.title,
            summary.description.to_markup(),
            summary.pass_mark,
            summary.pass_valid_days,
            summary.attempt_len,
            summary.question_ids,
            summary.choice_counts,
        );
    }
    code.push_str("];\n");
    // A build id from the app version and the course texts: a single-file
    // build opened from file:// keeps its progress under it, apart from
    // every other build opened on the same machine.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    for byte in version.bytes().chain(
        files
            .iter()
            .flat_map(|f| f.name.bytes().chain(f.text.bytes())),
    ) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let _ = writeln!(
        code,
        "/// Identifies this build's app version and course set.\npub const BUILD_ID: &str = \"{:012x}\";",
        hash & 0xffff_ffff_ffff
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    if let Err(e) = std::fs::write(out.join("courses.rs"), code) {
        fail(&[format!("cannot write courses.rs: {e}")]);
    }
}

/// Release wasm builds put the screens a first visit does not need into
/// separate chunks (`cfg(kenshu_split)`; `scripts/post-build.mjs` splits the
/// wasm). Debug builds, the browser tests and the single-file build
/// (`KENSHU_SPLIT=0`) stay one module.
fn split_release_wasm() {
    println!("cargo::rustc-check-cfg=cfg(kenshu_split)");
    // The single-file page reads the question files it carries, never a
    // compiled form: that reader stays out of its one module.
    println!("cargo::rustc-check-cfg=cfg(kenshu_single)");
    println!("cargo:rerun-if-env-changed=KENSHU_SINGLE");
    if std::env::var("KENSHU_SINGLE").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=kenshu_single");
    }
    println!("cargo:rerun-if-env-changed=KENSHU_SPLIT");
    let wasm = std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"));
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    let wanted = std::env::var("KENSHU_SPLIT").map_or(true, |v| v != "0");
    if wasm && release && wanted {
        println!("cargo:rustc-cfg=kenshu_split");
        // wasm-split-cli needs the relocations; other builds would only
        // carry them as dead weight.
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
}

fn fail(lines: &[String]) -> ! {
    eprintln!("問題ファイルに誤りがあるためビルドを中止しました / a question file has problems:");
    for line in lines {
        eprintln!("{line}");
    }
    std::process::exit(1);
}
