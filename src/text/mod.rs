//! The text engine: see issue 2.
