//! Reporting to an organisation's learning systems, off unless a deployment
//! turns it on: xAPI statements for a Learning Record Store ([`xapi`], sent
//! from an [`outbox`] kept in the browser) and the SCORM 1.2 run-time data
//! an LMS keeps ([`scorm`]); a deployment's settings are checked in
//! [`settings`], by `quizcheck reporting` and the app alike. Plain values
//! in, plain values out: the app owns the network and the LMS's `API`
//! object.

pub mod outbox;
pub mod scorm;
pub mod scorm_launch;
pub mod settings;
pub mod xapi;
