//! xAPI 1.0.3 statements for a Learning Record Store.
