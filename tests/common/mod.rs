//! Helpers shared by integration tests.

// Not every test binary uses every helper.
#[allow(dead_code)]
pub mod pty;
