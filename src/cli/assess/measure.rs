//! The audits that answer questions by measurement: `--archive` runs the
//! history audit of `twitterritorial archive` and keeps what the
//! self-assessment asks about.

use crate::archive::ProblemKind;
use crate::archive::input::{ArchiveInput, InputError};
use crate::archive::measures::{Audit, AuditSettings};
use crate::assess::evidence::{ArchiveEvidence, Evidence};
use crate::cli::CliError;
use crate::config::Config;
use crate::locale::Lang;
use std::path::Path;

/// Audits an archive (zip, folder, `tweets.js` or CSV export) with the
/// account's configuration (handle, hashtags, website).
pub fn archive(path: &Path, config: &Config, lang: Lang) -> Result<Evidence, CliError> {
    let account = &config.account;
    let mut settings = AuditSettings::default();
    settings.account.handle = account
        .handle
        .as_deref()
        .map(|h| h.trim().trim_start_matches('@').to_string())
        .filter(|h| !h.is_empty());
    settings.display_name = account.name.clone();
    settings.official_hashtags = account
        .hashtags
        .iter()
        .map(|h| h.trim().trim_start_matches('#').to_string())
        .filter(|h| !h.is_empty())
        .collect();
    settings.website = account.website.clone();
    let input = ArchiveInput::open(path).map_err(|e| input_error(&e, lang))?;
    input.complete_settings(&mut settings);
    let mut audit = Audit::new(settings);
    // Only the measures matter here: the draft rules are not run.
    input
        .read_into(&mut audit, |_| Vec::new(), |_| {})
        .map_err(|e| input_error(&e, lang))?;
    let report = audit.finish();
    Ok(Evidence {
        archive: ArchiveEvidence::from_audit(&report),
        ..Evidence::default()
    })
}

fn input_error(err: &InputError, lang: Lang) -> CliError {
    let advice = match (err.error.kind, lang) {
        (ProblemKind::Truncated | ProblemKind::Syntax, Lang::Fr) => {
            " — le fichier est abîmé ou incomplet : téléchargez de nouveau l’archive depuis X"
        }
        (ProblemKind::Truncated | ProblemKind::Syntax, Lang::En) => {
            " — the file is damaged or cut short: download the archive again from X"
        }
        (ProblemKind::NotArchiveData, Lang::Fr) => {
            " — donnez le .zip envoyé par X, son dossier décompressé, son data/tweets.js ou un export CSV avec en-tête"
        }
        (ProblemKind::NotArchiveData, Lang::En) => {
            " — give the .zip X sent, its unzipped folder, its data/tweets.js, or a CSV export with a header"
        }
        _ => "",
    };
    CliError(format!("{err}{advice}"))
}
