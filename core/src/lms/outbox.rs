//! The outbox: statements waiting to reach the LRS, with backoff.
