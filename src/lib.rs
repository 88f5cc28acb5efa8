//! Twitterritorial: check the posts, profile, website and history of a
//! collectivité's public account on X, Mastodon and Bluesky.
//!
//! The library holds the checking core (text engine, rules, political
//! detection, assessment scoring) and builds without the `cli` feature, so it
//! also runs in a browser (wasm32-unknown-unknown). The `cli` feature adds what
//! touches files, the terminal and the network.

pub mod archive;
pub mod assess;
pub mod config;
pub mod diagnostic;
pub mod drafts;
pub mod handbook;
pub mod lint;
pub mod locale;
pub mod political;
pub mod profile;
pub mod report;
pub mod rules;
pub mod site;
pub mod text;

pub mod wasm;

#[cfg(feature = "cli")]
pub mod cli;
