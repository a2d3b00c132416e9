//! The data model's values that are neither status nor suspend data: the
//! session time as a CMITimespan, the learner's name from
//! `cmi.core.student_name`, and the course a launch URL names.

/// A duration as a CMITimespan, `HHHH:MM:SS.SS` (at most 9999:59:59.99).
pub fn timespan(ms: u64) -> String {
    let centis = (ms / 10).min(9_999 * 360_000 + 359_999);
    let hours = centis / 360_000;
    let minutes = centis / 6_000 % 60;
    let seconds = centis / 100 % 60;
    let hundredths = centis % 100;
    format!("{hours:04}:{minutes:02}:{seconds:02}.{hundredths:02}")
}

/// The name the app shows, from `cmi.core.student_name` ("Last, First",
/// e.g. `Student, Joseph A.`): "First Last" (`Joseph A. Student`), but
/// family name first when it is written in Japanese (`山田, 花子` → `山田 花子`),
/// as the app's own names are. A name without a comma is taken as it is;
/// `None` when there is no name.
pub fn learner_name(student_name: &str) -> Option<String> {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = match student_name.split_once(',') {
        Some((last, first)) => {
            let (last, first) = (words(last), words(first));
            let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
            let family_first = last.chars().chain(first.chars()).any(japanese);
            let parts = if family_first {
                [last, first]
            } else {
                [first, last]
            };
            parts
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
        None => words(student_name),
    };
    (!name.is_empty()).then_some(name)
}

/// The course a launch URL names: `course=<id>` in its query string, when
/// the id is one a course may have (lower-case letters, digits, hyphens).
/// Takes the whole URL (`location.href`) or only its query.
pub fn course_param(url: &str) -> Option<String> {
    let url = url.split('#').next().unwrap_or_default();
    let query = url.split_once('?').map_or(url, |(_, query)| query);
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("course="))
        .filter(|id| crate::model::is_usable_id(id))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timespans_names_and_launch_urls() {
        assert_eq!(timespan(0), "0000:00:00.00");
        assert_eq!(timespan(3_723_456), "0001:02:03.45");
        assert_eq!(timespan(u64::MAX), "9999:59:59.99");
        assert_eq!(
            learner_name("Student, Joseph A."),
            Some("Joseph A. Student".into())
        );
        assert_eq!(learner_name(" 山田 ,  花子 "), Some("山田 花子".into()));
        assert_eq!(learner_name("Student,"), Some("Student".into()));
        assert_eq!(learner_name("  Jo   Ann  "), Some("Jo Ann".into()));
        assert_eq!(learner_name(" , "), None);
        assert_eq!(
            course_param("?lang=ja&course=digital-skills"),
            Some("digital-skills".into())
        );
        assert_eq!(course_param("course=a1"), Some("a1".into()));
        assert_eq!(
            course_param("https://lms.example/sco/index.html?course=a1&x=1#/course/a1"),
            Some("a1".into())
        );
        assert_eq!(course_param("https://lms.example/#/?course=a1"), None);
        assert_eq!(course_param("?course=../x"), None);
        assert_eq!(course_param("?course="), None);
        assert_eq!(course_param(""), None);
    }
}
