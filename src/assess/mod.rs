//! The self-assessment: where an account stands on the four adoption steps
//! of the handbook and the best practices, and what to do next.
//!
//! - [`model`]: the scoring model read from `rules/assessment.yaml`;
//! - [`answers`]: the answers file (reading with line/column errors, writing);
//! - [`evidence`]: measured facts from the profile, site and archive audits,
//!   and their merge into the answers (a measurement wins);
//! - [`score`]: scores, levels and the actions that raise the score most;
//! - [`render`] and [`html`]: the report for the terminal, JSON, Markdown and
//!   a self-contained HTML page with an SVG chart.
//!
//! Nothing here touches files, the terminal or the network: the same code
//! runs in the browser. The questionnaire is in `cli::assess`.

pub mod answers;
pub mod evidence;
pub mod html;
pub mod model;
pub mod render;
pub mod score;

pub use answers::{Answer, AnswerValue, Answers, AnswersError, Source};
pub use evidence::{Evidence, merge};
pub use model::{DEFAULT_HANDBOOK_BASE, Model};
pub use render::{Format, render};
pub use score::{Report, assess};
