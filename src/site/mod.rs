//! `twitterritorial site`: does the collectivité's website promote its
//! account? Reads the home page and a few news pages, like a careful
//! visitor, and reports the promotion rules of `rules/site.yaml`.

#[cfg(feature = "cli")]
pub mod audit;
#[cfg(feature = "cli")]
pub mod checks;
#[cfg(feature = "cli")]
pub mod decode;
#[cfg(feature = "cli")]
pub mod feed;
#[cfg(feature = "cli")]
pub mod fetch;
#[cfg(feature = "cli")]
pub mod markers;
#[cfg(feature = "cli")]
pub mod page;
#[cfg(feature = "cli")]
pub mod robots;
#[cfg(feature = "cli")]
pub mod sitemap;
