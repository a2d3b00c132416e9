//! Checking a set of question files together: each file's own rules, then
//! the cross-file registry of course and question ids, then (when asked,
//! with [`check_files_with`]) the item-writing warnings of
//! [`crate::item_check`] for every file without errors.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Lang, Message, Problem};
use crate::item_check::{self, ItemOptions};
use crate::model::{Course, CourseSummary};
use crate::parse::parse_course;
use crate::source::LineIndex;

/// One question file as read from disk or from the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The name printed before `:line:column`, e.g. `quizzes/harassment.toml`.
    pub name: String,
    /// The whole file.
    pub text: String,
}

impl SourceFile {
    /// A file from its name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// True for templates (a name starting with `_`): checked, never listed.
    pub fn is_template(&self) -> bool {
        self.base_name().starts_with('_')
    }

    /// The name without its folders, e.g. `harassment.toml`.
    pub fn base_name(&self) -> &str {
        self.name.rsplit(['/', '\\']).next().unwrap_or(&self.name)
    }

    /// A short fingerprint of the text (64-bit FNV-1a, in hex). The app
    /// compares a fetched file with the one checked at build time, so a
    /// cached copy from another release is never mixed in.
    pub fn digest(&self) -> String {
        let hash = self
            .text
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
        format!("{hash:016x}")
    }
}

/// The outcome of checking files together.
#[derive(Debug, Default)]
pub struct Report {
    /// Valid, listed courses (templates left out), in listing order.
    pub courses: Vec<Course>,
    /// Errors per file index, each list sorted by position.
    pub problems: Vec<(usize, Vec<Diagnostic>)>,
    /// Warnings per file index, each list sorted by position; only from
    /// [`check_files_with`], and only for files without errors. The
    /// wording-cue advice ([`crate::Severity::Advice`]) is among them; the
    /// CLI prints it in a section of its own and `--strict` ignores it.
    pub warnings: Vec<(usize, Vec<Diagnostic>)>,
}

impl Report {
    /// True when no file has an error; warnings do not count.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Every error and warning as `file:line:column: message` (a warning
    /// with `警告:`/`warning:` and its rule code), file by file, in
    /// position order within a file.
    pub fn render(&self, files: &[SourceFile], lang: Lang) -> Vec<String> {
        let problems = self.problems_in(files);
        problems.iter().map(|p| p.render(lang)).collect()
    }

    /// Every error and warning as data, in the order of [`Report::render`].
    pub fn problems_in(&self, files: &[SourceFile]) -> Vec<Problem> {
        let mut all: Vec<(usize, &Diagnostic)> = self
            .problems
            .iter()
            .chain(&self.warnings)
            .flat_map(|(i, diags)| diags.iter().map(move |d| (*i, d)))
            .collect();
        // Stable: at one position an error stays before a warning.
        all.sort_by_key(|(i, d)| (*i, d.span.start, d.span.end));
        let mut problems = Vec::new();
        let mut index: Option<(usize, LineIndex)> = None;
        for (i, d) in all {
            let Some(file) = files.get(i) else { continue };
            let line_index = match &index {
                Some((at, li)) if *at == i => li,
                _ => &index.insert((i, LineIndex::new(&file.text))).1,
            };
            problems.push(Problem::at(&file.name, &file.text, line_index, d));
        }
        problems
    }

    /// How many errors in all.
    pub fn problem_count(&self) -> usize {
        self.problems.iter().map(|(_, d)| d.len()).sum()
    }

    /// How many warnings in all.
    pub fn warning_count(&self) -> usize {
        self.warnings.iter().map(|(_, d)| d.len()).sum()
    }

    /// The warnings of the file at `index` (empty when it has none).
    pub fn warnings_for(&self, index: usize) -> &[Diagnostic] {
        self.warnings
            .iter()
            .find(|(i, _)| *i == index)
            .map_or(&[], |(_, d)| d.as_slice())
    }
}

/// Checks every file and the ids across them, errors only: the build and
/// anything that must not depend on the date use this. Duplicates are
/// reported at the later use, pointing at the first.
pub fn check_files(files: &[SourceFile]) -> Report {
    check(files, None)
}

/// Like [`check_files`], and adds the item-writing warnings
/// ([`crate::item_check`]) of every file without errors, `stale` judged
/// on `options.today`.
pub fn check_files_with(files: &[SourceFile], options: &ItemOptions) -> Report {
    check(files, Some(options))
}

/// A trainer's file as the app's preview checked it.
#[derive(Debug)]
pub struct FileCheck {
    /// The course, when the file has no error.
    pub course: Option<Course>,
    /// Every error and warning of the file, as data ([`FileCheck::lines`]
    /// puts them into words).
    pub problems: Vec<Problem>,
    /// How many of `problems` are errors.
    pub errors: usize,
}

impl FileCheck {
    /// Every problem as `file:line:column: message`, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.problems.iter().map(|p| p.render(lang)).collect()
    }
}

/// Checks a trainer's file with the same rules as `quizcheck` (warnings
/// included), beside the shipped files when they could be fetched (a
/// clashing id is then reported at its line), and always beside the ids in
/// the shipped courses' index (`shipped`), so a kept file is refused once
/// a release takes one of its ids. A template can be checked but never
/// listed.
pub fn check_trainer_file(
    shipped_files: &[SourceFile],
    shipped: &[CourseSummary],
    file: &SourceFile,
    options: &ItemOptions,
) -> FileCheck {
    let mut files = shipped_files.to_vec();
    files.push(file.clone());
    let index = shipped_files.len();
    let report = check_files_with(&files, options);
    let mut errors: Vec<Diagnostic> = report
        .problems
        .iter()
        .filter(|(i, _)| *i == index)
        .flat_map(|(_, d)| d.iter().cloned())
        .collect();
    let parsed = parse_course(&file.text, false);
    let id_span = parsed.course_id.map_or(0..0, |(_, span)| span);
    if file.is_template() {
        errors.push(Diagnostic {
            span: 0..0,
            message: Message::TemplateNotListed,
        });
    }
    let course = parsed.course.filter(|_| errors.is_empty());
    if let Some(course) = &course {
        let clash = shipped.iter().find(|s| {
            s.id == course.id
                || course
                    .questions
                    .iter()
                    .any(|q| s.question_ids.contains(&q.id))
        });
        if let Some(s) = clash {
            errors.push(Diagnostic {
                span: id_span,
                message: Message::ClashesWithShipped {
                    id: s.id.clone(),
                    title: s.title.clone(),
                },
            });
        }
    }
    let warnings = report.warnings_for(index).to_vec();
    let count = errors.len();
    let only_this = Report {
        courses: Vec::new(),
        problems: vec![(index, errors)],
        warnings: vec![(index, warnings)],
    };
    FileCheck {
        course: course.filter(|_| count == 0),
        problems: only_this.problems_in(&files),
        errors: count,
    }
}

/// The shipped course `file` revises, when its course id is a shipped
/// course's: a trainer's new version of that course (edited in Excel or the
/// form), published to replace it for learners on the site.
pub fn revised_course<'a>(
    shipped: &'a [CourseSummary],
    file: &SourceFile,
) -> Option<&'a CourseSummary> {
    let (id, _) = parse_course(&file.text, false).course_id?;
    shipped.iter().find(|s| s.id == id)
}

/// Checks a trainer's revision of the shipped course `revised` as
/// [`check_trainer_file`] checks a new course, but beside the *other*
/// shipped courses only: the revision keeps the course id, and its
/// questions may keep the course's question ids, so learners' progress on
/// an edited question stays attached to it.
pub fn check_revision(
    shipped_files: &[SourceFile],
    shipped: &[CourseSummary],
    revised: &str,
    file: &SourceFile,
    options: &ItemOptions,
) -> FileCheck {
    let other_files: Vec<SourceFile> = shipped_files
        .iter()
        .filter(|f| {
            parse_course(&f.text, false)
                .course_id
                .is_none_or(|(id, _)| id != revised)
        })
        .cloned()
        .collect();
    let others: Vec<CourseSummary> = shipped
        .iter()
        .filter(|s| s.id != revised)
        .cloned()
        .collect();
    check_trainer_file(&other_files, &others, file, options)
}

fn check(files: &[SourceFile], items: Option<&ItemOptions>) -> Report {
    let mut courses = Vec::new();
    let mut problems: Vec<Vec<Diagnostic>> = Vec::new();
    let mut warnings: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
    let mut course_ids: HashMap<String, (usize, Range<usize>)> = HashMap::new();
    let mut question_ids: HashMap<String, (usize, Range<usize>)> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        let parsed = parse_course(&file.text, file.is_template());
        let mut diags = parsed.diagnostics;
        let id_span = parsed.course_id.as_ref().map(|(_, span)| span.clone());
        if let Some((id, span)) = parsed.course_id
            && !file.is_template()
        {
            if let Some((first_file, first_span)) = course_ids.get(&id) {
                let first = location(files, *first_file, first_span);
                diags.push(Diagnostic {
                    span,
                    message: Message::DuplicateCourseId { id, first },
                });
            } else {
                course_ids.insert(id, (i, span));
            }
        }
        for (id, span) in parsed.question_ids {
            if let Some((first_file, first_span)) = question_ids.get(&id) {
                let first = location(files, *first_file, first_span);
                diags.push(Diagnostic {
                    span,
                    message: Message::DuplicateQuestionId { id, first },
                });
            } else {
                question_ids.insert(id, (i, span));
            }
        }
        diags.sort_by_key(|d| (d.span.start, d.span.end));
        if diags.is_empty()
            && let Some(options) = items
            && let Some(course) = &parsed.course
            && let Some(id_span) = &id_span
        {
            let sources = &parsed.question_sources;
            let found = item_check::check_course(course, id_span, sources, options);
            if !found.is_empty() {
                warnings.push((i, found));
            }
        }
        if diags.is_empty()
            && let Some(course) = parsed.course
            && !course.hidden
        {
            courses.push(course);
        }
        problems.push(diags);
    }
    courses.sort_by(|a, b| {
        let key = |c: &Course| (c.order.is_none(), c.order, c.id.clone());
        key(a).cmp(&key(b))
    });
    let problems = problems
        .into_iter()
        .enumerate()
        .filter(|(_, d)| !d.is_empty())
        .collect();
    Report {
        courses,
        problems,
        warnings,
    }
}

fn location(files: &[SourceFile], file: usize, span: &Range<usize>) -> String {
    let Some(f) = files.get(file) else {
        return String::new();
    };
    let (line, column) = LineIndex::new(&f.text).position(&f.text, span.start);
    format!("{}:{line}:{column}", f.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    const COURSE: &str = include_str!("../../quizzes/_template.toml");

    fn options() -> ItemOptions {
        ItemOptions::new(Date::parse("2026-12-01").expect("a date"))
    }

    #[test]
    fn a_trainers_file_is_checked_beside_the_shipped_ones() {
        let mine = SourceFile::new("mine.toml", COURSE);
        let checked = check_trainer_file(&[], &[], &mine, &options());
        assert_eq!(checked.errors, 0, "{:?}", checked.problems);
        assert!(checked.course.is_some());

        let template = SourceFile::new("_mine.toml", COURSE);
        let checked = check_trainer_file(&[], &[], &template, &options());
        assert_eq!((checked.errors, checked.course.is_none()), (1, true));
        assert!(checked.lines(Lang::En)[0].starts_with("_mine.toml:1:1: a template"));

        // Beside the index alone (the shipped files could not be fetched).
        let shipped = check_files(std::slice::from_ref(&mine)).courses[0].summary();
        let again = SourceFile::new("again.toml", COURSE);
        let checked = check_trainer_file(&[], &[shipped], &again, &options());
        assert_eq!(checked.errors, 1);
        assert!(checked.lines(Lang::Ja)[0].contains("配布済みのコース「コース名」"));

        // Beside the files: the clash is named at its line.
        let checked = check_trainer_file(&[mine], &[], &again, &options());
        assert!(checked.errors >= 1);
        assert!(checked.lines(Lang::En)[0].starts_with("again.toml:"));
    }

    #[test]
    fn problems_are_kept_as_data_and_put_into_words_when_shown() {
        // A file with an error and one with warnings: each problem survives
        // being stored as JSON, and is worded in the language asked for then.
        let broken = SourceFile::new("broken.toml", "title = \"x\"\n");
        let mut warned = COURSE.replace("checked = ", "# checked = ");
        warned.push('\n');
        let warned = SourceFile::new("warned.toml", warned);
        for file in [broken, warned] {
            let checked = check_trainer_file(&[], &[], &file, &options());
            assert!(!checked.problems.is_empty(), "{}", file.name);
            let json = serde_json::to_string(&checked.problems).expect("serializes");
            let back: Vec<Problem> = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, checked.problems, "{json}");
            let (ja, en) = (checked.lines(Lang::Ja), checked.lines(Lang::En));
            let japanese =
                |line: &String| line.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}'));
            assert!(ja.iter().all(japanese), "{ja:?}");
            assert!(!en.iter().any(japanese), "{en:?}");
            assert!(
                json.contains(r#""rule":"#) && json.contains(r#""args":"#),
                "{json}"
            );
        }
        // A problem stored as words (a record from before problems were data,
        // or a fetch that failed) reads back and is shown as it was.
        let old: Vec<Problem> =
            serde_json::from_str(r#"["a.toml:1:1: 必須のキー「id」がありません", "HTTP 404"]"#)
                .expect("reads");
        assert_eq!(
            old[0].render(Lang::En),
            "a.toml:1:1: 必須のキー「id」がありません"
        );
        assert_eq!(old[1], Problem::Said("HTTP 404".into()));
    }
}
