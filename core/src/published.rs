//! Courses a trainer publishes to everyone without a build: the deployed
//! site's `courses/published.json` lists them, and each listed file lies
//! beside it in `courses/`. The app's trainer screen writes both files —
//! never a person by hand — after checking the course with the same rules
//! as `quizcheck`; the app checks every listed file again before any
//! learner sees it, and a file that fails (or differs from the one the
//! trainer checked) is never shown: learners keep the last good version.
//!
//! ```json
//! { "format": "kenshu-published", "version": 1,
//!   "courses": [ { "id": "bousai", "title": "防災", "file": "bousai.toml",
//!                  "digest": "…", "published_on": "2026-12-01" } ] }
//! ```

use serde::{Deserialize, Serialize};

use crate::check::{SourceFile, check_trainer_file};
use crate::diagnostic::{Lang, Message, Problem};
use crate::item_check::ItemOptions;
use crate::model::{Course, CourseSummary};

/// Marks the file as this app's list of published courses.
pub const FORMAT: &str = "kenshu-published";

/// The list of published courses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedIndex {
    /// Always [`FORMAT`].
    pub format: String,
    /// Schema version, 1.
    pub version: u32,
    /// In listing order.
    pub courses: Vec<PublishedEntry>,
}

/// One published course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedEntry {
    /// The course id.
    pub id: String,
    /// The course title, for the trainer's list even when the file is
    /// missing.
    pub title: String,
    /// The file's name in `courses/`: `<id>.toml`.
    pub file: String,
    /// [`SourceFile::digest`] of the file the trainer checked: a file that
    /// differs is not the one that was checked, and is refused.
    pub digest: String,
    /// When it was published, `YYYY-MM-DD`.
    pub published_on: String,
}

/// Why a published list cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishedError {
    /// Not JSON of the right shape.
    Unreadable(String),
    /// JSON, but not this app's list.
    NotAList,
    /// An entry names a file outside `courses/` or not `<id>.toml`.
    BadFileName(String),
}

impl std::fmt::Display for PublishedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishedError::Unreadable(e) => write!(f, "published.json: {e}"),
            PublishedError::NotAList => write!(f, "published.json: format is not {FORMAT}"),
            PublishedError::BadFileName(name) => {
                write!(f, "published.json: {name:?} is not a course file name")
            }
        }
    }
}

/// True for `<id>.toml` where the id has only a-z, 0-9 and `-`: a name that
/// can never reach outside `courses/`.
pub fn is_course_file_name(name: &str, id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && name == format!("{id}.toml")
}

impl Default for PublishedIndex {
    fn default() -> Self {
        PublishedIndex::new()
    }
}

impl PublishedIndex {
    /// An empty list.
    pub fn new() -> PublishedIndex {
        PublishedIndex {
            format: FORMAT.into(),
            version: 1,
            courses: Vec::new(),
        }
    }

    /// Reads a list; every file name must be `<id>.toml`.
    pub fn parse(text: &str) -> Result<PublishedIndex, PublishedError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let index: PublishedIndex =
            serde_json::from_str(text).map_err(|e| PublishedError::Unreadable(e.to_string()))?;
        if index.format != FORMAT {
            return Err(PublishedError::NotAList);
        }
        if let Some(bad) = index
            .courses
            .iter()
            .find(|e| !is_course_file_name(&e.file, &e.id))
        {
            return Err(PublishedError::BadFileName(bad.file.clone()));
        }
        Ok(index)
    }

    /// The list with `course` (checked, from `file`) added, or replacing
    /// the entry of the same id in place.
    pub fn with_course(&self, file: &SourceFile, course: &Course, today: &str) -> PublishedIndex {
        let entry = PublishedEntry {
            id: course.id.clone(),
            title: course.title.clone(),
            file: format!("{}.toml", course.id),
            digest: file.digest(),
            published_on: today.to_owned(),
        };
        let mut next = self.clone();
        match next.courses.iter_mut().find(|e| e.id == entry.id) {
            Some(existing) => *existing = entry,
            None => next.courses.push(entry),
        }
        next
    }

    /// The list without the course `id`.
    pub fn without(&self, id: &str) -> PublishedIndex {
        let mut next = self.clone();
        next.courses.retain(|e| e.id != id);
        next
    }

    /// The list as the file to put into `courses/`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A published course that learners may see.
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    /// The file as checked.
    pub file: SourceFile,
    /// Its course.
    pub course: Course,
    /// True when the listed file failed and this is the last good version
    /// this browser kept.
    pub from_last_good: bool,
}

/// A listed course that learners do not see, and every reason why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    /// The listed id.
    pub id: String,
    /// The listed title.
    pub title: String,
    /// Every problem, as data: worded when shown ([`Refused::lines`]). A
    /// record from before problems were data (`lines`, words) reads as
    /// those words.
    #[serde(alias = "lines")]
    pub problems: Vec<Problem>,
}

impl Refused {
    /// Every problem as `file:line:column: message` where there is a line, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.problems.iter().map(|p| p.render(lang)).collect()
    }
}

/// Decides which published courses learners see: each listed file, in
/// order, must be the file the trainer checked (same digest) and pass the
/// same checks as `quizcheck` beside the shipped courses and the ones
/// accepted before it. A listed course whose file fails falls back to the
/// last good version this browser kept (`last_good`), if that still
/// passes; either way the failure is reported for the trainer screen.
/// `fetched` holds each entry's file, or why it could not be had.
pub fn accept(
    shipped: &[CourseSummary],
    fetched: &[(PublishedEntry, Result<SourceFile, String>)],
    last_good: &[SourceFile],
    options: &ItemOptions,
) -> (Vec<Accepted>, Vec<Refused>) {
    let mut summaries = shipped.to_vec();
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    for (entry, file) in fetched {
        let checked = match file {
            Ok(file) if file.digest() == entry.digest => {
                let check = check_trainer_file(&[], &summaries, file, options);
                match check.course {
                    Some(course) => Ok((file.clone(), course)),
                    None => Err(check.problems),
                }
            }
            // Not the file the trainer checked: said at its start.
            Ok(file) => Err(vec![Problem::At {
                file: file.name.clone(),
                line: 1,
                column: 1,
                message: Message::NotTheCheckedFile,
            }]),
            Err(why) => Err(vec![Problem::Said(why.clone())]),
        };
        let course = match checked {
            Ok((file, course)) => Some(Accepted {
                file,
                course,
                from_last_good: false,
            }),
            Err(problems) => {
                refused.push(Refused {
                    id: entry.id.clone(),
                    title: entry.title.clone(),
                    problems,
                });
                last_good
                    .iter()
                    .filter(|f| f.name == entry.file)
                    .find_map(|f| {
                        let check = check_trainer_file(&[], &summaries, f, options);
                        let course = check.course.filter(|c| c.id == entry.id)?;
                        Some(Accepted {
                            file: f.clone(),
                            course,
                            from_last_good: true,
                        })
                    })
            }
        };
        if let Some(a) = course {
            summaries.push(a.course.summary());
            accepted.push(a);
        }
    }
    (accepted, refused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_course;

    const TEMPLATE: &str = include_str!("../../quizzes/_template.toml");

    #[test]
    fn publishing_adds_replaces_and_removes_by_id() {
        let file = SourceFile::new("mine.toml", TEMPLATE);
        let course = parse_course(TEMPLATE, false).course.expect("valid");
        let one = PublishedIndex::new().with_course(&file, &course, "2026-12-01");
        assert_eq!(one.courses.len(), 1);
        assert_eq!(one.courses[0].file, "template-course.toml");
        assert_eq!(one.courses[0].digest, file.digest());
        let edited = SourceFile::new("mine.toml", format!("{TEMPLATE}\n# edited"));
        let again = one.with_course(&edited, &course, "2026-12-02");
        assert_eq!(again.courses.len(), 1, "replaced, not added");
        assert_eq!(again.courses[0].published_on, "2026-12-02");
        assert_eq!(PublishedIndex::parse(&again.to_json()), Ok(again.clone()));
        assert!(again.without("template-course").courses.is_empty());
    }

    fn options() -> ItemOptions {
        ItemOptions::new(crate::date::Date::parse("2026-12-01").expect("a date"))
    }

    #[test]
    fn learners_see_only_checked_files_and_keep_the_last_good_version() {
        let good = SourceFile::new("template-course.toml", TEMPLATE);
        let course = parse_course(TEMPLATE, false).course.expect("valid");
        let index = PublishedIndex::new().with_course(&good, &course, "2026-12-01");
        let entry = index.courses[0].clone();
        // The checked file: accepted.
        let (ok, refused) = accept(&[], &[(entry.clone(), Ok(good.clone()))], &[], &options());
        assert_eq!((ok.len(), refused.len()), (1, 0));
        assert!(!ok[0].from_last_good);
        // Another file under the same name: refused, the last good kept.
        let broken = SourceFile::new("template-course.toml", "id = ");
        let (ok, refused) = accept(
            &[],
            &[(entry.clone(), Ok(broken))],
            std::slice::from_ref(&good),
            &options(),
        );
        assert_eq!(ok.len(), 1);
        assert!(ok[0].from_last_good);
        assert!(
            refused[0].lines(Lang::En)[0].contains("not the file"),
            "{refused:?}"
        );
        // A file that could not be fetched, and nothing kept: nothing shown.
        let (ok, refused) = accept(&[], &[(entry, Err("HTTP 404".into()))], &[], &options());
        assert!(ok.is_empty());
        assert_eq!(refused[0].lines(Lang::Ja), ["HTTP 404"]);
        // A file whose ids a shipped course already uses is refused.
        let shipped = course.summary();
        let listed = PublishedIndex::new().with_course(&good, &course, "2026-12-01");
        let (ok, refused) = accept(
            &[shipped],
            &[(listed.courses[0].clone(), Ok(good))],
            &[],
            &options(),
        );
        assert!(ok.is_empty());
        assert!(refused[0].lines(Lang::En)[0].contains("already used by the shipped course"));
        assert!(refused[0].lines(Lang::Ja)[0].contains("配布済みのコース"));
    }

    #[test]
    fn a_refusal_kept_in_words_reads_back_as_those_words() {
        let old: Refused = serde_json::from_str(
            r#"{"id": "x", "title": "t", "lines": ["x.toml:1:1: 必須のキー「id」がありません"]}"#,
        )
        .expect("an old record reads");
        assert_eq!(
            old.lines(Lang::En),
            ["x.toml:1:1: 必須のキー「id」がありません"]
        );
        let new = Refused {
            problems: vec![Problem::At {
                file: "x.toml".into(),
                line: 1,
                column: 1,
                message: Message::NotTheCheckedFile,
            }],
            ..old
        };
        let back: Refused = serde_json::from_str(&serde_json::to_string(&new).unwrap()).unwrap();
        assert_eq!(back, new);
        assert!(back.lines(Lang::En)[0].starts_with("x.toml:1:1: "));
    }

    #[test]
    fn a_list_naming_a_file_outside_courses_is_refused() {
        let mut index = PublishedIndex::new();
        index.courses.push(PublishedEntry {
            id: "x".into(),
            title: "x".into(),
            file: "../index.html".into(),
            digest: String::new(),
            published_on: String::new(),
        });
        assert_eq!(
            PublishedIndex::parse(&index.to_json()),
            Err(PublishedError::BadFileName("../index.html".into()))
        );
        assert!(matches!(
            PublishedIndex::parse("{\"format\":\"other\",\"version\":1,\"courses\":[]}"),
            Err(PublishedError::NotAList)
        ));
        assert!(matches!(
            PublishedIndex::parse("<html>"),
            Err(PublishedError::Unreadable(_))
        ));
        assert!(!is_course_file_name("A.toml", "A"));
        assert!(is_course_file_name("bousai-1.toml", "bousai-1"));
    }
}
