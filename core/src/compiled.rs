//! The compiled form of a shipped course: the checked [`Course`] as JSON,
//! written by the app's build next to the question file.
//!
//! A learner's browser reads this instead of the TOML file, so opening a
//! course needs neither the TOML reader nor the checks (the build ran them),
//! only a small deserializer: on a slow line that is less code to fetch and
//! less work before the first question. The trainer's tools and courses that
//! were never checked by a build (published, local) still read TOML.
//!
//! The JSON carries a format name and version; anything else (another
//! release's file, a file cut short) is refused, never half read.

use serde::{Deserialize, Serialize};

use crate::model::Course;

/// The format's name in every compiled file.
const FORMAT: &str = "kenshu-course";
/// Changes whenever the model's serialized shape does.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Written<'a> {
    format: &'a str,
    version: u32,
    course: &'a Course,
}

#[derive(Deserialize)]
struct Read {
    format: String,
    version: u32,
    course: Course,
}

/// The compiled form's file name beside its question file:
/// `digital-skills.toml` → `digital-skills.course.json`.
pub fn file_name(question_file: &str) -> String {
    let stem = question_file.strip_suffix(".toml").unwrap_or(question_file);
    format!("{stem}.course.json")
}

/// The compiled file of a checked course.
pub fn to_json(course: &Course) -> String {
    let written = Written {
        format: FORMAT,
        version: VERSION,
        course,
    };
    // A course is plain data (strings, numbers, vectors): it always serializes.
    serde_json::to_string(&written).unwrap_or_default()
}

/// The course of a compiled file, or `None` when the text is not a compiled
/// course of this format version.
pub fn from_json(text: &str) -> Option<Course> {
    let read: Read = serde_json::from_str(text).ok()?;
    (read.format == FORMAT && read.version == VERSION).then_some(read.course)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SourceFile, check_files};

    fn shipped() -> Vec<Course> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../quizzes");
        let mut files: Vec<SourceFile> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| {
                SourceFile::new(
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let report = check_files(&files);
        assert!(report.is_clean());
        report.courses
    }

    #[test]
    fn every_shipped_course_reads_back_exactly() {
        let courses = shipped();
        assert!(courses.len() >= 3);
        for course in courses {
            let json = to_json(&course);
            assert_eq!(from_json(&json).as_ref(), Some(&course), "{}", course.id);
        }
    }

    #[test]
    fn another_version_a_cut_file_or_a_false_date_is_refused() {
        let course = shipped().remove(0);
        let json = to_json(&course);
        assert!(from_json(&json.replace("\"version\":1", "\"version\":2")).is_none());
        assert!(from_json(&json.replace("kenshu-course", "kenshu-published")).is_none());
        assert!(from_json(&json[..json.floor_char_boundary(json.len() / 2)]).is_none());
        assert!(from_json("").is_none());
        let dated =
            serde_json::to_string(&Some(crate::Date::parse("2026-10-01").unwrap())).unwrap();
        assert_eq!(dated, "\"2026-10-01\"");
        assert!(serde_json::from_str::<crate::Date>("\"2026-02-30\"").is_err());
    }
}
