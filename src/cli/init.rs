//! `twitterritorial init`: writes a commented starter `.twitterritorial.yaml`
//! from a few options. The file is written atomically (a temporary file in
//! the same folder, then renamed), and an existing file is only replaced
//! with `--force`.

use super::CliError;
use crate::config::{Config, FILE_NAME, parse_platform};
use crate::locale::Lang;
use crate::text::Platform;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Crée un fichier de configuration commenté pour le compte.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Nom de la collectivité, par exemple « Ville d’Exemple ».
    #[arg(long, value_name = "NOM")]
    pub name: Option<String>,

    /// Identifiant du compte sur X, par exemple @VilleExemple.
    #[arg(long, value_name = "@COMPTE")]
    pub handle: Option<String>,

    /// Hashtag officiel, par exemple #VilleExemple (répétable).
    #[arg(long, value_name = "#HASHTAG")]
    pub hashtag: Vec<String>,

    /// Site officiel, par exemple https://www.ville-exemple.fr.
    #[arg(long, value_name = "ADRESSE")]
    pub website: Option<String>,

    /// Plateforme du compte : x, mastodon, bluesky (répétable ; x par défaut).
    #[arg(long, value_parser = platform_arg, value_name = "PLATEFORME")]
    pub platform: Vec<Platform>,

    /// Langue des messages et des commentaires du fichier (fr, en).
    #[arg(long, default_value = "fr", value_name = "LANGUE")]
    pub lang: Lang,

    /// Fichier à écrire.
    #[arg(long, short, default_value = FILE_NAME, value_name = "FICHIER")]
    pub output: PathBuf,

    /// Remplacer le fichier s’il existe déjà.
    #[arg(long)]
    pub force: bool,
}

fn platform_arg(s: &str) -> Result<Platform, String> {
    parse_platform(s)
        .ok_or_else(|| format!("plateforme inconnue «\u{a0}{s}\u{a0}» (x, mastodon ou bluesky)"))
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The commented starter file.
pub(crate) fn starter(args: &Args) -> String {
    let fr = args.lang == Lang::Fr;
    let t = |f: &str, e: &str| if fr { f.to_string() } else { e.to_string() };
    let mut y = String::new();
    let who = args.name.as_deref().unwrap_or(if fr {
        "votre collectivité"
    } else {
        "your council"
    });
    y.push_str(&if fr {
        format!("# Configuration de Twitterritorial pour {who}.\n# Guide\u{a0}: https://twitterritorial.github.io/twitterritorial/fr/utiliser-le-verificateur.html\n\n")
    } else {
        format!("# Twitterritorial configuration for {who}.\n# Handbook: https://twitterritorial.github.io/twitterritorial/en/utiliser-le-verificateur.html\n\n")
    });
    y.push_str(&t(
        "# Langue des messages\u{a0}: fr ou en.\n",
        "# Language of the messages: fr or en.\n",
    ));
    y.push_str(&format!("lang: {}\n\n", args.lang.code()));
    y.push_str(&t(
        "# Le compte de la collectivité.\n",
        "# The council's account.\n",
    ));
    y.push_str("account:\n");
    let field = |y: &mut String, key: &str, value: Option<String>, example: &str| match value {
        Some(v) => y.push_str(&format!("  {key}: {v}\n")),
        None => y.push_str(&format!("  # {key}: {example}\n")),
    };
    field(
        &mut y,
        "name",
        args.name.as_deref().map(quoted),
        "\"Ville d’Exemple\"",
    );
    field(
        &mut y,
        "handle",
        args.handle
            .as_deref()
            .map(|h| quoted(&format!("@{}", h.trim().trim_start_matches('@')))),
        "\"@VilleExemple\"",
    );
    y.push_str(&t(
        "  # Orthographe officielle du ou des hashtags du compte.\n",
        "  # Official spelling of the account's hashtag(s).\n",
    ));
    let tags: Vec<String> = args
        .hashtag
        .iter()
        .map(|h| quoted(&format!("#{}", h.trim().trim_start_matches('#'))))
        .collect();
    field(
        &mut y,
        "hashtags",
        (!tags.is_empty()).then(|| format!("[{}]", tags.join(", "))),
        "[\"#VilleExemple\"]",
    );
    y.push_str(&t(
        "  # Site officiel\u{a0}: les publications pratiques doivent y renvoyer.\n",
        "  # Official website: practical posts should link to it.\n",
    ));
    field(
        &mut y,
        "website",
        args.website.as_deref().map(quoted),
        "\"https://www.ville-exemple.fr\"",
    );
    y.push_str(
        "  # mastodon: \"@villeexemple@mastodon.social\"\n  # bluesky: \"@ville-exemple.fr\"\n\n",
    );
    y.push_str(&t(
        "# Plateformes où le compte publie\u{a0}: x, mastodon, bluesky.\n",
        "# Platforms the account posts to: x, mastodon, bluesky.\n",
    ));
    let platforms: Vec<&str> = if args.platform.is_empty() {
        vec!["x"]
    } else {
        args.platform.iter().map(|p| p.name()).collect()
    };
    y.push_str(&format!("platforms: [{}]\n\n", platforms.join(", ")));
    y.push_str(&t(
        "# Gravité d’une règle (error, warning, info), ou off pour la désactiver.\n# Liste des règles\u{a0}: twitterritorial rules\n",
        "# Severity of a rule (error, warning, info), or off to turn it off.\n# List of the rules: twitterritorial rules\n",
    ));
    y.push_str("# rules:\n#   hashtag.too-many: warning\n#   accessibility.emoji: off\n\n");
    y.push_str(&t(
        "# Dossier de règles locales (packs YAML, voir docs/rules.md), relatif à ce fichier.\n# rules_dir: regles-locales\n\n",
        "# Folder of local rules (YAML packs, see docs/rules.md), relative to this file.\n# rules_dir: local-rules\n\n",
    ));
    y.push_str(&t(
        "# Élections à ajouter au calendrier intégré (une élection partielle…).\n",
        "# Elections to add to the built-in calendar (a by-election…).\n",
    ));
    y.push_str("# elections:\n#   - {name: \"Municipale partielle\", date: 2026-12-06, second_round: 2026-12-13}\n");
    y
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let lang = args.lang;
    let text = starter(&args);
    // What we write must be what we read: parse it before writing.
    let name = args.output.display().to_string();
    Config::from_yaml_str(&text, &name).map_err(|e| CliError(e.render(lang)))?;
    write_atomically(&args.output, &text, args.force, lang)?;
    let mut out = std::io::stdout().lock();
    let msg = match lang {
        Lang::Fr => format!(
            "Configuration écrite dans {name}. Vérifiez-la avec `twitterritorial config`.\n"
        ),
        Lang::En => {
            format!("Configuration written to {name}. Check it with `twitterritorial config`.\n")
        }
    };
    out.write_all(msg.as_bytes())
        .map_err(|e| CliError(format!("stdout: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to `path` through a temporary file in the same folder and
/// a rename, so the file is never half-written. Refuses to replace an
/// existing file unless `force`.
fn write_atomically(path: &Path, text: &str, force: bool, lang: Lang) -> Result<(), CliError> {
    let name = path.display().to_string();
    let err = |fr: String, en: String| CliError(if lang == Lang::Fr { fr } else { en });
    if path.exists() && !force {
        return Err(err(
            format!("{name} existe déjà\u{a0}: ajoutez --force pour le remplacer."),
            format!("{name} already exists: add --force to replace it."),
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".twitterritorial-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            err(
                format!("impossible d’écrire dans {}\u{a0}: {e}", dir.display()),
                format!("cannot write in {}: {e}", dir.display()),
            )
        })?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| {
            err(
                format!("écriture de {name} impossible\u{a0}: {e}"),
                format!("cannot write {name}: {e}"),
            )
        })?;
    let persisted = if force {
        tmp.persist(path).map(|_| ())
    } else {
        tmp.persist_noclobber(path).map(|_| ())
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            err(
                format!("{name} existe déjà\u{a0}: ajoutez --force pour le remplacer."),
                format!("{name} already exists: add --force to replace it."),
            )
        } else {
            err(
                format!("écriture de {name} impossible\u{a0}: {}", e.error),
                format!("cannot write {name}: {}", e.error),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(lang: Lang) -> Args {
        Args {
            name: Some("Ville d'Exemple \"test\"".into()),
            handle: Some("VilleExemple".into()),
            hashtag: vec!["VilleExemple".into(), "#FêteDeVille".into()],
            website: Some("https://www.ville-exemple.fr".into()),
            platform: vec![Platform::X, Platform::Mastodon],
            lang,
            output: PathBuf::from(FILE_NAME),
            force: false,
        }
    }

    #[test]
    fn starter_file_reads_back() {
        for lang in [Lang::Fr, Lang::En] {
            let text = starter(&args(lang));
            let c =
                Config::from_yaml_str(&text, "x.yaml").unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(c.lang, lang);
            assert_eq!(c.account.name.as_deref(), Some("Ville d'Exemple \"test\""));
            assert_eq!(c.account.handle.as_deref(), Some("@VilleExemple"));
            assert_eq!(c.account.hashtags, ["#VilleExemple", "#FêteDeVille"]);
            assert_eq!(c.platforms, [Platform::X, Platform::Mastodon]);
        }
    }

    #[test]
    fn starter_without_options_is_valid_and_commented() {
        let mut a = args(Lang::Fr);
        a.name = None;
        a.handle = None;
        a.hashtag.clear();
        a.website = None;
        a.platform.clear();
        let text = starter(&a);
        let c = Config::from_yaml_str(&text, "x.yaml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(c.account.name, None);
        assert!(text.contains("# name: "));
        assert_eq!(c.platforms, [Platform::X]);
    }
}
