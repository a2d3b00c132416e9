//! The training app: the Leptos UI over the pure `quiz_core` crate.
//!
//! Reading order: [`storage`] (the only localStorage user),
//! [`course_files`] (the network for the site's own files), [`lrs`] (the
//! organisation's LRS, only when a deployment turns reporting on), [`scorm`]
//! (the only user of an LMS's SCORM API), then [`ui`]
//! (contexts, router, screens, widgets). Everything that decides (parsing,
//! checking, drawing, scoring, progress) lives in `quiz_core`.

pub mod course_files;
pub mod lrs;
pub mod scorm;
pub mod sheet_worker;
pub mod storage;
pub mod ui;

/// One shipped course as the build checked it: what the course list shows,
/// and where to fetch the question file when the course is opened.
#[derive(Debug)]
pub struct ShippedCourse {
    /// The file name under `courses/`, e.g. `digital-skills.toml`.
    pub file: &'static str,
    /// The file's [`quiz_core::SourceFile::digest`]: a fetched copy must match.
    pub digest: &'static str,
    /// The digest of the course's compiled form ([`quiz_core::compiled`]),
    /// `courses/<file stem>.course.json`, which learners' browsers read.
    pub compiled_digest: &'static str,
    /// The course id.
    pub id: &'static str,
    /// The course title.
    pub title: &'static str,
    /// The description, as markup.
    pub description: &'static str,
    /// Percent needed to pass.
    pub pass_mark: u8,
    /// How many days a pass stays valid (`None`: forever).
    pub pass_valid_days: Option<u32>,
    /// Questions per attempt.
    pub attempt_len: usize,
    /// Every question id of the pool.
    pub question_ids: &'static [&'static str],
    /// How many choices each question has, in the order of `question_ids`.
    pub choice_counts: &'static [usize],
}

impl ShippedCourse {
    /// The compiled form's file name under `courses/`.
    pub fn compiled_file(&self) -> String {
        quiz_core::compiled::file_name(self.file)
    }

    /// The summary the course list works with.
    pub fn summary(&self) -> quiz_core::CourseSummary {
        quiz_core::CourseSummary {
            id: self.id.to_owned(),
            title: self.title.to_owned(),
            description: quiz_core::Text::parse(self.description),
            pass_mark: self.pass_mark,
            pass_valid_days: self.pass_valid_days,
            attempt_len: self.attempt_len,
            question_ids: self.question_ids.iter().map(|&id| id.to_owned()).collect(),
            choice_counts: self.choice_counts.to_vec(),
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/courses.rs"));
