//! SCORM 1.2: what the app reports to an LMS (status, score, time, suspend data).
