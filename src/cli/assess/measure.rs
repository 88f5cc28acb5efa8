//! The audits that answer questions by measurement: `--profile`, `--site`
//! and `--archive` run the audits of `twitterritorial profile`, `site` and
//! `archive`, and keep what the self-assessment asks about.

use crate::archive::ProblemKind;
use crate::archive::input::{ArchiveInput, InputError};
use crate::archive::measures::{Audit, AuditSettings};
use crate::assess::evidence::{ArchiveEvidence, Evidence, ProfileEvidence, SiteEvidence};
use crate::cli::CliError;
use crate::cli::config::Setup;
use crate::cli::site as site_cli;
use crate::config::Config;
use crate::locale::Lang;
use crate::profile::ProfileChecker;
use crate::site::audit::Accounts;
use crate::site::fetch::{Http, HttpOptions};
use crate::site::{SiteRules, accounts_of};
use std::path::Path;

/// Checks a profile (YAML file or X archive folder) with the profile rules.
/// Returns the facts and the profile's handle (for `--site`).
pub(crate) fn profile(
    path: &Path,
    setup: &Setup,
    lang: Lang,
) -> Result<(Evidence, Option<String>), CliError> {
    let profile = crate::cli::profile::read_profile(path, lang)?;
    let checker =
        ProfileChecker::new(&setup.rules, &setup.config).map_err(|e| CliError(e.render(lang)))?;
    let today = jiff::ZonedDateTime::now().date();
    let findings = checker.check(&profile, today);
    let ran: Vec<&str> = checker.rules().rules().map(|r| r.id.as_str()).collect();
    let found: Vec<&str> = findings.iter().map(|(_, f)| f.rule.as_str()).collect();
    // X's government label counts as authentication, as the grey check does.
    let verified = match (profile.verified, profile.label.as_deref()) {
        (_, Some(label)) if label.eq_ignore_ascii_case("government") => Some(true),
        (verified, _) => verified,
    };
    let handle = checker
        .with_defaults(&profile)
        .handle_text()
        .map(str::to_string);
    let evidence = Evidence {
        profile: ProfileEvidence::from_rules(&ran, &found, verified),
        ..Evidence::default()
    };
    Ok((evidence, handle))
}

/// Audits the website with the site rules (a few pages, politely). The
/// account's handle comes from the configuration, else from `--profile`.
pub(crate) fn site(
    address: &str,
    setup: &Setup,
    handle: Option<&str>,
    lang: Lang,
) -> Result<Evidence, CliError> {
    let url = site_cli::parse_site_url(address)
        .map_err(|e| CliError(site_cli::invalid_url_message(address, &e, lang)))?;
    let mut accounts = accounts_of(&setup.config).map_err(CliError)?;
    if accounts.x.is_none()
        && let Some(handle) = handle
    {
        accounts.x = Accounts::new(Some(handle), None, None).map_err(CliError)?.x;
    }
    let rules =
        SiteRules::new(&setup.rules, &setup.config).map_err(|e| CliError(e.render(lang)))?;
    let ran: Vec<String> = rules.rules.rules().map(|r| r.id.clone()).collect();
    let http = Http::new(HttpOptions::default()).map_err(CliError)?;
    let outcome = site_cli::audit_one(
        url,
        accounts,
        setup.config.account.name.clone(),
        http,
        rules,
    )?;
    let ran: Vec<&str> = ran.iter().map(String::as_str).collect();
    let found: Vec<&str> = outcome.findings.iter().map(|f| f.rule.as_str()).collect();
    Ok(Evidence {
        site: SiteEvidence::from_rules(&ran, &found),
        ..Evidence::default()
    })
}

/// Audits an archive (zip, folder, `tweets.js` or CSV export) with the
/// account's configuration (handle, hashtags, website).
pub(crate) fn archive(path: &Path, config: &Config, lang: Lang) -> Result<Evidence, CliError> {
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
