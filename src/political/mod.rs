//! Political and electoral content: the detection behind the rules
//! `political.partisan`, `political.achievement` and
//! `political.election-eve` (issue 4).
//!
//! A public account must stay neutral at all times, must not promote the
//! council's record in the six months before a general election (Code
//! électoral L52-1) and must publish nothing with a propaganda character from
//! 0:00 on the eve of a vote (L49). It must also publish a lot of civic
//! information full of the same words (bureaux de vote, vote du budget,
//! campagne de vaccination, RN 7…), which must not be flagged.
//!
//! The detection is reusable: the draft linter, the profile audit and the
//! archive audit all call [`Detector::check`].
//!
//! How it works (everything a user may discuss is data in
//! `rules/political.yaml`):
//! - [`normalize`] folds a post into plain words (case, accents, elisions,
//!   hashtags in CamelCase) and keeps the way back to the original bytes;
//! - [`detect`] finds every phrase of the pack in one pass over the words
//!   of the post (a trie of words, [`phrases`]),
//!   drops those inside civic phrases, checks ambiguous party names (RN,
//!   PS, Renaissance…) against their context, and combines the signals
//!   into findings that name the words and the reason;
//! - [`scoring`] gives a second opinion, as a warning, on posts the phrase
//!   rules did not catch: a linear score over words learnt from the
//!   evaluation set, which shows the words that weighed most;
//! - [`calendar`] knows the elections, their pre-election windows and eves.
//!
//! ```
//! use twitterritorial::political::{Calendar, Detector};
//! use twitterritorial::locale::Lang;
//! let detector = Detector::builtin();
//! let calendar = Calendar::builtin();
//! let date = jiff::civil::date(2026, 1, 20);
//! let findings = detector.check("Le 15 mars, votez pour la liste de Jean Dupont !", date, &calendar, Lang::Fr);
//! assert_eq!(findings[0].rule, "political.partisan");
//! assert!(detector.check("Bureaux de vote ouverts de 8h à 18h.", date, &calendar, Lang::Fr).is_empty());
//! ```

pub mod calendar;
pub mod detect;
pub mod lexicon;
pub mod normalize;
pub mod phrases;
pub mod scoring;

pub use calendar::{Calendar, CalendarError, Election, ElectionSpec, Window, effective_date};
pub use detect::{Detector, SignalHit};
pub use lexicon::{ACHIEVEMENT, ELECTION_EVE, LexiconError, PARTISAN, PackData, PoliticalPack};
