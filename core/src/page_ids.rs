//! The ids the page and the app share: the build scripts read them from the
//! build manifest ([`crate::release`]) and the app names these constants, so
//! neither writes them twice. Compiled for every target (the app's wasm
//! too); they cost nothing at run time.

/// The page's marker of the SCORM package (`<meta id=…>`): without it the
/// app never looks for an LMS.
pub const SCORM_MARKER_ID: &str = "kenshu-scorm";
/// The data block with a deployment's reporting settings.
pub const REPORTING_BLOCK_ID: &str = "kenshu-reporting";
/// The single-file page's data block with its question files.
pub const COURSES_BLOCK_ID: &str = "kenshu-courses";
/// The data block a trainer's single-file hand-out adds with the courses
/// it publishes (written by the app itself, `course_files::hand_out_with`).
pub const PUBLISHED_BLOCK_ID: &str = "kenshu-published";
/// The event the split loader sends when a piece of code cannot be fetched.
pub const CODE_MISSING_EVENT: &str = "kenshu-code-missing";
/// The window function the app calls to fetch missing code again.
pub const RETRY_CODE_FUNCTION: &str = "kenshuRetryCode";
