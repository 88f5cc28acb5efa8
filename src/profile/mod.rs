//! `twitterritorial profile`: is the account's profile complete, clear and
//! neutral? The model and the rules run without the `cli` feature (they
//! also run in the browser); reading an archive folder needs it.

pub mod archive;
pub mod hit;
pub mod model;

pub use model::{At, Field, Profile, ProfileError, Source};
