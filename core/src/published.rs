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
//!
//! A published course may also be a trainer's **revision of a shipped
//! course**: the same course id, edited in Excel or the form. Its entry
//! names the shipped file it was made from (`revises`, that file's digest)
//! and its file is `<id>.revised.toml`, so it never overwrites the shipped
//! file beside it. Learners on the site then see the revision in the
//! shipped course's place, with their progress on kept question ids. A
//! completion earned before stays what it was, a full attempt at the pass
//! mark of the version then shipped; a course that must be taken again
//! after a revision says so with `pass_valid_days`. When a later release
//! changes the shipped course, the revision was made from another version:
//! it is refused (the trainer screen says why) and learners see the
//! release's version, so a revision never hides a newer release.

use serde::{Deserialize, Serialize};

use crate::check::{SourceFile, check_trainer_file};
use crate::diagnostic::{Lang, Message, Problem};
use crate::item_check::ItemOptions;
use crate::model::{Course, CourseSummary, is_usable_id};

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
    /// For a revision of a shipped course: the digest of the shipped file
    /// it was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revises: Option<String>,
}

impl PublishedEntry {
    /// The file name an entry must have: `<id>.toml`, or for a revision of
    /// a shipped course `<id>.revised.toml` (the shipped `<id>.toml` stays).
    pub fn expected_file(id: &str, revision: bool) -> String {
        if revision {
            format!("{id}.revised.toml")
        } else {
            format!("{id}.toml")
        }
    }
}

/// Why a published list cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishedError {
    /// Not JSON of the right shape.
    Unreadable(String),
    /// JSON, but not this app's list.
    NotAList,
    /// An entry names a file outside `courses/` or not `<id>.toml`
    /// (`<id>.revised.toml` for a revision).
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
    is_usable_id(id) && name == PublishedEntry::expected_file(id, false)
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
        if let Some(bad) = index.courses.iter().find(|e| {
            !is_usable_id(&e.id)
                || e.file != PublishedEntry::expected_file(&e.id, e.revises.is_some())
        }) {
            return Err(PublishedError::BadFileName(bad.file.clone()));
        }
        Ok(index)
    }

    /// The list with `course` (checked, from `file`) added, or replacing
    /// the entry of the same id in place. `revises`: for a revision of a
    /// shipped course, the digest of the shipped file it was made from.
    pub fn with_course(
        &self,
        file: &SourceFile,
        course: &Course,
        today: &str,
        revises: Option<String>,
    ) -> PublishedIndex {
        let entry = PublishedEntry {
            id: course.id.clone(),
            title: course.title.clone(),
            file: PublishedEntry::expected_file(&course.id, revises.is_some()),
            digest: file.digest(),
            published_on: today.to_owned(),
            revises,
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
    /// True for a revision of a shipped course: learners see it in that
    /// course's place.
    pub revision: bool,
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
/// accepted before it. A revision of a shipped course must have been made
/// from the shipped file this release has (`shipped_digests`: each shipped
/// course's id and file digest) and is checked beside the other shipped
/// courses. A listed course whose file fails falls back to the last good
/// version this browser kept (`last_good`), if that still passes; either
/// way the failure is reported for the trainer screen. `fetched` holds
/// each entry's file, or why it could not be had.
pub fn accept(
    shipped: &[CourseSummary],
    shipped_digests: &[(String, String)],
    fetched: &[(PublishedEntry, Result<SourceFile, String>)],
    last_good: &[SourceFile],
    options: &ItemOptions,
) -> (Vec<Accepted>, Vec<Refused>) {
    let mut summaries = shipped.to_vec();
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    for (entry, file) in fetched {
        // What a file of this entry is checked beside: a revision takes the
        // place of the course it revises.
        let beside: Result<Vec<CourseSummary>, Message> = match &entry.revises {
            None => Ok(summaries.clone()),
            Some(made_from) => match shipped.iter().find(|s| s.id == entry.id) {
                None => Err(Message::RevisedCourseGone {
                    id: entry.id.clone(),
                }),
                Some(s)
                    if !shipped_digests
                        .iter()
                        .any(|(id, d)| *id == s.id && d == made_from) =>
                {
                    Err(Message::RevisionOfAnotherVersion {
                        id: s.id.clone(),
                        title: s.title.clone(),
                    })
                }
                Some(_) => Ok(summaries
                    .iter()
                    .filter(|s| s.id != entry.id)
                    .cloned()
                    .collect()),
            },
        };
        let beside = match beside {
            Ok(beside) => beside,
            // No file of this entry can be shown: the last good one neither.
            Err(message) => {
                refused.push(Refused {
                    id: entry.id.clone(),
                    title: entry.title.clone(),
                    problems: vec![Problem::At {
                        file: entry.file.clone(),
                        line: 1,
                        column: 1,
                        message,
                    }],
                });
                continue;
            }
        };
        let check = |file: &SourceFile| {
            let check = check_trainer_file(&[], &beside, file, options);
            match check.course {
                Some(course) if course.id == entry.id => Ok(course),
                Some(_) => Err(vec![Problem::At {
                    file: file.name.clone(),
                    line: 1,
                    column: 1,
                    message: Message::NotTheCheckedFile,
                }]),
                None => Err(check.problems),
            }
        };
        let checked = match file {
            Ok(file) if file.digest() == entry.digest => check(file).map(|c| (file.clone(), c)),
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
                revision: entry.revises.is_some(),
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
                        Some(Accepted {
                            file: f.clone(),
                            course: check(f).ok()?,
                            from_last_good: true,
                            revision: entry.revises.is_some(),
                        })
                    })
            }
        };
        if let Some(a) = course {
            // Later entries are checked beside it (a revision in the place
            // of the course it revises).
            summaries.retain(|s| s.id != a.course.id);
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
        let one = PublishedIndex::new().with_course(&file, &course, "2026-12-01", None);
        assert_eq!(one.courses.len(), 1);
        assert_eq!(one.courses[0].file, "template-course.toml");
        assert_eq!(one.courses[0].digest, file.digest());
        let edited = SourceFile::new("mine.toml", format!("{TEMPLATE}\n# edited"));
        let again = one.with_course(&edited, &course, "2026-12-02", None);
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
        let index = PublishedIndex::new().with_course(&good, &course, "2026-12-01", None);
        let entry = index.courses[0].clone();
        // The checked file: accepted.
        let (ok, refused) = accept(
            &[],
            &[],
            &[(entry.clone(), Ok(good.clone()))],
            &[],
            &options(),
        );
        assert_eq!((ok.len(), refused.len()), (1, 0));
        assert!(!ok[0].from_last_good);
        // Another file under the same name: refused, the last good kept.
        let broken = SourceFile::new("template-course.toml", "id = ");
        let (ok, refused) = accept(
            &[],
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
        let (ok, refused) = accept(
            &[],
            &[],
            &[(entry, Err("HTTP 404".into()))],
            &[],
            &options(),
        );
        assert!(ok.is_empty());
        assert_eq!(refused[0].lines(Lang::Ja), ["HTTP 404"]);
        // A file whose ids a shipped course already uses is refused.
        let shipped = course.summary();
        let listed = PublishedIndex::new().with_course(&good, &course, "2026-12-01", None);
        let (ok, refused) = accept(
            &[shipped],
            &[],
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
            revises: None,
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

    #[test]
    fn a_revision_of_a_shipped_course_takes_its_place_until_a_release_changes_that_course() {
        let shipped_file = SourceFile::new("template-course.toml", TEMPLATE);
        let shipped = parse_course(TEMPLATE, false).course.expect("valid");
        let digests = vec![(shipped.id.clone(), shipped_file.digest())];
        // The trainer's revision: the same ids, a changed title.
        let text = TEMPLATE.replacen(
            &format!("title = \"{}\"", shipped.title),
            "title = \"改訂版\"",
            1,
        );
        assert_ne!(text, TEMPLATE, "the template's title line was found");
        let revision = SourceFile::new("template-course.revised.toml", text.as_str());
        let course = parse_course(&text, false).course.expect("valid");
        let index = PublishedIndex::new().with_course(
            &revision,
            &course,
            "2026-12-06",
            Some(shipped_file.digest()),
        );
        let entry = index.courses[0].clone();
        assert_eq!(
            entry.file, "template-course.revised.toml",
            "never the shipped file's name"
        );
        assert_eq!(PublishedIndex::parse(&index.to_json()), Ok(index.clone()));
        // Made from the shipped file this release has: in its place.
        let (ok, refused) = accept(
            &[shipped.summary()],
            &digests,
            &[(entry.clone(), Ok(revision.clone()))],
            &[],
            &options(),
        );
        assert!(refused.is_empty(), "{refused:?}");
        assert_eq!(ok.len(), 1);
        assert!(ok[0].revision);
        assert_eq!(ok[0].course.title, "改訂版");
        // A later release changed the shipped course: the revision, and its
        // last good copy, give way to the release's version, and the
        // trainer is told why.
        let newer = vec![(shipped.id.clone(), "another".to_owned())];
        let (ok, refused) = accept(
            &[shipped.summary()],
            &newer,
            &[(entry.clone(), Ok(revision.clone()))],
            std::slice::from_ref(&revision),
            &options(),
        );
        assert!(ok.is_empty());
        assert!(refused[0].lines(Lang::En)[0].contains("earlier version of the shipped course"));
        assert!(refused[0].lines(Lang::Ja)[0].contains("以前の版"));
        // A release without that course: refused.
        let (ok, refused) = accept(
            &[],
            &[],
            &[(entry.clone(), Ok(revision.clone()))],
            &[],
            &options(),
        );
        assert!(ok.is_empty());
        assert!(refused[0].lines(Lang::En)[0].contains("no longer ships"));
        // The same file listed as a new course (no `revises`) still clashes.
        let plain = PublishedIndex::new().with_course(&revision, &course, "2026-12-06", None);
        let (ok, refused) = accept(
            &[shipped.summary()],
            &digests,
            &[(plain.courses[0].clone(), Ok(revision))],
            &[],
            &options(),
        );
        assert!(ok.is_empty());
        assert!(refused[0].lines(Lang::En)[0].contains("already used by the shipped course"));
    }

    #[test]
    fn a_revision_keeps_the_shipped_ids_but_not_another_courses() {
        let shipped = parse_course(TEMPLATE, false).course.expect("valid");
        let file = SourceFile::new("template-course.revised.toml", TEMPLATE);
        let summaries = [shipped.summary()];
        assert_eq!(
            crate::check::revised_course(&summaries, &file).map(|s| s.id.as_str()),
            Some(shipped.id.as_str())
        );
        let checked = crate::check::check_revision(&[], &summaries, &shipped.id, &file, &options());
        assert!(checked.course.is_some(), "{:?}", checked.problems);
        // Another shipped course using one of its question ids: refused.
        let mut other = shipped.summary();
        other.id = "other".into();
        let checked = crate::check::check_revision(
            &[],
            &[shipped.summary(), other],
            &shipped.id,
            &file,
            &options(),
        );
        assert!(checked.course.is_none());
        assert_eq!(checked.errors, 1);
    }

    #[test]
    fn a_list_naming_a_revision_under_the_shipped_files_name_is_refused() {
        let mut index = PublishedIndex::new();
        index.courses.push(PublishedEntry {
            id: "x".into(),
            title: "x".into(),
            file: "x.toml".into(),
            digest: String::new(),
            published_on: String::new(),
            revises: Some("d".into()),
        });
        assert_eq!(
            PublishedIndex::parse(&index.to_json()),
            Err(PublishedError::BadFileName("x.toml".into()))
        );
        index.courses[0].file = "x.revised.toml".into();
        assert!(PublishedIndex::parse(&index.to_json()).is_ok());
    }
}
