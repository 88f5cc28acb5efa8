//! The detector: finds the signals of a post in one pass and combines them
//! into findings.
//!
//! 1. The post is normalised ([`super::normalize`]).
//! 2. One trie of words ([`super::phrases`]), built once from every phrase
//!    of the pack (signals, civic exceptions, ambiguous names, month
//!    names…), finds all phrases in one pass over the words of the post.
//! 3. Signals inside a civic phrase are dropped; ambiguous names become the
//!    `party` signal only when they are written as a party name and a
//!    political context is in the same sentence; dates and names around a
//!    call to vote give the computed signals.
//! 4. Each rule's combinations are tested on the signals found; the finding
//!    names the words and the reason, and its span covers those words.

use super::calendar::{Calendar, format_date};
use super::lexicon::{
    ACHIEVEMENT, CaseRule, Combination, ELECTION_EVE, LexiconError, PARTISAN, PARTY_SIGNAL,
    PackData, PoliticalPack, Scope, Texts,
};
use super::normalize::{Normalized, fold_phrase, normalize, with_normalized};
use super::phrases::PhraseSet;
use super::scoring::{ACHIEVEMENT_SCORE, CompiledScoring, PARTISAN_SCORE, Score};
use crate::diagnostic::{Finding, Severity};
use crate::locale::{Lang, Localized, fill};
use jiff::ToSpan;
use jiff::civil::{Date, DateTime};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// What a phrase of the pack stands for. One phrase may stand for
/// several things (« vote » is both a signal and a word before a name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A phrase of a signal family, looked for in posts of these languages.
    Signal(u16, Langs),
    Exception,
    /// A function word of one language (to guess the post's language).
    Marker(Langs),
    /// « maire » in « Dupont maire ! ».
    Title,
    /// A first name or a title (« Hélène », « Mme ») that may start a name.
    PersonStart,
    /// « nous » in « Nous, nous ».
    Emphatic,
    Ambiguous(u16),
    VoteNameTrigger,
    HashtagPrefix,
    Month(i8),
    Sunday,
    Tomorrow,
    /// « nous avons », “we have”, “we”: a past tense may follow.
    WeSubject,
    /// « nous », “we will”: a future tense may follow.
    WillSubject,
    /// « liste », « équipe »: a name in quotes may follow.
    ListWord,
}

/// A set of post languages, as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Langs(u8);

impl Langs {
    const FR: Langs = Langs(1);
    const EN: Langs = Langs(2);
    const BOTH: Langs = Langs(3);

    fn meets(self, other: Langs) -> bool {
        self.0 & other.0 != 0
    }
}

struct SignalInfo {
    name: String,
    label: Localized,
    civic: bool,
}

struct AmbiguousInfo {
    case: CaseRule,
    not_before_number: bool,
    not_sentence_start: bool,
    not_after: Vec<String>,
    not_before: Vec<String>,
    context: Scope,
}

struct CompiledCombination {
    /// Each entry is satisfied by any of its signals.
    all: Vec<Vec<u16>>,
    any: Vec<u16>,
    none: Vec<u16>,
    scope: Scope,
    why: Localized,
}

/// A signal found in a post: which one, where, and in which sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignalHit {
    /// Signal name, as in the pack (`vote-for`, `party`…).
    pub signal: String,
    /// What the signal means, in both languages.
    pub label: Localized,
    /// Byte range of the triggering words in the original text.
    pub span: Range<usize>,
    pub sentence: u32,
}

#[derive(Clone, Copy, Debug)]
struct Hit {
    signal: u16,
    first: usize,
    last: usize,
    sentence: u32,
}

/// The political checks, compiled once and reused for every post.
pub struct Detector {
    phrases: PhraseSet,
    /// Roles of each phrase, by phrase id.
    roles: Vec<Vec<Role>>,
    signals: Vec<SignalInfo>,
    ambiguous: Vec<AmbiguousInfo>,
    ambiguous_context: Vec<u16>,
    party: u16,
    vote_date: u16,
    vote_month: u16,
    candidacy: u16,
    /// Folded words before a month without its day (« en », “in”).
    month_after: Vec<String>,
    /// Folded subjects that may follow « nous, » (« on »).
    emphatic_then: Vec<String>,
    /// Folded words between a first name and a place in a hashtag (« pour »).
    hashtag_name_then: Vec<String>,
    /// Folded words before a first name in a hashtag (« team »).
    hashtag_before_first_name: Vec<String>,
    vote_name: u16,
    campaign_hashtag: u16,
    person: u16,
    emphatic_we: u16,
    we_did: u16,
    past_tense: VerbForm,
    future_tense: VerbForm,
    we_will: u16,
    person_not_after: Vec<String>,
    name_stopwords: Vec<String>,
    hashtag_stopwords: Vec<String>,
    combinations: [Vec<CompiledCombination>; 3],
    messages: [Localized; 3],
    texts: Texts,
    /// The scoring layer, when the pack has one.
    scoring: Option<CompiledScoring>,
}

const RULE_IDS: [&str; 3] = [PARTISAN, ACHIEVEMENT, ELECTION_EVE];

thread_local! {
    /// The numbers of a post's words, reused from post to post.
    static WORD_NUMBERS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Detector {
    /// The detector of the built-in `rules/political.yaml`.
    pub fn builtin() -> Detector {
        let pack = PoliticalPack::builtin();
        // Tested in this crate: a failure is a bug in the repository.
        Detector::from_pack(&pack).unwrap_or_else(|e| panic!("built-in political pack: {e}"))
    }

    /// Compiles a pack file's text (a user's edited copy of the pack).
    pub fn from_yaml(yaml: &str) -> Result<Detector, LexiconError> {
        Detector::from_pack(&PoliticalPack::from_yaml(yaml)?)
    }

    /// Compiles a parsed pack.
    pub fn from_pack(pack: &PoliticalPack) -> Result<Detector, LexiconError> {
        Detector::from_parts(&pack.data, &pack.messages())
    }

    /// Compiles the `data:` of the pack with the rules' message templates
    /// (by rule id), for an engine that parsed the pack itself.
    pub fn from_parts(
        data: &PackData,
        messages: &BTreeMap<String, Localized>,
    ) -> Result<Detector, LexiconError> {
        data.validate()?;
        let mut builder = PatternBuilder::default();

        let signals: Vec<SignalInfo> = data
            .signals
            .iter()
            .map(|s| SignalInfo {
                name: s.name.clone(),
                label: s.label.clone(),
                civic: s.civic,
            })
            .collect();
        let index_of = |name: &str| -> Result<u16, LexiconError> {
            signals
                .iter()
                .position(|s| s.name == name)
                .and_then(|i| u16::try_from(i).ok())
                .ok_or_else(|| LexiconError::Invalid(format!("unknown signal `{name}`")))
        };
        for (i, s) in data.signals.iter().enumerate() {
            let id =
                u16::try_from(i).map_err(|_| LexiconError::Invalid("too many signals".into()))?;
            for (phrases, langs) in [
                (&s.fr, Langs::FR),
                (&s.en, Langs::EN),
                (&s.both, Langs::BOTH),
            ] {
                for phrase in phrases {
                    builder.add(phrase, Role::Signal(id, langs))?;
                }
            }
        }
        for (words, langs) in [
            (&data.language_markers.fr, Langs::FR),
            (&data.language_markers.en, Langs::EN),
        ] {
            for w in words {
                builder.add(w, Role::Marker(langs))?;
            }
        }
        for w in &data.vote_name.titles {
            builder.add(w, Role::Title)?;
        }
        for w in data.person.first_names.iter().chain(&data.person.titles) {
            builder.add(w, Role::PersonStart)?;
        }
        for w in &data.emphatic {
            builder.add(w, Role::Emphatic)?;
        }
        for phrase in data.exceptions.all() {
            builder.add(phrase, Role::Exception)?;
        }
        let mut ambiguous = Vec::new();
        for (i, a) in data.ambiguous.iter().enumerate() {
            let id = u16::try_from(i)
                .map_err(|_| LexiconError::Invalid("too many ambiguous names".into()))?;
            builder.add(&a.term, Role::Ambiguous(id))?;
            ambiguous.push(AmbiguousInfo {
                case: a.case,
                not_before_number: a.not_before_number,
                not_sentence_start: a.not_sentence_start,
                not_after: a.not_after.iter().map(|w| fold_phrase(w)).collect(),
                not_before: a.not_before.iter().map(|w| fold_phrase(w)).collect(),
                context: a.context,
            });
        }
        for phrase in &data.vote_name.after {
            builder.add(phrase, Role::VoteNameTrigger)?;
        }
        for phrase in &data.campaign_hashtag.after {
            builder.add(phrase, Role::HashtagPrefix)?;
        }
        for months in [&data.dates.months.fr, &data.dates.months.en] {
            for (m, name) in months.iter().enumerate() {
                let month = i8::try_from(m + 1).unwrap_or(1);
                builder.add(name, Role::Month(month))?;
            }
        }
        for w in &data.dates.sunday {
            builder.add(w, Role::Sunday)?;
        }
        for w in &data.dates.tomorrow {
            builder.add(w, Role::Tomorrow)?;
        }
        for w in &data.we_did.subjects {
            builder.add(w, Role::WeSubject)?;
        }
        for w in &data.we_will.subjects {
            builder.add(w, Role::WillSubject)?;
        }
        for w in &data.quoted_list {
            builder.add(w, Role::ListWord)?;
        }

        let compile = |combos: &[Combination]| -> Result<Vec<CompiledCombination>, LexiconError> {
            combos
                .iter()
                .map(|c| {
                    Ok(CompiledCombination {
                        all: c
                            .all
                            .iter()
                            .map(|entry| {
                                entry
                                    .split('|')
                                    .map(|n| index_of(n.trim()))
                                    .collect::<Result<Vec<_>, _>>()
                            })
                            .collect::<Result<_, _>>()?,
                        any: c
                            .any
                            .iter()
                            .map(|n| index_of(n))
                            .collect::<Result<_, _>>()?,
                        none: c
                            .none
                            .iter()
                            .map(|n| index_of(n))
                            .collect::<Result<_, _>>()?,
                        scope: c.scope,
                        why: c.why.clone(),
                    })
                })
                .collect()
        };
        let message = |id: &str| {
            messages
                .get(id)
                .cloned()
                .ok_or_else(|| LexiconError::Invalid(format!("the rule `{id}` has no message")))
        };
        let mut phrases = PhraseSet::new(&builder.patterns, &builder.prefix)
            .map_err(|e| LexiconError::Invalid(format!("cannot compile the phrases: {e}")))?;
        // One vocabulary for the phrases and the score: each word of a post
        // is looked up once, and the score reads the numbers found.
        let mut scoring = data.scoring.as_ref().map(CompiledScoring::new);
        if let Some(scoring) = &mut scoring {
            phrases.add_words(scoring.word_texts());
            scoring.index_by(|word| phrases.number_of(word));
        }
        let fold_all = |words: &[String]| words.iter().map(|w| fold_phrase(w)).collect::<Vec<_>>();
        Ok(Detector {
            phrases,
            roles: builder.roles,
            ambiguous_context: data
                .ambiguous_context
                .iter()
                .map(|n| index_of(n))
                .collect::<Result<_, _>>()?,
            party: index_of(PARTY_SIGNAL)?,
            vote_date: index_of("vote-date")?,
            vote_month: index_of("vote-month")?,
            month_after: fold_all(&data.dates.month_after),
            emphatic_then: fold_all(&data.emphatic_then),
            hashtag_name_then: fold_all(&data.campaign_hashtag.name_then),
            hashtag_before_first_name: fold_all(&data.campaign_hashtag.before_first_name),
            vote_name: index_of("vote-name")?,
            campaign_hashtag: index_of("campaign-hashtag")?,
            person: index_of("person")?,
            candidacy: index_of("candidacy")?,
            emphatic_we: index_of("emphatic-we")?,
            we_did: index_of("we-did")?,
            we_will: index_of("we-will")?,
            past_tense: VerbForm::new(&data.we_did),
            future_tense: VerbForm::new(&data.we_will),
            person_not_after: fold_all(&data.person.not_after),
            name_stopwords: fold_all(&data.vote_name.stopwords),
            hashtag_stopwords: fold_all(&data.campaign_hashtag.stopwords),
            combinations: [
                compile(&data.combinations.partisan)?,
                compile(&data.combinations.achievement)?,
                compile(&data.combinations.election_eve)?,
            ],
            messages: [
                message(PARTISAN)?,
                message(ACHIEVEMENT)?,
                message(ELECTION_EVE)?,
            ],
            texts: data.texts.clone(),
            scoring,
            signals,
            ambiguous,
        })
    }

    /// Checks one post (or a bio) published on `date`.
    ///
    /// With a date alone, the whole voting day counts as part of the eve
    /// period; use [`Detector::check_at`] when the time is known.
    pub fn check(&self, text: &str, date: Date, calendar: &Calendar, lang: Lang) -> Vec<Finding> {
        let eve = calendar.eve_at(date);
        self.check_inner(text, date, eve, calendar, lang)
    }

    /// Checks a post published at a known date and time.
    pub fn check_at(
        &self,
        text: &str,
        at: DateTime,
        calendar: &Calendar,
        lang: Lang,
    ) -> Vec<Finding> {
        let eve = calendar.eve_at_time(at);
        self.check_inner(text, at.date(), eve, calendar, lang)
    }

    /// The signals found in a post, for explanations and for tuning the pack.
    pub fn signals(&self, text: &str, date: Date, calendar: &Calendar) -> Vec<SignalHit> {
        let norm = normalize(text);
        let hits = self.find_hits(text, &norm, date, calendar, &mut Vec::new());
        hits.iter()
            .map(|h| SignalHit {
                signal: self.signals[usize::from(h.signal)].name.clone(),
                label: self.signals[usize::from(h.signal)].label.clone(),
                span: norm.original_span(h.first, h.last),
                sentence: h.sentence,
            })
            .collect()
    }

    fn check_inner(
        &self,
        text: &str,
        date: Date,
        eve: Option<(&super::calendar::Election, Date)>,
        calendar: &Calendar,
        lang: Lang,
    ) -> Vec<Finding> {
        with_normalized(text, |norm| {
            self.check_normalized(text, norm, date, eve, calendar, lang)
        })
    }

    fn check_normalized(
        &self,
        text: &str,
        norm: &Normalized,
        date: Date,
        eve: Option<(&super::calendar::Election, Date)>,
        calendar: &Calendar,
        lang: Lang,
    ) -> Vec<Finding> {
        WORD_NUMBERS.with(|buffer| match buffer.try_borrow_mut() {
            Ok(mut words) => self.check_numbered(text, norm, &mut words, date, eve, calendar, lang),
            Err(_) => self.check_numbered(text, norm, &mut Vec::new(), date, eve, calendar, lang),
        })
    }

    /// [`Detector::check_normalized`] with a buffer for the numbers of the
    /// post's words, found by the phrase set and read again by the score.
    #[allow(clippy::too_many_arguments)]
    fn check_numbered(
        &self,
        text: &str,
        norm: &Normalized,
        words: &mut Vec<u32>,
        date: Date,
        eve: Option<(&super::calendar::Election, Date)>,
        calendar: &Calendar,
        lang: Lang,
    ) -> Vec<Finding> {
        let hits = self.find_hits(text, norm, date, calendar, words);
        let mut findings = Vec::new();
        for (rule, combos) in self.combinations.iter().enumerate() {
            // Every combination needs a signal (the pack is validated so).
            if hits.is_empty() || (rule == 2 && eve.is_none()) {
                continue;
            }
            let Some(fired) = self.evaluate(combos, &hits) else {
                continue;
            };
            let span = fired
                .triggers
                .iter()
                .map(|h| norm.original_span(h.first, h.last))
                .reduce(|acc, s| acc.start.min(s.start)..acc.end.max(s.end))
                .unwrap_or(0..0);
            let words = quote_words(text, norm, &fired.triggers, lang);
            let why = fired
                .whys
                .iter()
                .map(|w| w.get(lang))
                .collect::<Vec<_>>()
                .join(" ; ");
            let (severity, period) = match rule {
                0 => (Severity::Error, String::new()),
                1 => self.achievement_period(date, calendar, lang),
                _ => {
                    let (election, round) =
                        eve.map(|(e, r)| (e.name.clone(), r)).unwrap_or_default();
                    let period = fill(
                        self.texts.eve.get(lang),
                        &[("round", format_date(round, lang)), ("election", election)],
                    );
                    (Severity::Error, period)
                }
            };
            let message = fill(
                self.messages[rule].get(lang),
                &[("words", words), ("why", why), ("period", period)],
            );
            findings.push(Finding {
                rule: RULE_IDS[rule].to_string(),
                severity,
                span,
                message,
                fix: None,
            });
        }
        if let Some(scoring) = &self.scoring {
            self.score_findings(
                scoring,
                text,
                norm,
                words,
                date,
                calendar,
                lang,
                &mut findings,
            );
        }
        findings
    }

    /// The scoring layer's second opinion, for what the rules did not
    /// catch: a warning (never an error), naming the words that weighed most.
    #[allow(clippy::too_many_arguments)]
    fn score_findings(
        &self,
        scoring: &CompiledScoring,
        text: &str,
        norm: &Normalized,
        words: &[u32],
        date: Date,
        calendar: &Calendar,
        lang: Lang,
        findings: &mut Vec<Finding>,
    ) {
        // The score reads every post, with or without a signal: campaign
        // posts that avoid every keyword are the ones it is for. (Leaving
        // each part of the evaluation set out in turn, letting it speak only
        // after a signal found a third fewer partisan posts, and silencing
        // it on posts with civic information cost two in a hundred and
        // spared no civic post.)
        let has_partisan = findings.iter().any(|f| f.rule == PARTISAN);
        let has_achievement = findings.iter().any(|f| f.rule == ACHIEVEMENT);
        if has_partisan && has_achievement {
            return;
        }
        // Most posts are far below both thresholds: sum the weights first,
        // and build the explanation only for a post that will be flagged.
        let [p, a] = scoring.values_with(norm, words);
        let (p_over, a_over) = scoring.above_thresholds([p, a]);
        if !a_over && (!p_over || has_partisan) {
            return;
        }
        let scores = scoring.score(norm);
        let (partisan, achievement) = (&scores[PARTISAN_SCORE], &scores[ACHIEVEMENT_SCORE]);
        // A post that reads like a record (by the rules or the score) is
        // left to the achievement rule: its severity follows the calendar.
        // Between the two, the score that passes its threshold by more says
        // what the post reads like.
        let margin = |s: &Score| s.value - s.threshold;
        if !has_partisan
            && !has_achievement
            && !achievement.above_threshold()
            && partisan.above_threshold()
            && margin(partisan) > margin(achievement)
        {
            let finding = self.scored_finding(
                0,
                partisan,
                text,
                norm,
                Severity::Warning,
                String::new(),
                lang,
            );
            findings.push(finding);
        }
        if !has_achievement && achievement.above_threshold() {
            let (severity, period) = self.achievement_period(date, calendar, lang);
            // Inside a window the rules say error; a score says warning.
            let severity = severity.min(Severity::Warning);
            findings.push(self.scored_finding(1, achievement, text, norm, severity, period, lang));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn scored_finding(
        &self,
        rule: usize,
        score: &Score,
        text: &str,
        norm: &Normalized,
        severity: Severity,
        period: String,
        lang: Lang,
    ) -> Finding {
        let top = &score.contributions[..score.contributions.len().min(4)];
        let span = top
            .iter()
            .map(|c| norm.original_span(c.tokens.0, c.tokens.1))
            .reduce(|acc, s| acc.start.min(s.start)..acc.end.max(s.end))
            .unwrap_or(0..text.len());
        let mut words: Vec<String> = Vec::new();
        for c in top {
            let w = quote(&text[norm.original_span(c.tokens.0, c.tokens.1)], lang);
            if !words.contains(&w) {
                words.push(w);
            }
        }
        let why = fill(
            self.texts.scored.get(lang),
            &[
                ("score", decimal(score.value, lang)),
                ("threshold", decimal(score.threshold, lang)),
            ],
        );
        let message = fill(
            self.messages[rule].get(lang),
            &[
                ("words", words.join(", ")),
                ("why", why),
                ("period", period),
            ],
        );
        Finding {
            rule: RULE_IDS[rule].to_string(),
            severity,
            span,
            message,
            fix: None,
        }
    }

    fn achievement_period(
        &self,
        date: Date,
        calendar: &Calendar,
        lang: Lang,
    ) -> (Severity, String) {
        if let Some((election, window)) = calendar.window_at(date) {
            let text = fill(
                self.texts.in_window.get(lang),
                &[
                    ("start", format_date(window.start, lang)),
                    ("end", format_date(window.end, lang)),
                    ("election", election.name.clone()),
                ],
            );
            return (Severity::Error, text);
        }
        let text = match calendar.next_window(date) {
            Some((election, window)) => fill(
                self.texts.outside_window.get(lang),
                &[
                    ("next_start", format_date(window.start, lang)),
                    ("election", election.name.clone()),
                ],
            ),
            None => self.texts.no_window_ahead.get(lang).to_string(),
        };
        (Severity::Info, text)
    }

    /// Tests a rule's combinations in order; returns the signals that made
    /// them fire (all firing combinations together).
    fn evaluate<'h>(
        &self,
        combos: &'h [CompiledCombination],
        hits: &'h [Hit],
    ) -> Option<Fired<'h>> {
        let mut fired: Option<Fired<'h>> = None;
        for combo in combos {
            let found = match combo.scope {
                Scope::Post => match_combination(combo, hits.iter()),
                Scope::Sentence => {
                    let mut sentences: Vec<u32> = hits.iter().map(|h| h.sentence).collect();
                    sentences.dedup();
                    sentences.into_iter().find_map(|s| {
                        match_combination(combo, hits.iter().filter(move |h| h.sentence == s))
                    })
                }
            };
            if let Some(triggers) = found {
                let f = fired.get_or_insert_with(|| Fired {
                    triggers: Vec::new(),
                    whys: Vec::new(),
                });
                for t in triggers {
                    if !f
                        .triggers
                        .iter()
                        .any(|h| h.first == t.first && h.last == t.last)
                    {
                        f.triggers.push(t);
                    }
                }
                if !f.whys.contains(&&combo.why) {
                    f.whys.push(&combo.why);
                }
            }
        }
        fired
    }

    /// Every signal of the normalised post, after exceptions and context.
    fn find_hits(
        &self,
        text: &str,
        norm: &Normalized,
        date: Date,
        calendar: &Calendar,
        words: &mut Vec<u32>,
    ) -> Vec<Hit> {
        let mut raw: Vec<(Role, usize, usize)> = Vec::with_capacity(norm.tokens.len());
        self.phrases.find_in(norm, words, |id, first, last| {
            for &role in &self.roles[id] {
                raw.push((role, first, last));
            }
        });
        if raw.is_empty() {
            return Vec::new();
        }
        // The post's language: the one with more function words; both when
        // neither wins (short posts, hashtags only).
        let (fr, en) = raw
            .iter()
            .fold((0usize, 0usize), |(fr, en), (role, ..)| match role {
                Role::Marker(l) if *l == Langs::FR => (fr + 1, en),
                Role::Marker(_) => (fr, en + 1),
                _ => (fr, en),
            });
        let post_langs = match fr.cmp(&en) {
            std::cmp::Ordering::Greater => Langs::FR,
            std::cmp::Ordering::Less => Langs::EN,
            std::cmp::Ordering::Equal => Langs::BOTH,
        };
        let is_civic =
            |role: &Role| matches!(role, Role::Signal(s, _) if self.signals[usize::from(*s)].civic);
        let exceptions: Vec<(usize, usize)> = raw
            .iter()
            .filter(|(r, ..)| {
                *r == Role::Exception
                    || (is_civic(r) && matches!(r, Role::Signal(_, l) if l.meets(post_langs)))
            })
            .map(|&(_, f, l)| (f, l))
            .collect();
        let in_exception =
            |first: usize, last: usize| exceptions.iter().any(|&(f, l)| first <= l && f <= last);
        let sentence = |i: usize| norm.tokens[i].sentence;
        let hit = |signal: u16, first: usize, last: usize| Hit {
            signal,
            first,
            last,
            sentence: sentence(first),
        };

        let mut hits: Vec<Hit> = Vec::new();
        for &(role, first, last) in &raw {
            match role {
                Role::Signal(s, langs)
                    if langs.meets(post_langs)
                        && (self.signals[usize::from(s)].civic || !in_exception(first, last)) =>
                {
                    hits.push(hit(s, first, last));
                }
                Role::PersonStart if first == last => {
                    if let Some(name) = self.person_name(text, norm, first) {
                        hits.push(hit(self.person, first, name));
                    }
                    if let Some(place) = self.name_for_place_hashtag(norm, first) {
                        hits.push(hit(self.campaign_hashtag, first, place));
                    }
                    if let Some(start) = self.word_before_name_in_hashtag(norm, first) {
                        hits.push(hit(self.campaign_hashtag, start, first));
                    }
                }
                Role::Emphatic if first == last => {
                    let repeated = norm.tokens.get(first + 1).is_some_and(|next| {
                        let then = norm.word(first + 1);
                        (then == norm.word(first) || self.emphatic_then.iter().any(|w| w == then))
                            && next.sentence == norm.tokens[first].sentence
                            && text
                                .get(norm.tokens[first].orig.end..next.orig.start)
                                .is_some_and(|gap| gap.contains(','))
                    });
                    if repeated {
                        hits.push(hit(self.emphatic_we, first, first + 1));
                    }
                }
                Role::Title => {
                    if let Some(name) = self.name_before_title(text, norm, first) {
                        hits.push(hit(self.vote_name, name, last));
                    }
                }
                Role::VoteNameTrigger if !in_exception(first, last) => {
                    if let Some(name) = self.name_after(norm, last, &self.name_stopwords, false) {
                        hits.push(hit(self.vote_name, first, name));
                    }
                }
                Role::HashtagPrefix if norm.tokens[first].tag_start => {
                    if let Some(name) = self.name_after(norm, last, &self.hashtag_stopwords, true) {
                        hits.push(hit(self.campaign_hashtag, first, name));
                    }
                }
                Role::Month(month) => match day_next_to(norm, first, last) {
                    Some((day_tok, day)) => {
                        if calendar
                            .rounds_near(date)
                            .any(|r| r.month() == month && r.day() == day)
                        {
                            hits.push(hit(self.vote_date, first.min(day_tok), last.max(day_tok)));
                        }
                    }
                    // « En mars » alone is weaker: the month of many events.
                    None => {
                        let before = first.checked_sub(1).filter(|&b| {
                            norm.tokens[b].sentence == norm.tokens[first].sentence
                                && self.month_after.iter().any(|w| w == norm.word(b))
                        });
                        if let Some(b) = before
                            && calendar.rounds_near(date).any(|r| r.month() == month)
                        {
                            hits.push(hit(self.vote_month, b, last));
                        }
                    }
                },
                // « dimanche » and « demain » are the day of a vote when the
                // coming Sunday, or the next day, is one.
                Role::Sunday
                    if next_sunday(date)
                        .is_some_and(|s| calendar.rounds_near(date).any(|r| r == s)) =>
                {
                    hits.push(hit(self.vote_date, first, last));
                }
                Role::Tomorrow
                    if date
                        .tomorrow()
                        .is_ok_and(|t| calendar.rounds_near(date).any(|r| r == t)) =>
                {
                    hits.push(hit(self.vote_date, first, last));
                }
                Role::ListWord => {
                    if let Some(name) = quoted_name_after(text, norm, last) {
                        hits.push(hit(self.candidacy, first, name));
                    }
                }
                Role::WillSubject if !in_exception(first, last) => {
                    if let Some(verb) = verb_after(&self.future_tense, text, norm, last) {
                        hits.push(hit(self.we_will, first, verb));
                    }
                }
                Role::WeSubject if !in_exception(first, last) => {
                    if let Some(verb) = verb_after(&self.past_tense, text, norm, last) {
                        hits.push(hit(self.we_did, first, verb));
                    }
                }
                _ => {}
            }
        }
        // Ambiguous names last: they need the other signals as context.
        let mut parties = Vec::new();
        for &(role, first, last) in &raw {
            let Role::Ambiguous(a) = role else { continue };
            let info = &self.ambiguous[usize::from(a)];
            if in_exception(first, last) || !self.written_as_party(norm, info, first, last) {
                continue;
            }
            let s = sentence(first);
            let context = hits.iter().any(|h| {
                (info.context == Scope::Post || h.sentence == s)
                    && self.ambiguous_context.contains(&h.signal)
                    && (h.last < first || h.first > last)
            });
            if context {
                parties.push(hit(self.party, first, last));
            }
        }
        hits.extend(parties);
        hits.sort_by_key(|h| (h.first, h.last, h.signal));
        hits.dedup_by_key(|h| (h.first, h.last, h.signal));
        hits
    }

    fn written_as_party(
        &self,
        norm: &Normalized,
        info: &AmbiguousInfo,
        first: usize,
        last: usize,
    ) -> bool {
        let tokens = &norm.tokens;
        let case_ok = match info.case {
            CaseRule::Any => true,
            CaseRule::Capitalized => tokens[first].capitalized,
            CaseRule::Upper => tokens[first..=last].iter().all(|t| t.all_caps),
        };
        if !case_ok {
            return false;
        }
        if info.not_sentence_start && tokens[first].sentence_start {
            return false;
        }
        let next = tokens
            .get(last + 1)
            .filter(|t| t.sentence == tokens[last].sentence);
        if info.not_before_number && next.is_some_and(|t| t.number) {
            return false;
        }
        if next.is_some_and(|_| info.not_before.iter().any(|w| w == norm.word(last + 1))) {
            return false;
        }
        let previous = first
            .checked_sub(1)
            .filter(|&p| tokens[p].sentence == tokens[first].sentence);
        if previous.is_some_and(|p| info.not_after.iter().any(|w| w == norm.word(p))) {
            return false;
        }
        true
    }

    /// The surname after a first name or a title at token `start`
    /// (« Hélène Roux », « Mme Garnier »), not after a place word.
    fn person_name(&self, text: &str, norm: &Normalized, start: usize) -> Option<usize> {
        let (s, next) = (&norm.tokens[start], norm.tokens.get(start + 1)?);
        if !s.capitalized
            || !next.capitalized
            || next.number
            || next.sentence != s.sentence
            || next.sentence_start
        {
            return None;
        }
        let gap = text.get(s.orig.end..next.orig.start)?;
        if !gap.chars().all(|c| c.is_whitespace() || c == '.') || gap.is_empty() {
            return None;
        }
        if self
            .name_stopwords
            .iter()
            .any(|w| w == norm.word(start + 1))
        {
            return None;
        }
        let after_place = start.checked_sub(1).is_some_and(|p| {
            norm.tokens[p].sentence == s.sentence
                && self.person_not_after.iter().any(|w| w == norm.word(p))
        });
        (!after_place).then_some(start + 1)
    }

    /// The capitalised name right before the title at token `title`, written
    /// « Dupont maire » at the end of a sentence or `#DupontMaire`.
    fn name_before_title(&self, text: &str, norm: &Normalized, title: usize) -> Option<usize> {
        let name = title.checked_sub(1)?;
        let (n, t) = (&norm.tokens[name], &norm.tokens[title]);
        if n.sentence != t.sentence || !n.capitalized || n.number {
            return None;
        }
        if self.name_stopwords.iter().any(|s| s == norm.word(name)) {
            return None;
        }
        let same_tag = n.in_tag && t.in_tag && !t.tag_start && n.orig.end == t.orig.start;
        let only_space_between = text
            .get(n.orig.end..t.orig.start)
            .is_some_and(|gap| gap.chars().all(char::is_whitespace));
        let ends_sentence = norm
            .tokens
            .get(title + 1)
            .is_none_or(|next| next.sentence != t.sentence);
        (same_tag || (only_space_between && ends_sentence)).then_some(name)
    }

    /// `#ÉlodiePourAlbi`, `#MarieDupontPourNantes`: a hashtag that starts
    /// with the first name at token `first`, then (after an optional
    /// surname) a joining word and a capitalised place. Returns the place.
    fn name_for_place_hashtag(&self, norm: &Normalized, first: usize) -> Option<usize> {
        let start = &norm.tokens[first];
        if !start.tag_start || !start.capitalized {
            return None;
        }
        // The tokens of the same hashtag after the first name.
        let in_same_tag = |i: usize| {
            norm.tokens
                .get(i)
                .filter(|t| t.in_tag && !t.tag_start && t.orig.start == norm.tokens[i - 1].orig.end)
        };
        let mut join = first + 1;
        in_same_tag(join)?;
        if !self.hashtag_name_then.iter().any(|w| w == norm.word(join)) {
            join += 1;
            in_same_tag(join)?;
            if !self.hashtag_name_then.iter().any(|w| w == norm.word(join)) {
                return None;
            }
        }
        let place = join + 1;
        let t = in_same_tag(place)?;
        let stopword = self.hashtag_stopwords.iter().any(|w| w == norm.word(place));
        (t.capitalized && !t.number && !stopword).then_some(place)
    }

    /// `#TeamLéa`, `@JeunesAvecNathalie`: the first name at token `first`
    /// comes right after one of `before_first_name` in the same hashtag or
    /// mention. Returns that word.
    fn word_before_name_in_hashtag(&self, norm: &Normalized, first: usize) -> Option<usize> {
        let name = &norm.tokens[first];
        let before = first.checked_sub(1)?;
        let b = &norm.tokens[before];
        let same_tag = name.in_tag && !name.tag_start && b.in_tag && b.orig.end == name.orig.start;
        (same_tag
            && name.capitalized
            && self
                .hashtag_before_first_name
                .iter()
                .any(|w| w == norm.word(before)))
        .then_some(before)
    }

    /// The token right after `last` when it is a capitalised name (not a
    /// stopword, same sentence; inside the same hashtag when `same_tag`).
    fn name_after(
        &self,
        norm: &Normalized,
        last: usize,
        stopwords: &[String],
        same_tag: bool,
    ) -> Option<usize> {
        let next = norm.tokens.get(last + 1)?;
        let cur = &norm.tokens[last];
        if next.sentence != cur.sentence || next.sentence_start || !next.capitalized || next.number
        {
            return None;
        }
        if same_tag && !(next.in_tag && !next.tag_start && next.orig.start == cur.orig.end) {
            return None;
        }
        let word = norm.word(last + 1);
        if stopwords.iter().any(|s| s == word) {
            return None;
        }
        Some(last + 1)
    }
}

/// The verb right after the subject at token `last` (one adverb may stand
/// between) when its form matches `rule`.
fn verb_after(rule: &VerbForm, text: &str, norm: &Normalized, last: usize) -> Option<usize> {
    let same_sentence = |i: usize| {
        norm.tokens
            .get(i)
            .is_some_and(|t| t.sentence == norm.tokens[last].sentence && !t.number)
    };
    let mut verb = last + 1;
    if same_sentence(verb) && rule.adverbs.iter().any(|a| a == norm.word(verb)) {
        verb += 1;
    }
    if !same_sentence(verb) {
        return None;
    }
    let word = norm.word(verb);
    if rule.not.iter().any(|w| w == word) {
        return None;
    }
    if rule.participles.iter().any(|w| w == word) {
        return Some(verb);
    }
    let written = text.get(norm.tokens[verb].orig.clone())?.to_lowercase();
    // The verb is a word longer than its ending.
    rule.endings
        .iter()
        .any(|e| written.ends_with(e.as_str()) && written.len() > e.len() + 1)
        .then_some(verb)
}

/// The compiled [`super::lexicon::VerbFormRule`] (words folded).
struct VerbForm {
    adverbs: Vec<String>,
    endings: Vec<String>,
    participles: Vec<String>,
    not: Vec<String>,
}

impl VerbForm {
    fn new(rule: &super::lexicon::VerbFormRule) -> VerbForm {
        let fold_all = |words: &[String]| words.iter().map(|w| fold_phrase(w)).collect();
        VerbForm {
            adverbs: fold_all(&rule.adverbs),
            endings: rule.endings.iter().map(|e| e.to_lowercase()).collect(),
            participles: fold_all(&rule.participles),
            not: fold_all(&rule.not),
        }
    }
}

struct Fired<'h> {
    triggers: Vec<Hit>,
    whys: Vec<&'h Localized>,
}

/// The hits that satisfy a combination among `hits`, or `None`.
fn match_combination<'a>(
    combo: &CompiledCombination,
    hits: impl Iterator<Item = &'a Hit> + Clone,
) -> Option<Vec<Hit>> {
    if combo
        .none
        .iter()
        .any(|s| hits.clone().any(|h| h.signal == *s))
    {
        return None;
    }
    // Each entry needs its own words: « continuons ensemble » is a slogan
    // and contains an appeal, but one phrase is not two signals.
    let mut triggers: Vec<Hit> = Vec::with_capacity(combo.all.len() + 1);
    let free = |h: &Hit, taken: &[Hit]| taken.iter().all(|t| h.last < t.first || h.first > t.last);
    for entry in &combo.all {
        let found = *hits
            .clone()
            .find(|h| entry.contains(&h.signal) && free(h, &triggers))?;
        triggers.push(found);
    }
    if !combo.any.is_empty() {
        let found = *hits
            .clone()
            .find(|h| combo.any.contains(&h.signal) && free(h, &triggers))?;
        triggers.push(found);
    }
    Some(triggers)
}

/// A day number (1–31) just before or after a month name: « 15 mars »,
/// « March 15 ».
fn day_next_to(norm: &Normalized, first: usize, last: usize) -> Option<(usize, i8)> {
    let day_at = |i: usize| -> Option<i8> {
        let t = norm.tokens.get(i)?;
        if !t.number {
            return None;
        }
        norm.word(i)
            .parse::<i8>()
            .ok()
            .filter(|d| (1..=31).contains(d))
    };
    if let Some(before) = first.checked_sub(1)
        && let Some(d) = day_at(before)
    {
        return Some((before, d));
    }
    day_at(last + 1).map(|d| (last + 1, d))
}

/// The token after `last` when the original text opens a quote between them
/// and that token is capitalised (« l’équipe « Vivre Albi » »).
fn quoted_name_after(text: &str, norm: &Normalized, last: usize) -> Option<usize> {
    let next = norm.tokens.get(last + 1)?;
    let cur = &norm.tokens[last];
    if next.sentence != cur.sentence || !next.capitalized {
        return None;
    }
    let gap = text.get(cur.orig.end..next.orig.start)?.trim();
    matches!(gap, "«" | "“" | "\"" | "‘").then_some(last + 1)
}

/// The Sunday a post means by « dimanche »: the day itself when posted on a
/// Sunday, otherwise the coming one.
fn next_sunday(date: Date) -> Option<Date> {
    // Monday is 0, Sunday 6.
    let ahead = 6 - i64::from(date.weekday().to_monday_zero_offset());
    date.checked_add(ahead.days()).ok()
}

/// « a », « b » (French) or “a”, “b” (English): the original words of the
/// triggers, without repeats.
fn quote_words(text: &str, norm: &Normalized, triggers: &[Hit], lang: Lang) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for h in triggers {
        let w = &text[norm.original_span(h.first, h.last)];
        if !seen.contains(&w) {
            seen.push(w);
        }
    }
    seen.iter()
        .take(4)
        .map(|w| quote(w, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `1,5` in French, `1.5` in English.
fn decimal(x: f32, lang: Lang) -> String {
    let s = format!("{x:.1}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// « mot » in French, “word” in English.
fn quote(w: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("«\u{a0}{w}\u{a0}»"),
        Lang::En => format!("“{w}”"),
    }
}

/// Collects the phrases of the pack into patterns, one per
/// distinct folded phrase.
#[derive(Default)]
struct PatternBuilder {
    patterns: Vec<String>,
    roles: Vec<Vec<Role>>,
    prefix: Vec<bool>,
    index: HashMap<String, usize>,
}

impl PatternBuilder {
    fn add(&mut self, phrase: &str, role: Role) -> Result<(), LexiconError> {
        let trimmed = phrase.trim();
        let (body, is_prefix) = match trimmed.strip_suffix('*') {
            Some(b) => (b, true),
            None => (trimmed, false),
        };
        let folded = fold_phrase(body);
        if folded.is_empty() {
            return Err(LexiconError::Invalid(format!(
                "the phrase « {phrase} » has no word in it"
            )));
        }
        // The same words may be a whole-word phrase and a prefix phrase.
        let pattern = if is_prefix {
            format!("{folded}*")
        } else {
            folded
        };
        let id = match self.index.get(&pattern) {
            Some(&id) => id,
            None => {
                self.patterns
                    .push(pattern.trim_end_matches('*').to_string());
                self.roles.push(Vec::new());
                self.prefix.push(is_prefix);
                self.index.insert(pattern, self.patterns.len() - 1);
                self.patterns.len() - 1
            }
        };
        if !self.roles[id].contains(&role) {
            self.roles[id].push(role);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn detector() -> Detector {
        Detector::builtin()
    }

    fn rules(text: &str, d: Date) -> Vec<(String, Severity, String)> {
        let cal = Calendar::builtin();
        detector()
            .check(text, d, &cal, Lang::Fr)
            .into_iter()
            .map(|f| (f.rule, f.severity, text[f.span].to_string()))
            .collect()
    }

    const OUTSIDE: Date = date(2026, 6, 15);

    #[test]
    fn a_finding_spans_exactly_the_words_that_triggered_it() {
        let text =
            "Bonjour à tous ! Dimanche 15 mars, votez pour la liste de Marie Dupont. À bientôt.";
        let found = rules(text, OUTSIDE);
        assert_eq!(found.len(), 1, "{found:?}");
        let (rule, severity, span) = &found[0];
        assert_eq!(
            (rule.as_str(), *severity),
            ("political.partisan", Severity::Error)
        );
        // The vote call, the date of the vote and the named person, nothing else.
        assert_eq!(span, "15 mars, votez pour la liste de Marie Dupont");
    }

    #[test]
    fn hashtags_in_camel_case_and_capitals_are_seen() {
        assert_eq!(
            rules("Tous mobilisés ! #VotezDupont", OUTSIDE)[0].2,
            "VotezDupont"
        );
        assert!(!rules("VOTEZ POUR DUPONT LE 15 MARS", OUTSIDE).is_empty());
    }

    #[test]
    fn ambiguous_abbreviations_need_a_political_context() {
        assert!(
            rules(
                "La RN 7 est fermée entre Fréjus et Puget, déviation par la D25.",
                OUTSIDE
            )
            .is_empty()
        );
        assert!(rules("PS : la mairie sera fermée lundi.", OUTSIDE).is_empty());
        assert!(
            rules(
                "Concert à la salle Renaissance samedi, entrée libre.",
                OUTSIDE
            )
            .is_empty()
        );
        assert!(rules("Tous ensemble pour le Téléthon !", OUTSIDE).is_empty());
        let found = rules("Le RN veut fermer le centre social : honte à eux.", OUTSIDE);
        assert!(
            found.iter().any(|(r, ..)| r == "political.partisan"),
            "{found:?}"
        );
    }

    #[test]
    fn civic_phrases_are_not_signals() {
        for civic in [
            "Conseil municipal jeudi : vote du budget et ordre du jour en ligne.",
            "Campagne de vaccination contre la grippe au centre de santé.",
            "Programme des festivités du 14 juillet : bal et feu d’artifice.",
            "Bilan de la saison : 40 000 entrées à la piscine.",
            "Budget participatif : votez pour vos projets préférés.",
        ] {
            assert!(rules(civic, date(2026, 3, 14)).is_empty(), "{civic}");
        }
    }

    #[test]
    fn achievement_is_info_outside_a_window_and_an_error_inside() {
        let post =
            "Promesse tenue : trois écoles rénovées grâce à l’action de la majorité municipale !";
        assert_eq!(rules(post, OUTSIDE)[0].1, Severity::Info);
        let inside = rules(post, date(2026, 1, 20));
        assert_eq!(
            (inside[0].0.as_str(), inside[0].1),
            ("political.achievement", Severity::Error)
        );
    }

    #[test]
    fn messages_name_the_words_and_the_reason_in_the_users_language() {
        let cal = Calendar::builtin();
        let d = detector();
        let post = "Promesse tenue pour la médiathèque !";
        let fr = d.check(post, date(2026, 1, 20), &cal, Lang::Fr);
        assert!(
            fr[0].message.contains("«\u{a0}Promesse tenue\u{a0}»"),
            "{}",
            fr[0].message
        );
        assert!(
            fr[0].message.contains("1er septembre 2025") && fr[0].message.contains("22 mars 2026")
        );
        assert!(fr[0].message.contains("L52-1"));
        let en = d.check(post, date(2026, 1, 20), &cal, Lang::En);
        assert!(
            en[0].message.contains("“Promesse tenue”")
                && en[0].message.contains("1 September 2025")
        );
        assert!(
            !en[0].message.contains('{'),
            "every placeholder is filled: {}",
            en[0].message
        );
    }

    #[test]
    fn the_post_language_selects_the_phrases() {
        // « meeting » is a campaign word in French, not in English.
        assert!(
            rules(
                "Council meeting tonight at 7pm: the agenda is online.",
                OUTSIDE
            )
            .is_empty()
        );
        assert!(
            !rules(
                "Grand meeting de notre candidate jeudi soir à la salle des fêtes.",
                OUTSIDE
            )
            .is_empty()
        );
    }

    #[test]
    fn signals_explain_what_was_found() {
        let cal = Calendar::builtin();
        let text = "Contrairement à l’ancienne équipe, nous avons baissé les impôts.";
        let names: Vec<String> = detector()
            .signals(text, OUTSIDE, &cal)
            .into_iter()
            .map(|s| s.signal)
            .collect();
        assert!(
            names.contains(&"previous-team".to_string()) && names.contains(&"contrast".to_string()),
            "{names:?}"
        );
    }

    #[test]
    fn a_pack_with_an_unknown_signal_in_a_combination_is_refused() {
        let yaml = BUILTIN_PACK_FOR_TESTS.replacen("all: [attack]", "all: [atack]", 1);
        let err = Detector::from_yaml(&yaml).err().expect("refused");
        assert!(err.to_string().contains("atack"), "{err}");
    }

    const BUILTIN_PACK_FOR_TESTS: &str = super::super::lexicon::BUILTIN_PACK;
}

#[cfg(test)]
mod scoring_tests {
    use super::*;
    use jiff::civil::date;

    /// The findings of the built-in pack on `text`, its partisan score
    /// given made-up `weights` on top of the learnt ones, so that a test
    /// does not depend on what was learnt.
    fn check_with_weights(weights: &[(&str, f32)], text: &str) -> Vec<Finding> {
        let mut pack = PoliticalPack::builtin();
        let scoring = pack
            .data
            .scoring
            .as_mut()
            .expect("the built-in pack has a scoring layer");
        for &(feature, weight) in weights {
            scoring.partisan.weights.push(feature, weight);
        }
        let detector = Detector::from_pack(&pack).expect("pack");
        detector.check(text, date(2026, 6, 15), &Calendar::builtin(), Lang::Fr)
    }

    #[test]
    fn the_scoring_layer_only_warns_and_names_its_words() {
        // « élections » is a political cue, not a finding by itself.
        let text = "Une grenouille verte au jardin, avant les élections.";
        let findings = check_with_weights(&[("grenouille", 50.0), ("verte", 1.0)], text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!((f.rule.as_str(), f.severity), (PARTISAN, Severity::Warning));
        assert!(
            f.message.contains("«\u{a0}grenouille\u{a0}»"),
            "{}",
            f.message
        );
        assert!(f.message.contains("seuil"), "{}", f.message);
        assert_eq!(&text[f.span.clone()], "grenouille verte");
    }

    #[test]
    fn the_scoring_layer_reads_posts_without_any_signal() {
        // Keyword-free campaign posts raise no signal: the score is what
        // finds them.
        let findings =
            check_with_weights(&[("grenouille", 50.0)], "Une grenouille verte au jardin.");
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].severity, Severity::Warning);
    }

    #[test]
    fn a_word_that_weighs_against_keeps_a_post_below_the_threshold() {
        let weights = [("grenouille", 50.0), ("mare", -60.0)];
        let text = "Une grenouille verte dans la mare du jardin.";
        assert!(check_with_weights(&weights, text).is_empty());
    }

    #[test]
    fn the_score_reads_the_phrase_sets_word_numbers_as_it_reads_the_words() {
        // The detector scores a post from the numbers its phrase set gave
        // the words; they must give the sums of a look-up by text.
        let detector = Detector::builtin();
        let scoring = detector.scoring.as_ref().expect("scoring");
        let mut posts = 0;
        for text in include_str!("../../tests/fixtures/political/eval.yaml")
            .lines()
            .chain(include_str!("../../tests/fixtures/political/holdout-42.yaml").lines())
            .filter_map(|l| l.split_once("text: ").map(|(_, t)| t))
        {
            let norm = crate::political::normalize::normalize(text);
            let mut words = Vec::new();
            detector.phrases.find_in(&norm, &mut words, |_, _, _| {});
            let [a, b] = scoring.values(&norm);
            let [c, d] = scoring.values_with(&norm, &words);
            assert!((a - c).abs() < 1e-4 && (b - d).abs() < 1e-4, "{text}");
            posts += 1;
        }
        assert!(posts > 700, "{posts}");
    }

    #[test]
    fn stems_join_the_forms_of_a_word() {
        let findings = check_with_weights(&[("greno*", 50.0)], "Des grenouillages au jardin.");
        assert_eq!(findings.len(), 1, "{findings:?}");
    }
}
