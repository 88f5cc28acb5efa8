//! The answers file: what the questionnaire saves and `--answers FILE` reads.
//!
//! ```yaml
//! version: 1
//! account: "Ville d’Exemple"        # optional, shown in the report
//! answers:
//!   step1.personal-account: month-or-more         # short form: the value
//!   step2.handle-short: {value: yes, source: declared}   # long form
//!   step3.posts-per-week: {value: 4.5, source: measured}
//!   step4.answers: ~                              # skipped
//! ```
//!
//! Values: `yes`/`no` (also `true`/`false`, `oui`/`non`) for yes-no
//! questions, an option id for a choice, a list of option ids for a
//! multi-choice, a number for a number question, `~` for a skipped question.
//!
//! The file is read into a tree that keeps the line and column of every node,
//! then checked against the model, so each error points at the exact place.

use super::model::{Model, Question, QuestionType, SUPPORTED_VERSION};
use crate::locale::{Lang, Localized};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::{Location, Spanned};
use std::collections::BTreeMap;
use std::fmt;

/// One answer value, already checked against its question.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Bool(bool),
    Number(f64),
    /// Option id of a choice question.
    Choice(String),
    /// Option ids of a multi-choice question (possibly none).
    Choices(Vec<String>),
}

/// Where an answer comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Given by the user (questionnaire or answers file).
    #[default]
    Declared,
    /// Measured by an audit of the profile, the site or the archive.
    Measured,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Declared => "declared",
            Source::Measured => "measured",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    /// `None`: the question was skipped.
    pub value: Option<AnswerValue>,
    pub source: Source,
    /// For a measured answer: the evidence key that gave it.
    pub evidence: Option<String>,
    /// For a measured answer: the declared answer it replaced, if any.
    pub declared: Option<AnswerValue>,
}

impl Answer {
    pub fn declared(value: Option<AnswerValue>) -> Answer {
        Answer {
            value,
            ..Answer::default()
        }
    }
}

/// The answers of one account. Questions never asked are absent; skipped ones
/// are present with no value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    /// Name of the account or collectivité, shown in the report.
    pub account: Option<String>,
    entries: BTreeMap<String, Answer>,
}

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    pub fn get(&self, question_id: &str) -> Option<&Answer> {
        self.entries.get(question_id)
    }

    pub fn set(&mut self, question_id: &str, answer: Answer) {
        self.entries.insert(question_id.to_string(), answer);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Reads and checks an answers file against the model.
    pub fn from_yaml(text: &str, model: &Model) -> Result<Answers, AnswersError> {
        parse(text, model)
    }

    /// Reads and checks answers given as JSON (the handbook's page), with
    /// the same checks and messages as a file but without positions; the
    /// browser's module reads no YAML.
    pub fn from_json(text: &str, model: &Model) -> Result<Answers, AnswersError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|err| AnswersError {
            line: err.line() as u64,
            column: err.column() as u64,
            kind: AnswersErrorKind::Syntax(err.to_string()),
        })?;
        from_root(node_of_json(value), model)
    }

    /// Writes the answers as an answers file, in the model's order, each
    /// answer after a comment giving its question in `lang`. Reading the
    /// result back gives the same answers.
    pub fn to_yaml(&self, model: &Model, lang: Lang) -> String {
        let mut out = String::new();
        out.push_str(match lang {
            Lang::Fr => "# Réponses à l’auto-évaluation de twitterritorial (twitterritorial assess --answers FICHIER).\n",
            Lang::En => "# Answers to the twitterritorial self-assessment (twitterritorial assess --answers FILE).\n",
        });
        out.push_str(&format!("version: {SUPPORTED_VERSION}\n"));
        if let Some(account) = &self.account {
            out.push_str(&format!("account: {}\n", yaml_string(account)));
        }
        out.push_str("answers:");
        if self.entries.is_empty() {
            out.push_str(" {}\n");
            return out;
        }
        out.push('\n');
        let known = model
            .questions()
            .filter_map(|q| self.entries.get(&q.id).map(|a| (q, a)));
        for (question, answer) in known {
            out.push_str(&format!("  # {}\n", question.text(lang).replace('\n', " ")));
            let value = match &answer.value {
                None => "~".to_string(),
                Some(v) => yaml_value(v),
            };
            match answer.source {
                Source::Declared => out.push_str(&format!("  {}: {value}\n", question.id)),
                Source::Measured => out.push_str(&format!(
                    "  {}: {{value: {value}, source: measured}}\n",
                    question.id
                )),
            }
        }
        out
    }
}

fn yaml_value(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Bool(true) => "yes".into(),
        AnswerValue::Bool(false) => "no".into(),
        AnswerValue::Number(n) => format_number(*n),
        AnswerValue::Choice(id) => yaml_string(id),
        AnswerValue::Choices(ids) => {
            format!(
                "[{}]",
                ids.iter()
                    .map(|s| yaml_string(s))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

/// A number without a useless `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Quotes a string for YAML when it would not read back as the same string.
fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !s.starts_with('-')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "on" | "off" | "y" | "n" | "null" | "oui" | "non"
        )
        && s.parse::<f64>().is_err();
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What is wrong in an answers file, with where.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswersError {
    /// 1-based line and column (0 when the place is unknown).
    pub line: u64,
    pub column: u64,
    pub kind: AnswersErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AnswersErrorKind {
    /// Not valid YAML.
    Syntax(String),
    /// The file is not a mapping (or is empty).
    NotAMapping,
    MissingVersion,
    BadVersion(String),
    UnknownField(String),
    DuplicateField(String),
    AnswersNotAMapping,
    UnknownQuestion {
        id: String,
        suggestion: Option<String>,
    },
    DuplicateQuestion(String),
    WrongType {
        question: String,
        kind: QuestionType,
        options: Vec<String>,
        found: Localized,
    },
    UnknownOption {
        question: String,
        option: String,
        valid: Vec<String>,
    },
    OutOfRange {
        question: String,
        value: String,
        max: Option<String>,
    },
    BadLongForm(String),
    AccountNotText,
}

impl AnswersError {
    fn at(loc: &serde_saphyr::Location, kind: AnswersErrorKind) -> AnswersError {
        AnswersError {
            line: loc.line(),
            column: loc.column(),
            kind,
        }
    }

    /// The message in a language: what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        use AnswersErrorKind::*;
        let fr = lang == Lang::Fr;
        match &self.kind {
            Syntax(msg) => {
                if fr {
                    format!("le fichier n’est pas du YAML valide ({msg}).")
                } else {
                    format!("the file is not valid YAML ({msg}).")
                }
            }
            NotAMapping => {
                if fr {
                    "le fichier doit commencer par « version: 1 » puis « answers: ».".into()
                } else {
                    "the file must start with `version: 1` then `answers:`.".into()
                }
            }
            MissingVersion => {
                if fr {
                    format!(
                        "il manque la version du fichier : ajoutez la ligne « version: {SUPPORTED_VERSION} » en tête."
                    )
                } else {
                    format!(
                        "the file version is missing: add the line `version: {SUPPORTED_VERSION}` at the top."
                    )
                }
            }
            BadVersion(found) => {
                if fr {
                    format!(
                        "version « {found} » inconnue : cette version de l’outil lit « version: {SUPPORTED_VERSION} »."
                    )
                } else {
                    format!(
                        "unknown version `{found}`: this version of the tool reads `version: {SUPPORTED_VERSION}`."
                    )
                }
            }
            UnknownField(name) => {
                if fr {
                    format!(
                        "champ « {name} » inconnu : seuls « version », « account » et « answers » sont permis."
                    )
                } else {
                    format!(
                        "unknown field `{name}`: only `version`, `account` and `answers` are allowed."
                    )
                }
            }
            DuplicateField(name) => {
                if fr {
                    format!("le champ « {name} » apparaît deux fois : gardez-en un.")
                } else {
                    format!("field `{name}` appears twice: keep one.")
                }
            }
            AnswersNotAMapping => {
                if fr {
                    "« answers » doit associer chaque identifiant de question à sa réponse.".into()
                } else {
                    "`answers` must map each question id to its answer.".into()
                }
            }
            UnknownQuestion { id, suggestion } => match (fr, suggestion) {
                (true, Some(s)) => {
                    format!("question « {id} » inconnue : vouliez-vous dire « {s} » ?")
                }
                (true, None) => format!(
                    "question « {id} » inconnue : la liste des questions est dans docs/assessment.md."
                ),
                (false, Some(s)) => format!("unknown question `{id}`: did you mean `{s}`?"),
                (false, None) => format!(
                    "unknown question `{id}`: the questions are listed in docs/assessment.md."
                ),
            },
            DuplicateQuestion(id) => {
                if fr {
                    format!("la question « {id} » a deux réponses : gardez-en une.")
                } else {
                    format!("question `{id}` is answered twice: keep one answer.")
                }
            }
            WrongType {
                question,
                kind,
                options,
                found,
            } => {
                let expected = expected_description(*kind, options, lang);
                let found = found.get(lang);
                if fr {
                    format!("la question « {question} » attend {expected}, pas {found}.")
                } else {
                    format!("question `{question}` expects {expected}, not {found}.")
                }
            }
            UnknownOption {
                question,
                option,
                valid,
            } => {
                let list = valid.join(", ");
                if fr {
                    format!(
                        "« {option} » n’est pas une réponse de la question « {question} » : choisissez parmi {list}."
                    )
                } else {
                    format!(
                        "`{option}` is not an answer to question `{question}`: choose among {list}."
                    )
                }
            }
            OutOfRange {
                question,
                value,
                max,
            } => match (fr, max) {
                (true, Some(m)) => {
                    format!(
                        "la question « {question} » attend un nombre entre 0 et {m}, pas {value}."
                    )
                }
                (true, None) => {
                    format!("la question « {question} » attend un nombre positif, pas {value}.")
                }
                (false, Some(m)) => {
                    format!("question `{question}` expects a number from 0 to {m}, not {value}.")
                }
                (false, None) => {
                    format!("question `{question}` expects a positive number, not {value}.")
                }
            },
            BadLongForm(detail) => {
                if fr {
                    format!(
                        "réponse mal formée ({detail}) : écrivez la valeur seule, ou {{value: …, source: declared}}."
                    )
                } else {
                    format!(
                        "malformed answer ({detail}): write the value alone, or {{value: …, source: declared}}."
                    )
                }
            }
            AccountNotText => {
                if fr {
                    "« account » doit être le nom de la collectivité, entre guillemets.".into()
                } else {
                    "`account` must be the name of the local government, in quotes.".into()
                }
            }
        }
    }
}

impl fmt::Display for AnswersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}",
            self.line,
            self.column,
            self.message(Lang::Fr)
        )
    }
}

impl std::error::Error for AnswersError {}

/// The message of a YAML error, without its position (we print our own).
pub(crate) fn saphyr_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("").trim();
    // The library appends " at line L, column C"; the caller shows the place.
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// A YAML node of any shape, with the place of each child.
#[derive(Clone, Debug)]
enum Node {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl Node {
    /// How the node is described in a "wrong type" message.
    fn describe(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            Node::Null => (if fr {
                "une réponse vide"
            } else {
                "an empty answer"
            })
            .into(),
            Node::Bool(b) => (if *b { "yes" } else { "no" }).to_string(),
            Node::Number(n) => format_number(*n),
            Node::Text(s) => {
                if fr {
                    format!("« {s} »")
                } else {
                    format!("`{s}`")
                }
            }
            Node::List(_) => (if fr { "une liste" } else { "a list" }).into(),
            Node::Map(_) => (if fr {
                "un tableau de clés"
            } else {
                "a mapping"
            })
            .into(),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
                Ok(Node::Text(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Node>>()? {
                    items.push(item);
                }
                Ok(Node::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<Node>>()?;
                    entries.push((key, value));
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// A JSON value as the reader's tree, every place unknown (JSON from the
/// page has no lines worth showing).
fn node_of_json(value: serde_json::Value) -> Spanned<Node> {
    use serde_json::Value;
    let unknown = |node| Spanned::new(node, Location::UNKNOWN, Location::UNKNOWN);
    unknown(match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Node::Text(s),
        Value::Array(items) => Node::List(items.into_iter().map(node_of_json).collect()),
        Value::Object(fields) => Node::Map(
            fields
                .into_iter()
                .map(|(k, v)| (unknown_key(k), node_of_json(v)))
                .collect(),
        ),
    })
}

fn unknown_key(key: String) -> Spanned<String> {
    Spanned::new(key, Location::UNKNOWN, Location::UNKNOWN)
}

fn parse(text: &str, model: &Model) -> Result<Answers, AnswersError> {
    // An empty file has no node at all: say what it should hold.
    if text.trim().is_empty() {
        return Err(AnswersError {
            line: 1,
            column: 1,
            kind: AnswersErrorKind::MissingVersion,
        });
    }
    // Repeated keys reach our reader, which reports them in its own words.
    let options =
        serde_saphyr::options! { duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough };
    let root: Spanned<Node> =
        serde_saphyr::from_str_with_options(text, options).map_err(|err| {
            let (line, column) = err
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((0, 0));
            AnswersError {
                line,
                column,
                kind: AnswersErrorKind::Syntax(saphyr_message(&err)),
            }
        })?;
    from_root(root, model)
}

/// Checks a read answers document against the model.
fn from_root(root: Spanned<Node>, model: &Model) -> Result<Answers, AnswersError> {
    let Node::Map(fields) = root.value else {
        return Err(AnswersError::at(
            &root.referenced,
            AnswersErrorKind::NotAMapping,
        ));
    };
    let mut version_seen = false;
    let mut answers = Answers::new();
    let mut answers_node = None;
    let mut seen: Vec<String> = Vec::new();
    for (key, value) in fields {
        if seen.contains(&key.value) {
            return Err(AnswersError::at(
                &key.referenced,
                AnswersErrorKind::DuplicateField(key.value.clone()),
            ));
        }
        seen.push(key.value.clone());
        match key.value.as_str() {
            "version" => {
                version_seen = true;
                let ok =
                    matches!(value.value, Node::Number(n) if n == f64::from(SUPPORTED_VERSION));
                if !ok {
                    let found = match &value.value {
                        Node::Text(s) => s.clone(),
                        other => other.describe(Lang::En),
                    };
                    return Err(AnswersError::at(
                        &value.referenced,
                        AnswersErrorKind::BadVersion(found),
                    ));
                }
            }
            "account" => match value.value {
                Node::Text(s) => answers.account = Some(s),
                Node::Null => {}
                _ => {
                    return Err(AnswersError::at(
                        &value.referenced,
                        AnswersErrorKind::AccountNotText,
                    ));
                }
            },
            "answers" => answers_node = Some(value),
            other => {
                return Err(AnswersError::at(
                    &key.referenced,
                    AnswersErrorKind::UnknownField(other.to_string()),
                ));
            }
        }
    }
    if !version_seen {
        return Err(AnswersError::at(
            &root.referenced,
            AnswersErrorKind::MissingVersion,
        ));
    }
    let Some(answers_node) = answers_node else {
        return Ok(answers);
    };
    let entries = match answers_node.value {
        Node::Map(entries) => entries,
        Node::Null => Vec::new(),
        _ => {
            return Err(AnswersError::at(
                &answers_node.referenced,
                AnswersErrorKind::AnswersNotAMapping,
            ));
        }
    };
    for (key, value) in entries {
        let Some(question) = model.question(&key.value) else {
            let suggestion = closest_question(model, &key.value);
            return Err(AnswersError::at(
                &key.referenced,
                AnswersErrorKind::UnknownQuestion {
                    id: key.value.clone(),
                    suggestion,
                },
            ));
        };
        if answers.get(&question.id).is_some() {
            return Err(AnswersError::at(
                &key.referenced,
                AnswersErrorKind::DuplicateQuestion(question.id.clone()),
            ));
        }
        let answer = read_answer(question, value)?;
        answers.set(&question.id, answer);
    }
    Ok(answers)
}

/// Reads one answer, short form (the value) or long form (`{value, source}`).
fn read_answer(question: &Question, node: Spanned<Node>) -> Result<Answer, AnswersError> {
    let is_long_form = match &node.value {
        Node::Map(entries) => entries
            .iter()
            .any(|(k, _)| k.value == "value" || k.value == "source"),
        _ => false,
    };
    if !is_long_form {
        return Ok(Answer::declared(read_value(question, node)?));
    }
    let Node::Map(entries) = node.value else {
        unreachable!("checked above")
    };
    let mut value = None;
    let mut source = Source::Declared;
    let mut seen: Vec<String> = Vec::new();
    for (key, child) in entries {
        if seen.contains(&key.value) {
            return Err(AnswersError::at(
                &key.referenced,
                AnswersErrorKind::DuplicateField(key.value.clone()),
            ));
        }
        seen.push(key.value.clone());
        match key.value.as_str() {
            "value" => value = Some(child),
            "source" => {
                source = match &child.value {
                    Node::Text(s) if s == "declared" => Source::Declared,
                    Node::Text(s) if s == "measured" => Source::Measured,
                    other => {
                        return Err(AnswersError::at(
                            &child.referenced,
                            AnswersErrorKind::BadLongForm(format!(
                                "source {}: declared or measured",
                                other.describe(Lang::En)
                            )),
                        ));
                    }
                }
            }
            other => {
                return Err(AnswersError::at(
                    &key.referenced,
                    AnswersErrorKind::BadLongForm(format!("key `{other}`")),
                ));
            }
        }
    }
    let Some(value) = value else {
        return Err(AnswersError::at(
            &node.referenced,
            AnswersErrorKind::BadLongForm("no `value`".into()),
        ));
    };
    let evidence = if source == Source::Measured {
        question.measured_by.clone()
    } else {
        None
    };
    Ok(Answer {
        value: read_value(question, value)?,
        source,
        evidence,
        declared: None,
    })
}

/// Checks a value against its question. `Ok(None)`: skipped.
fn read_value(
    question: &Question,
    node: Spanned<Node>,
) -> Result<Option<AnswerValue>, AnswersError> {
    let wrong = |node: &Spanned<Node>| {
        AnswersError::at(
            &node.referenced,
            AnswersErrorKind::WrongType {
                question: question.id.clone(),
                kind: question.kind,
                options: question.options.iter().map(|o| o.id.clone()).collect(),
                found: Localized {
                    fr: node.value.describe(Lang::Fr),
                    en: node.value.describe(Lang::En),
                },
            },
        )
    };
    if matches!(node.value, Node::Null) {
        return Ok(None);
    }
    match question.kind {
        QuestionType::YesNo => match &node.value {
            Node::Bool(b) => Ok(Some(AnswerValue::Bool(*b))),
            Node::Text(s) => match s.to_lowercase().as_str() {
                "yes" | "oui" | "true" | "vrai" | "y" | "o" => Ok(Some(AnswerValue::Bool(true))),
                "no" | "non" | "false" | "faux" | "n" => Ok(Some(AnswerValue::Bool(false))),
                _ => Err(wrong(&node)),
            },
            _ => Err(wrong(&node)),
        },
        QuestionType::Number => match node.value {
            Node::Number(n) => {
                let out_of_range = !n.is_finite() || n < 0.0 || question.max.is_some_and(|m| n > m);
                if out_of_range {
                    return Err(AnswersError::at(
                        &node.referenced,
                        AnswersErrorKind::OutOfRange {
                            question: question.id.clone(),
                            value: format_number(n),
                            max: question.max.map(format_number),
                        },
                    ));
                }
                Ok(Some(AnswerValue::Number(n)))
            }
            _ => Err(wrong(&node)),
        },
        QuestionType::Choice => match &node.value {
            Node::Text(s) => Ok(Some(AnswerValue::Choice(check_option(question, s, &node)?))),
            // `no` is an option id of some choices; YAML may read it as a boolean.
            Node::Bool(b) => {
                let id = if *b { "yes" } else { "no" };
                Ok(Some(AnswerValue::Choice(check_option(
                    question, id, &node,
                )?)))
            }
            _ => Err(wrong(&node)),
        },
        QuestionType::MultiChoice => match &node.value {
            Node::List(items) => {
                let mut ids: Vec<String> = Vec::new();
                for item in items {
                    let Node::Text(s) = &item.value else {
                        return Err(wrong(item));
                    };
                    let id = check_option(question, s, item)?;
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                Ok(Some(AnswerValue::Choices(ids)))
            }
            // A single option written without brackets.
            Node::Text(s) => Ok(Some(AnswerValue::Choices(vec![check_option(
                question, s, &node,
            )?]))),
            _ => Err(wrong(&node)),
        },
    }
}

fn check_option(
    question: &Question,
    id: &str,
    node: &Spanned<Node>,
) -> Result<String, AnswersError> {
    match question.option(id) {
        Some(option) => Ok(option.id.clone()),
        None => Err(AnswersError::at(
            &node.referenced,
            AnswersErrorKind::UnknownOption {
                question: question.id.clone(),
                option: id.to_string(),
                valid: question.options.iter().map(|o| o.id.clone()).collect(),
            },
        )),
    }
}

/// What a question type expects: "yes or no", "one of a, b", …
fn expected_description(kind: QuestionType, options: &[String], lang: Lang) -> String {
    let ids = options.join(", ");
    match (kind, lang) {
        (QuestionType::YesNo, Lang::Fr) => "yes ou no (oui ou non)".into(),
        (QuestionType::YesNo, Lang::En) => "yes or no".into(),
        (QuestionType::Number, Lang::Fr) => "un nombre".into(),
        (QuestionType::Number, Lang::En) => "a number".into(),
        (QuestionType::Choice, Lang::Fr) => format!("une réponse parmi {ids}"),
        (QuestionType::Choice, Lang::En) => format!("one answer among {ids}"),
        (QuestionType::MultiChoice, Lang::Fr) => format!("une liste entre crochets, parmi {ids}"),
        (QuestionType::MultiChoice, Lang::En) => format!("a list in brackets, among {ids}"),
    }
}

/// The question id closest to a mistyped one, if it is close enough.
fn closest_question(model: &Model, id: &str) -> Option<String> {
    model
        .questions()
        .map(|q| (strsim::jaro_winkler(&q.id, id), &q.id))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.clone())
}
