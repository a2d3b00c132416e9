//! What a release ships beside the app, decided once for the app's
//! `build.rs` (the course index compiled in) and for the build's scripts
//! (`quizcheck release`, which `scripts/post-build.mjs` and
//! `scripts/build-scorm.mjs` run): the course files in listing order with
//! their digests and compiled forms, the screens a deep link opens with
//! their split points and course files, the ids of the page's marker and
//! data blocks, and the course list of the page shown while the app loads.
//! The scripts hold no copy of these facts; they read the manifest
//! ([`manifest_json`]).

use serde::Serialize;

use crate::check::{Report, SourceFile};
use crate::model::Course;
use crate::parse::parse_course;
use crate::route::Route;
use crate::text::{Block, Inline, Text};

/// The manifest's format name, in every manifest.
const FORMAT: &str = "kenshu-build";
/// Changes whenever the manifest's shape does.
const VERSION: u32 = 1;

pub use crate::page_ids::*;

/// A shipped course: its question file, the checked course and its
/// compiled form (`quiz_core::compiled`).
#[derive(Debug)]
pub struct Shipped<'a> {
    /// The question file as read.
    pub file: &'a SourceFile,
    /// The checked course.
    pub course: &'a Course,
    /// The compiled form, named beside the question file.
    pub compiled: SourceFile,
}

/// The report's listed courses, in listing order, each with its file and
/// compiled form; `Err` names a course whose file is not among `files`.
pub fn shipped<'a>(
    files: &'a [SourceFile],
    report: &'a Report,
) -> Result<Vec<Shipped<'a>>, String> {
    let file_of: Vec<(String, &SourceFile)> = files
        .iter()
        .filter(|f| !f.is_template())
        .filter_map(|f| Some((parse_course(&f.text, false).course?.id, f)))
        .collect();
    report
        .courses
        .iter()
        .map(|course| {
            let (_, file) = file_of
                .iter()
                .find(|(id, _)| *id == course.id)
                .ok_or_else(|| format!("{}: the file of this course was not found", course.id))?;
            let compiled = SourceFile::new(
                crate::compiled::file_name(file.base_name()),
                crate::compiled::to_json(course),
            );
            Ok(Shipped {
                file,
                course,
                compiled,
            })
        })
        .collect()
}

/// Which course files a screen reads when it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reads {
    /// The course its address names.
    One,
    /// Every shipped course.
    All,
    /// None (the trainer's screen reads question files when asked).
    None,
}

/// A screen a deep link opens first: its address pattern, its split points
/// (what the loader fetches at once) and the course files it reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeepLink {
    /// The screen's name, as in its split point `<screen>_screen_view` and
    /// its pack `pack_<screen>-<hash>.bin`.
    pub screen: &'static str,
    /// The address's path segments; `:id` stands for a course id.
    pub path: Vec<String>,
    /// The split points it needs, each with its chunks.
    pub split_points: Vec<String>,
    /// The course files it reads.
    pub reads: Reads,
}

/// A route's screen name and the course files it reads; `None` for the
/// home screen (in the main module) and an unknown address.
fn screen_of(route: &Route) -> Option<(&'static str, Reads)> {
    match route {
        Route::Home | Route::NotFound(_) => None,
        // The trainer's form editor: its chunk is fetched when it opens,
        // no deep link from an email leads there.
        Route::Editor => None,
        Route::Course(_) => Some(("course", Reads::One)),
        Route::Attempt(_) => Some(("attempt", Reads::One)),
        Route::Results(_) => Some(("results", Reads::One)),
        Route::Certificate(_) => Some(("certificate", Reads::One)),
        Route::Review => Some(("review", Reads::All)),
        Route::Settings => Some(("settings", Reads::All)),
        Route::Trainer => Some(("trainer", Reads::None)),
    }
}

/// What a course id in an address looks like (as [`Route::parse`] takes
/// it), for a script that writes an address from outside the app (the
/// SCORM package's launch script).
pub const COURSE_ID_PATTERN: &str = "^[a-z0-9-]+$";

/// The split point that reads a compiled course, which every screen that
/// reads course files needs.
pub const READ_COMPILED: &str = "read_compiled";

/// Every screen a deep link can open, in the order of [`Route`].
pub fn deep_links() -> Vec<DeepLink> {
    let id = ":id".to_owned();
    [
        Route::Course(id.clone()),
        Route::Attempt(id.clone()),
        Route::Results(id.clone()),
        Route::Certificate(id),
        Route::Review,
        Route::Settings,
        Route::Trainer,
    ]
    .iter()
    .filter_map(|route| {
        let (screen, reads) = screen_of(route)?;
        let href = route.href();
        let path = href
            .trim_start_matches("#/")
            .split('/')
            .map(str::to_owned)
            .collect();
        let mut split_points = vec![format!("{screen}_screen_view")];
        if reads != Reads::None {
            split_points.push(READ_COMPILED.to_owned());
        }
        Some(DeepLink {
            screen,
            path,
            split_points,
            reads,
        })
    })
    .collect()
}

/// The shipped courses as HTML for the page shown while the app loads
/// (`#boot`, removed when it starts): titles as links, descriptions, the
/// home screen's card markup without its buttons, every text escaped.
pub fn boot_html<'a>(courses: impl IntoIterator<Item = &'a Course>) -> String {
    let cards: String = courses
        .into_iter()
        .map(|c| {
            format!(
                "<article class=\"card\"><h3 class=\"card__title\"><a href=\"{}\">{}</a></h3><div class=\"card__body\">{}</div></article>",
                escape(&Route::Course(c.id.clone()).href()),
                escape(&c.title),
                blocks_html(&c.description),
            )
        })
        .collect();
    format!(
        "<section aria-labelledby=\"boot-courses\"><h2 id=\"boot-courses\">コース一覧</h2><div class=\"card-grid\">{cards}</div></section>"
    )
}

/// Rich text as HTML elements, every text escaped.
fn blocks_html(text: &Text) -> String {
    let runs = |inlines: &[Inline]| -> String {
        inlines
            .iter()
            .map(|run| match run {
                Inline::Plain(s) => escape(s),
                Inline::Strong(s) => format!("<strong>{}</strong>", escape(s)),
            })
            .collect()
    };
    text.blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(inlines) => format!("<p>{}</p>", runs(inlines)),
            Block::List(items) => {
                let items: String = items
                    .iter()
                    .map(|i| format!("<li>{}</li>", runs(i)))
                    .collect();
                format!("<ul>{items}</ul>")
            }
        })
        .collect()
}

/// Text for HTML content or a quoted attribute: `& < > " '` as numeric references.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '<' | '>' | '"' | '\'' => out.push_str(&format!("&#{};", u32::from(c))),
            _ => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
struct Manifest<'a> {
    format: &'a str,
    version: u32,
    courses: Vec<CourseEntry<'a>>,
    deep_links: Vec<DeepLink>,
    course_id_pattern: &'a str,
    ids: Ids,
    boot_html: String,
    empty_published_list: String,
}

#[derive(Serialize)]
struct CourseEntry<'a> {
    id: &'a str,
    title: &'a str,
    pass_mark: u8,
    file: &'a str,
    digest: String,
    compiled: &'a str,
    compiled_digest: String,
}

#[derive(Serialize)]
struct Ids {
    scorm_marker: &'static str,
    reporting_block: &'static str,
    courses_block: &'static str,
    code_missing_event: &'static str,
    retry_code: &'static str,
}

/// The build manifest the scripts read, as JSON: the courses in listing
/// order (id, title, pass mark, file and compiled file with their digests),
/// the deep links, the page's ids, the boot course list, and the empty list
/// of published courses (a package that publishes nothing carries it).
pub fn manifest_json(shipped: &[Shipped]) -> String {
    let manifest = Manifest {
        format: FORMAT,
        version: VERSION,
        courses: shipped
            .iter()
            .map(|s| CourseEntry {
                id: &s.course.id,
                title: &s.course.title,
                pass_mark: s.course.pass_mark,
                file: s.file.base_name(),
                digest: s.file.digest(),
                compiled: &s.compiled.name,
                compiled_digest: s.compiled.digest(),
            })
            .collect(),
        deep_links: deep_links(),
        course_id_pattern: COURSE_ID_PATTERN,
        ids: Ids {
            scorm_marker: SCORM_MARKER_ID,
            reporting_block: REPORTING_BLOCK_ID,
            courses_block: COURSES_BLOCK_ID,
            code_missing_event: CODE_MISSING_EVENT,
            retry_code: RETRY_CODE_FUNCTION,
        },
        boot_html: boot_html(shipped.iter().map(|s| s.course)),
        empty_published_list: crate::published::PublishedIndex::new().to_json(),
    };
    // Strings, numbers and vectors: it always serializes.
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_files;

    fn shipped_files() -> Vec<SourceFile> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../quizzes");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| SourceFile::new(p.display().to_string(), std::fs::read_to_string(p).unwrap()))
            .collect()
    }

    #[test]
    fn boot_list_has_every_shipped_course_in_listing_order_with_its_description() {
        let files = shipped_files();
        let report = check_files(&files);
        let html = boot_html(&report.courses);
        assert!(html.starts_with("<section aria-labelledby=\"boot-courses\"><h2 id=\"boot-courses\">コース一覧</h2><div class=\"card-grid\"><article class=\"card\">"));
        assert_eq!(
            html.matches("<article class=\"card\">").count(),
            report.courses.len()
        );
        let mut at = 0;
        for course in &report.courses {
            let link = format!(
                "<a href=\"#/course/{}\">{}</a>",
                course.id,
                escape(&course.title)
            );
            let found = html[at..].find(&link).map(|i| i + at);
            assert!(found.is_some(), "{} missing or out of order", course.id);
            at = found.unwrap();
            for block in &course.description.blocks {
                let Block::Paragraph(runs) = block else {
                    continue;
                };
                for run in runs {
                    let (Inline::Plain(s) | Inline::Strong(s)) = run;
                    assert!(html.contains(&escape(s)), "{}: {s}", course.id);
                }
            }
        }
    }

    #[test]
    fn boot_html_escapes_every_text_and_renders_emphasis_and_lists() {
        let files = shipped_files();
        let mut course = check_files(&files).courses.remove(0);
        course.id = "a-1".into();
        course.title = "<b>\"A\" & 'B'</b>".into();
        course.description = Text::parse("x **<y>**\n\n- one\n- t<w>o");
        assert_eq!(
            boot_html([&course]),
            "<section aria-labelledby=\"boot-courses\"><h2 id=\"boot-courses\">コース一覧</h2><div class=\"card-grid\"><article class=\"card\"><h3 class=\"card__title\"><a href=\"#/course/a-1\">&#60;b&#62;&#34;A&#34; &#38; &#39;B&#39;&#60;/b&#62;</a></h3><div class=\"card__body\"><p>x <strong>&#60;y&#62;</strong></p><ul><li>one</li><li>t&#60;w&#62;o</li></ul></div></article></div></section>"
        );
    }

    #[test]
    fn every_split_point_a_deep_link_names_is_deferred_in_the_app() {
        let mut app = String::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|x| x == "rs") {
                    app.push_str(&std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let links = deep_links();
        assert_eq!(links.len(), 7);
        for link in &links {
            for point in &link.split_points {
                assert!(
                    app.contains(&format!("deferred!({point}(")),
                    "no deferred!({point}(…)) in src/"
                );
            }
        }
        // The app names the page's ids through quiz_core::page_ids, never
        // as literals of its own.
        for id in [
            SCORM_MARKER_ID,
            REPORTING_BLOCK_ID,
            COURSES_BLOCK_ID,
            PUBLISHED_BLOCK_ID,
            CODE_MISSING_EVENT,
            RETRY_CODE_FUNCTION,
        ] {
            assert!(
                !app.contains(&format!("\"{id}\"")),
                "the app writes {id} as a literal; use quiz_core::page_ids"
            );
        }
        let attempt = links.iter().find(|l| l.screen == "attempt").unwrap();
        assert_eq!(attempt.path, ["course", ":id", "attempt"]);
        assert_eq!(
            attempt.split_points,
            ["attempt_screen_view", "read_compiled"]
        );
        let trainer = links.iter().find(|l| l.screen == "trainer").unwrap();
        assert_eq!(
            (trainer.reads, trainer.split_points.len()),
            (Reads::None, 1)
        );
    }

    #[test]
    fn the_course_id_pattern_is_what_a_route_takes() {
        // The pattern's cases: lowercase ASCII letters, digits and '-'.
        assert_eq!(COURSE_ID_PATTERN, "^[a-z0-9-]+$");
        let cases = [
            ("a-1", true),
            ("digital-skills", true),
            ("A", false),
            ("a_b", false),
        ];
        for (id, valid) in cases.into_iter().chain([("a.b", false), ("é", false)]) {
            let route = Route::parse(&format!("#/course/{id}"));
            assert_eq!(route == Route::Course(id.to_owned()), valid, "{id}");
        }
    }

    #[test]
    fn manifest_lists_the_shipped_courses_in_listing_order_with_digests() {
        let files = shipped_files();
        let report = check_files(&files);
        let shipped = shipped(&files, &report).unwrap();
        let json: serde_json::Value = serde_json::from_str(&manifest_json(&shipped)).unwrap();
        let courses = json["courses"].as_array().unwrap();
        let ids: Vec<&str> = courses.iter().map(|c| c["id"].as_str().unwrap()).collect();
        let listed: Vec<&str> = report.courses.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, listed);
        for (entry, s) in courses.iter().zip(&shipped) {
            assert_eq!(entry["digest"], s.file.digest());
            assert_eq!(entry["compiled_digest"], s.compiled.digest());
            assert_eq!(entry["pass_mark"], s.course.pass_mark);
            assert!(crate::compiled::from_json(&s.compiled.text).is_some());
        }
        assert_eq!(json["ids"]["scorm_marker"], SCORM_MARKER_ID);
        assert_eq!(json["boot_html"], boot_html(&report.courses));
        let empty = json["empty_published_list"].as_str().unwrap();
        let list = crate::published::PublishedIndex::parse(empty).unwrap();
        assert!(list.courses.is_empty());
    }
}
