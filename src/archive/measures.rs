//! The measures of an account's history, accumulated post by post.
//!
//! [`Audit`] holds only totals, per-month totals and small tables (distinct
//! hashtags, apps, accounts): its size does not grow with the number of
//! posts, so a 200,000-post archive is audited in a few megabytes. The
//! definitions (what counts as a reply, a self-thread, automation…) are in
//! `docs/archive.md`.

use super::clock::{Day, Month, paris_day};
use super::post::{Identity, Post, PostKind};
use super::sources::{Tool, ToolKind, automation_tool, parse_source};
use super::{Problem, ProblemKind};
use crate::diagnostic::{Finding, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// What the audit needs to know about the account beyond its posts.
#[derive(Clone, Debug, Default)]
pub struct AuditSettings {
    pub account: Identity,
    /// Display name, from `account.js` or the config.
    pub display_name: Option<String>,
    /// Official hashtags, without `#`, in their official spelling.
    pub official_hashtags: Vec<String>,
    /// The official website (an address or a bare domain).
    pub website: Option<String>,
    /// Local accounts whose posts the account should relay (handles,
    /// with or without `@`).
    pub local_accounts: Vec<String>,
    /// Pre-election windows, to place political findings.
    pub windows: Vec<ElectionWindow>,
    /// The day the audit is made (for "days since the last post").
    pub today: Option<Day>,
}

/// A pre-election period: from `start` to `end`, both included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ElectionWindow {
    pub name: String,
    pub start: Day,
    pub end: Day,
}

/// Counts of posts, for the whole history or one month.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub posts: u64,
    /// The account's own announcements (not a reply, repost or quote).
    pub originals: u64,
    /// Replies to the account's own posts (threads).
    pub self_threads: u64,
    /// Replies to other accounts.
    pub replies: u64,
    pub quotes: u64,
    pub reposts: u64,
    /// Reposts of one of the configured local accounts.
    pub local_reposts: u64,
    /// Own posts (not reposts) that mention another account.
    pub with_mentions: u64,
    /// Own posts that ask a question.
    pub questions: u64,
    /// Posts holding a poll (only when the file shows polls).
    pub polls: u64,
    pub with_media: u64,
    /// Posts sent by a feed, scheduling or cross-posting tool.
    pub automated: u64,
    pub feed: u64,
    pub scheduler: u64,
    pub crosspost: u64,
    /// Own posts with at least one link (links to posts excluded).
    pub with_links: u64,
    /// Own posts linking to the official website.
    pub website_links: u64,
    /// Own posts using an official hashtag in its official spelling.
    pub official_hashtag: u64,
    /// Own posts using a near-miss of an official hashtag.
    pub misspelled_hashtag: u64,
    /// Posts with at least one finding of the draft rules, by the highest
    /// severity found.
    pub posts_with_errors: u64,
    pub posts_with_warnings: u64,
    pub posts_with_infos: u64,
    /// Posts with a `political.*` finding.
    pub political: u64,
}

impl Counts {
    /// Reposts are someone else's words: text measures leave them out.
    pub fn own_posts(&self) -> u64 {
        self.posts - self.reposts
    }

    /// Posts that engage with others: replies to other accounts, quotes
    /// and reposts.
    pub fn dialogue(&self) -> u64 {
        self.replies + self.quotes + self.reposts
    }

    /// Posts that only announce: originals and their threads.
    pub fn broadcast(&self) -> u64 {
        self.originals + self.self_threads
    }
}

/// A hashtag's place with respect to the official ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HashtagClass {
    Official,
    /// Index of the official hashtag it misses.
    NearMiss(usize),
    Other,
}

struct HashtagStat {
    posts: u64,
    class: HashtagClass,
}

struct RuleStat {
    severity: Severity,
    posts: u64,
    examples: Vec<PostExample>,
}

/// A post shown as an example of a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostExample {
    pub id: Option<String>,
    pub day: Day,
    pub excerpt: String,
    pub message: String,
}

const EXAMPLES_PER_RULE: usize = 3;
const EXAMPLES_PER_WINDOW: usize = 5;
const PROBLEM_EXAMPLES: usize = 5;
const TOP: usize = 10;

#[derive(Default)]
struct WindowStat {
    posts: u64,
    by_rule: BTreeMap<String, u64>,
    examples: Vec<PostExample>,
}

#[derive(Default)]
struct ProblemStat {
    count: u64,
    skipped: u64,
    examples: Vec<ProblemExample>,
}

/// Where a problem was found, for the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProblemExample {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub detail: String,
}

/// The running audit. Feed it posts with [`Audit::add`], then
/// [`Audit::finish`].
pub struct Audit {
    settings: AuditSettings,
    website_host: Option<String>,
    local_accounts: HashSet<String>,
    totals: Counts,
    months: BTreeMap<Month, Counts>,
    active_days: HashSet<Day>,
    first: Option<Day>,
    last: Option<Day>,
    hashtags: HashMap<String, HashtagStat>,
    /// `source` field → (app name, automation tool).
    apps: HashMap<String, (String, Option<&'static Tool>)>,
    /// App name → (posts, automation kind).
    app_posts: HashMap<String, (u64, Option<ToolKind>)>,
    /// Automation tool → (kind, posts).
    tool_posts: BTreeMap<&'static str, (ToolKind, u64)>,
    mentioned: HashSet<u64>,
    mentioned_by_name: HashSet<String>,
    replied_to: HashSet<u64>,
    /// Handles answered by self-thread replies, when the account was not
    /// given (to name it in the report).
    inferred_handles: HashMap<String, u64>,
    polls_known: bool,
    rules: BTreeMap<String, RuleStat>,
    windows: Vec<WindowStat>,
    political_outside: WindowStat,
    political_by_month: BTreeMap<Month, u64>,
    problems: BTreeMap<ProblemKind, ProblemStat>,
    files: Vec<String>,
}

impl Audit {
    pub fn new(settings: AuditSettings) -> Self {
        let website_host = settings
            .website
            .as_deref()
            .and_then(host_of)
            .map(|h| h.to_ascii_lowercase());
        let local_accounts = settings
            .local_accounts
            .iter()
            .map(|h| h.trim().trim_start_matches('@').to_ascii_lowercase())
            .collect();
        let windows = settings
            .windows
            .iter()
            .map(|_| WindowStat::default())
            .collect();
        Audit {
            settings,
            website_host,
            local_accounts,
            totals: Counts::default(),
            months: BTreeMap::new(),
            active_days: HashSet::new(),
            first: None,
            last: None,
            hashtags: HashMap::new(),
            apps: HashMap::new(),
            app_posts: HashMap::new(),
            tool_posts: BTreeMap::new(),
            mentioned: HashSet::new(),
            mentioned_by_name: HashSet::new(),
            replied_to: HashSet::new(),
            inferred_handles: HashMap::new(),
            polls_known: false,
            rules: BTreeMap::new(),
            windows,
            political_outside: WindowStat::default(),
            political_by_month: BTreeMap::new(),
            problems: BTreeMap::new(),
            files: Vec::new(),
        }
    }

    pub fn settings(&self) -> &AuditSettings {
        &self.settings
    }

    /// Notes a data file read (for the report).
    pub fn add_file(&mut self, name: &str) {
        self.files.push(name.to_string());
    }

    /// Notes a problem with one post of `file`.
    pub fn add_problem(&mut self, file: &str, problem: Problem) {
        let stat = self.problems.entry(problem.kind).or_default();
        stat.count += 1;
        if problem.skipped {
            stat.skipped += 1;
        }
        if stat.examples.len() < PROBLEM_EXAMPLES {
            stat.examples.push(ProblemExample {
                file: file.to_string(),
                line: problem.line,
                column: problem.column,
                detail: problem.detail,
            });
        }
    }

    /// The kind of a post for this account. Without an account id or
    /// handle, a reply is a self-thread when its text does not start with
    /// the handle it answers: X writes that handle at the start of every
    /// reply to someone else, never in a thread of one's own.
    pub fn kind_of(&self, post: &Post<'_>) -> PostKind {
        let account = &self.settings.account;
        if account.id.is_some() || account.handle.is_some() {
            return post.kind(account);
        }
        match post.kind(account) {
            PostKind::Reply if !starts_with_reply_handle(post) => PostKind::SelfThread,
            kind => kind,
        }
    }

    /// Adds one post and the findings of the draft rules on it.
    pub fn add(&mut self, post: &Post<'_>, findings: &[Finding]) {
        let day = paris_day(post.created_at);
        let kind = self.kind_of(post);
        let mut delta = Counts {
            posts: 1,
            ..Counts::default()
        };
        match kind {
            PostKind::Repost => {
                delta.reposts = 1;
                if let Some(author) = post.reposted_account()
                    && self.local_accounts.contains(&author.to_ascii_lowercase())
                {
                    delta.local_reposts = 1;
                }
            }
            PostKind::Reply => {
                delta.replies = 1;
                if let Some(user) = post.in_reply_to_user {
                    self.replied_to.insert(user);
                }
            }
            PostKind::SelfThread => {
                delta.self_threads = 1;
                if self.settings.account.id.is_none()
                    && self.settings.account.handle.is_none()
                    && let Some(name) = post.in_reply_to_screen_name.as_deref()
                {
                    match self.inferred_handles.get_mut(name) {
                        Some(count) => *count += 1,
                        None => {
                            self.inferred_handles.insert(name.to_string(), 1);
                        }
                    }
                }
            }
            PostKind::Quote => delta.quotes = 1,
            PostKind::Original => delta.originals = 1,
        }
        if post.media > 0 {
            delta.with_media = 1;
        }
        if let Some(poll) = post.poll {
            self.polls_known = true;
            delta.polls = poll as u64;
        }
        self.count_source(post, &mut delta);
        if kind != PostKind::Repost {
            self.count_own_text(post, &mut delta);
        }
        self.count_findings(post, day, findings, &mut delta);

        // Dates.
        self.active_days.insert(day);
        self.first = Some(self.first.map_or(day, |d| d.min(day)));
        self.last = Some(self.last.map_or(day, |d| d.max(day)));
        add_counts(&mut self.totals, &delta);
        add_counts(self.months.entry(day.month()).or_default(), &delta);
    }

    fn count_source(&mut self, post: &Post<'_>, delta: &mut Counts) {
        let Some(source) = post.source.as_deref() else {
            return;
        };
        let (name, tool) = match self.apps.get(source) {
            Some((name, tool)) => (name, *tool),
            None => {
                let name = parse_source(source).0.to_string();
                let tool = automation_tool(source);
                self.apps.insert(source.to_string(), (name, tool));
                let (name, tool) = &self.apps[source];
                (name, *tool)
            }
        };
        match self.app_posts.get_mut(name.as_str()) {
            Some(count) => count.0 += 1,
            None => {
                self.app_posts
                    .insert(name.clone(), (1, tool.map(|t| t.kind)));
            }
        }
        if let Some(tool) = tool {
            self.tool_posts
                .entry(tool.name.as_str())
                .or_insert((tool.kind, 0))
                .1 += 1;
            delta.automated = 1;
            match tool.kind {
                ToolKind::Feed => delta.feed = 1,
                ToolKind::Scheduler => delta.scheduler = 1,
                ToolKind::Crosspost => delta.crosspost = 1,
            }
        }
    }

    fn count_own_text(&mut self, post: &Post<'_>, delta: &mut Counts) {
        // Mentions of other accounts (the account itself excluded).
        let mut mentions_other = false;
        for mention in &post.mentions {
            if self
                .settings
                .account
                .is_self(mention.id, Some(&mention.screen_name))
            {
                continue;
            }
            mentions_other = true;
            match mention.id {
                Some(id) => {
                    self.mentioned.insert(id);
                }
                None => {
                    if !self
                        .mentioned_by_name
                        .contains(mention.screen_name.as_ref())
                    {
                        self.mentioned_by_name
                            .insert(mention.screen_name.to_ascii_lowercase());
                    }
                }
            }
        }
        delta.with_mentions = mentions_other as u64;
        delta.questions = post.asks_a_question() as u64;

        // Links.
        let mut links = false;
        let mut website = false;
        for url in &post.urls {
            if super::post::is_post_address(url) {
                continue;
            }
            links = true;
            if let (Some(official), Some(host)) = (&self.website_host, host_of(url)) {
                website |= same_site(host, official);
            }
        }
        delta.with_links = links as u64;
        delta.website_links = website as u64;

        // Hashtags, each counted once per post.
        let mut official = false;
        let mut near_miss = false;
        for (index, tag) in post.hashtags.iter().enumerate() {
            if post.hashtags[..index].iter().any(|seen| seen == tag) {
                continue;
            }
            let class = match self.hashtags.get_mut(tag.as_ref()) {
                Some(stat) => {
                    stat.posts += 1;
                    stat.class
                }
                None => {
                    let class = classify_hashtag(tag, &self.settings.official_hashtags);
                    self.hashtags
                        .insert(tag.to_string(), HashtagStat { posts: 1, class });
                    class
                }
            };
            match class {
                HashtagClass::Official => official = true,
                HashtagClass::NearMiss(_) => near_miss = true,
                HashtagClass::Other => {}
            }
        }
        delta.official_hashtag = official as u64;
        delta.misspelled_hashtag = near_miss as u64;
    }

    fn count_findings(
        &mut self,
        post: &Post<'_>,
        day: Day,
        findings: &[Finding],
        delta: &mut Counts,
    ) {
        if findings.is_empty() {
            return;
        }
        let worst = findings.iter().map(|f| f.severity).max();
        match worst {
            Some(Severity::Error) => delta.posts_with_errors = 1,
            Some(Severity::Warning) => delta.posts_with_warnings = 1,
            Some(Severity::Info) => delta.posts_with_infos = 1,
            None => {}
        }
        let mut political: Option<&Finding> = None;
        for (index, finding) in findings.iter().enumerate() {
            // A rule counts once per post, at its highest severity.
            if findings[..index].iter().any(|f| f.rule == finding.rule) {
                continue;
            }
            let severity = findings
                .iter()
                .filter(|f| f.rule == finding.rule)
                .map(|f| f.severity)
                .max()
                .unwrap_or(finding.severity);
            let stat = match self.rules.get_mut(finding.rule.as_str()) {
                Some(stat) => stat,
                None => self.rules.entry(finding.rule.clone()).or_insert(RuleStat {
                    severity,
                    posts: 0,
                    examples: Vec::new(),
                }),
            };
            stat.posts += 1;
            stat.severity = stat.severity.max(severity);
            if stat.examples.len() < EXAMPLES_PER_RULE {
                stat.examples.push(example(post, day, finding));
            }
            if finding.rule.starts_with("political.")
                && political.is_none_or(|p| p.severity < finding.severity)
            {
                political = Some(finding);
            }
        }
        let Some(finding) = political else {
            return;
        };
        delta.political = 1;
        *self.political_by_month.entry(day.month()).or_default() += 1;
        let window = self
            .settings
            .windows
            .iter()
            .position(|w| w.start <= day && day <= w.end);
        let stat = match window {
            Some(index) => &mut self.windows[index],
            None => &mut self.political_outside,
        };
        stat.posts += 1;
        for rule in findings
            .iter()
            .filter(|f| f.rule.starts_with("political."))
            .map(|f| &f.rule)
            .collect::<HashSet<_>>()
        {
            *stat.by_rule.entry(rule.clone()).or_default() += 1;
        }
        if stat.examples.len() < EXAMPLES_PER_WINDOW {
            stat.examples.push(example(post, day, finding));
        }
    }

    /// The report. `self` is consumed: the tables become sorted lists.
    pub fn finish(self) -> AuditReport {
        let Audit {
            settings,
            totals,
            months,
            active_days,
            first,
            last,
            hashtags,
            app_posts,
            tool_posts,
            mentioned,
            mentioned_by_name,
            replied_to,
            inferred_handles,
            polls_known,
            rules,
            windows,
            political_outside,
            political_by_month,
            problems,
            files,
            ..
        } = self;

        // Every month from the first post to the last, silent ones too.
        let mut month_reports = Vec::new();
        if let (Some(first), Some(last)) = (first, last) {
            let mut month = first.month();
            while month <= last.month() {
                month_reports.push(MonthReport {
                    month,
                    counts: months.get(&month).cloned().unwrap_or_default(),
                    political: political_by_month.get(&month).copied().unwrap_or(0),
                });
                month = month.next();
            }
        }

        let regularity = regularity(&active_days, first, last, totals.posts, settings.today);

        let mut tool_list: Vec<ToolUse> = tool_posts
            .into_iter()
            .map(|(name, (kind, posts))| ToolUse {
                name: name.to_string(),
                kind,
                posts,
            })
            .collect();
        tool_list.sort_by(|a, b| b.posts.cmp(&a.posts).then(a.name.cmp(&b.name)));
        let mut app_list: Vec<AppUse> = app_posts
            .into_iter()
            .map(|(name, (posts, automation))| AppUse {
                name,
                posts,
                automation,
            })
            .collect();
        app_list.sort_by(|a, b| b.posts.cmp(&a.posts).then(a.name.cmp(&b.name)));
        app_list.truncate(TOP);

        // Hashtags, each spelling on its own: a variant of the official
        // hashtag must show apart from it.
        let mut misspellings = Vec::new();
        let mut top = Vec::new();
        for (tag, stat) in &hashtags {
            if let HashtagClass::NearMiss(official) = stat.class {
                misspellings.push(Misspelling {
                    hashtag: format!("#{tag}"),
                    official: format!("#{}", settings.official_hashtags[official]),
                    posts: stat.posts,
                });
            }
            top.push(Named {
                name: format!("#{tag}"),
                posts: stat.posts,
            });
        }
        misspellings.sort_by(|a, b| b.posts.cmp(&a.posts).then(a.hashtag.cmp(&b.hashtag)));
        sort_named(&mut top);
        top.truncate(TOP);

        let mut rule_list: Vec<RuleReport> = rules
            .into_iter()
            .map(|(rule, stat)| RuleReport {
                category: rule.split('.').next().unwrap_or("").to_string(),
                rule,
                severity: stat.severity,
                posts: stat.posts,
                examples: stat.examples,
            })
            .collect();
        rule_list.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(b.posts.cmp(&a.posts))
                .then(a.rule.cmp(&b.rule))
        });

        // The windows that overlap the archive's period (or hold a finding).
        let window_reports = settings
            .windows
            .iter()
            .zip(windows)
            .filter(|(window, stat)| {
                stat.posts > 0
                    || (first.is_some_and(|f| window.end >= f)
                        && last.is_some_and(|l| window.start <= l))
            })
            .map(|(window, stat)| WindowReport {
                name: window.name.clone(),
                start: Some(window.start),
                end: Some(window.end),
                posts: stat.posts,
                by_rule: stat.by_rule,
                examples: stat.examples,
            })
            .collect();

        let handle = settings.account.handle.clone().or_else(|| {
            inferred_handles
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(name, _)| name)
        });

        let problem_reports: Vec<ProblemReport> = problems
            .into_iter()
            .map(|(kind, stat)| ProblemReport {
                kind,
                count: stat.count,
                skipped: stat.skipped,
                examples: stat.examples,
            })
            .collect();
        let skipped = problem_reports.iter().map(|p| p.skipped).sum();

        AuditReport {
            account: AccountReport {
                handle,
                id: settings.account.id.map(|id| id.to_string()),
                display_name: settings.display_name.clone(),
                official_hashtags: settings
                    .official_hashtags
                    .iter()
                    .map(|t| format!("#{t}"))
                    .collect(),
                website: settings.website.clone(),
                local_accounts: settings.local_accounts.len(),
                identified: settings.account.id.is_some() || settings.account.handle.is_some(),
            },
            files,
            first_post: first,
            last_post: last,
            today: settings.today,
            regularity,
            dialogue: DialogueReport {
                distinct_accounts_mentioned: (mentioned.len() + mentioned_by_name.len()) as u64,
                distinct_accounts_answered: replied_to.len() as u64,
                polls_known,
            },
            automation: tool_list,
            apps: app_list,
            hashtags: HashtagReport { top, misspellings },
            rules: rule_list,
            political: PoliticalReport {
                windows: window_reports,
                outside_windows: WindowReport {
                    name: String::new(),
                    start: None,
                    end: None,
                    posts: political_outside.posts,
                    by_rule: political_outside.by_rule,
                    examples: political_outside.examples,
                },
            },
            problems: ProblemsReport {
                skipped,
                kinds: problem_reports,
            },
            totals,
            months: month_reports,
        }
    }
}

fn add_counts(into: &mut Counts, delta: &Counts) {
    macro_rules! add {
        ($($field:ident),*) => { $( into.$field += delta.$field; )* };
    }
    add!(
        posts,
        originals,
        self_threads,
        replies,
        quotes,
        reposts,
        local_reposts,
        with_mentions,
        questions,
        polls,
        with_media,
        automated,
        feed,
        scheduler,
        crosspost,
        with_links,
        website_links,
        official_hashtag,
        misspelled_hashtag,
        posts_with_errors,
        posts_with_warnings,
        posts_with_infos,
        political
    );
}

fn example(post: &Post<'_>, day: Day, finding: &Finding) -> PostExample {
    PostExample {
        id: post.id.map(|id| id.to_string()),
        day,
        excerpt: excerpt(&post.text, 140),
        message: finding.message.clone(),
    }
}

fn excerpt(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let mut cut: String = flat.chars().take(max_chars - 1).collect();
    cut.push('…');
    cut
}

/// A reply to someone else starts with `@their_handle` (possibly after
/// other handles of the conversation).
fn starts_with_reply_handle(post: &Post<'_>) -> bool {
    let Some(target) = post.in_reply_to_screen_name.as_deref() else {
        // Without the handle, nothing says it is a thread of one's own.
        return true;
    };
    for word in post.text.split_whitespace() {
        let Some(handle) = word.strip_prefix('@') else {
            return false;
        };
        let handle = handle.trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        if handle.eq_ignore_ascii_case(target) {
            return true;
        }
    }
    false
}

/// The host of an address: `https://www.ville.fr/a` → `www.ville.fr`;
/// a bare domain is its own host.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .trim()
        .split_once("://")
        .map_or(url.trim(), |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// `www.ville.fr`, `ville.fr` and `agenda.ville.fr` are the same site.
fn same_site(host: &str, official: &str) -> bool {
    let strip = |h: &str| h.strip_prefix("www.").unwrap_or(h).to_string();
    let host = strip(host).to_ascii_lowercase();
    let official = strip(official);
    host == official || host.ends_with(&format!(".{official}"))
}

/// Case, accents, `_` and `-` folded: the spelling differences a reader does
/// not notice but that split a hashtag in two.
fn fold_hashtag(tag: &str) -> String {
    tag.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c) && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn classify_hashtag(tag: &str, official: &[String]) -> HashtagClass {
    if official.iter().any(|o| o == tag) {
        return HashtagClass::Official;
    }
    let folded = fold_hashtag(tag);
    for (index, o) in official.iter().enumerate() {
        let official_folded = fold_hashtag(o);
        if folded == official_folded {
            return HashtagClass::NearMiss(index);
        }
        // One or two typos on a long enough hashtag (#VileExemple).
        let typos = strsim::damerau_levenshtein(&folded, &official_folded);
        let allowed = match official_folded.chars().count() {
            0..=5 => 0,
            6..=9 => 1,
            _ => 2,
        };
        if typos <= allowed {
            return HashtagClass::NearMiss(index);
        }
    }
    HashtagClass::Other
}

fn sort_named(list: &mut [Named]) {
    list.sort_by(|a, b| b.posts.cmp(&a.posts).then(a.name.cmp(&b.name)));
}

fn regularity(
    active_days: &HashSet<Day>,
    first: Option<Day>,
    last: Option<Day>,
    posts: u64,
    today: Option<Day>,
) -> Regularity {
    let (Some(first), Some(last)) = (first, last) else {
        return Regularity::default();
    };
    let days = (last.0 - first.0 + 1) as u64;
    let weeks = days.div_ceil(7).max(1);
    let mut sorted: Vec<Day> = active_days.iter().copied().collect();
    sorted.sort();
    let mut longest: Option<Silence> = None;
    for pair in sorted.windows(2) {
        let gap = (pair[1].0 - pair[0].0 - 1) as u64;
        if gap > 0 && longest.as_ref().is_none_or(|s| gap > s.days) {
            longest = Some(Silence {
                days: gap,
                from: Day(pair[0].0 + 1),
                to: Day(pair[1].0 - 1),
            });
        }
    }
    // Weeks (Monday to Sunday) of the period with at least one post.
    let week_of = |d: Day| (d.0 - d.weekday() as i32).div_euclid(7);
    let active_weeks = sorted
        .iter()
        .map(|d| week_of(*d))
        .collect::<HashSet<_>>()
        .len() as u64;
    let calendar_weeks = (week_of(last) - week_of(first) + 1) as u64;
    Regularity {
        days,
        weeks,
        posts_per_week: round2(posts as f64 / (days as f64 / 7.0).max(1.0)),
        active_days: sorted.len() as u64,
        active_weeks,
        calendar_weeks,
        longest_silence: longest,
        days_since_last_post: today.map(|t| (t.0 - last.0).max(0) as u64),
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The whole audit, as the reports show it. Serialized as the `archive`
/// JSON output (documented in `docs/archive.md`).
#[derive(Clone, Debug, Serialize)]
pub struct AuditReport {
    pub account: AccountReport,
    /// Data files read, in order.
    pub files: Vec<String>,
    pub first_post: Option<Day>,
    pub last_post: Option<Day>,
    pub today: Option<Day>,
    pub totals: Counts,
    pub months: Vec<MonthReport>,
    pub regularity: Regularity,
    pub dialogue: DialogueReport,
    /// Automation tools found, most used first.
    pub automation: Vec<ToolUse>,
    /// Apps that published, most used first (top 10).
    pub apps: Vec<AppUse>,
    pub hashtags: HashtagReport,
    /// Draft rules that found something, most severe first.
    pub rules: Vec<RuleReport>,
    pub political: PoliticalReport,
    pub problems: ProblemsReport,
}

#[derive(Clone, Debug, Serialize)]
pub struct AccountReport {
    pub handle: Option<String>,
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub official_hashtags: Vec<String>,
    pub website: Option<String>,
    pub local_accounts: usize,
    /// False when neither `account.js` nor the config said who the account
    /// is (self-threads were then recognised by their text).
    pub identified: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct MonthReport {
    pub month: Month,
    #[serde(flatten)]
    pub counts: Counts,
    /// Posts with a political finding (same as `counts.political`).
    #[serde(skip)]
    pub political: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Regularity {
    /// Days from the first post to the last, both included.
    pub days: u64,
    pub weeks: u64,
    pub posts_per_week: f64,
    pub active_days: u64,
    /// Calendar weeks (Monday–Sunday) with at least one post…
    pub active_weeks: u64,
    /// …out of the calendar weeks of the period.
    pub calendar_weeks: u64,
    pub longest_silence: Option<Silence>,
    pub days_since_last_post: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Silence {
    /// Whole days without a post…
    pub days: u64,
    /// …from this day to that one, both included.
    pub from: Day,
    pub to: Day,
}

#[derive(Clone, Debug, Serialize)]
pub struct DialogueReport {
    pub distinct_accounts_mentioned: u64,
    pub distinct_accounts_answered: u64,
    /// Whether the files could show polls at all (X's archive cannot).
    pub polls_known: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ToolUse {
    pub name: String,
    pub kind: ToolKind,
    pub posts: u64,
}

/// An app that published posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppUse {
    /// As named in the `source` field (`Hootsuite Inc.`).
    pub name: String,
    pub posts: u64,
    /// The kind of automation tool it is, if it is one.
    pub automation: Option<ToolKind>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    pub name: String,
    pub posts: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct HashtagReport {
    pub top: Vec<Named>,
    pub misspellings: Vec<Misspelling>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Misspelling {
    pub hashtag: String,
    pub official: String,
    pub posts: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleReport {
    pub rule: String,
    pub category: String,
    pub severity: Severity,
    /// Posts where the rule found something.
    pub posts: u64,
    pub examples: Vec<PostExample>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PoliticalReport {
    /// One entry per pre-election window of the calendar.
    pub windows: Vec<WindowReport>,
    pub outside_windows: WindowReport,
}

#[derive(Clone, Debug, Serialize)]
pub struct WindowReport {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Day>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Day>,
    /// Posts with a political finding in this period.
    pub posts: u64,
    pub by_rule: BTreeMap<String, u64>,
    pub examples: Vec<PostExample>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProblemsReport {
    /// Posts left out of every count.
    pub skipped: u64,
    pub kinds: Vec<ProblemReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProblemReport {
    pub kind: ProblemKind,
    pub count: u64,
    pub skipped: u64,
    pub examples: Vec<ProblemExample>,
}

impl AuditReport {
    /// Share of `part` in `whole`, 0 when `whole` is 0.
    pub fn share(part: u64, whole: u64) -> f64 {
        if whole == 0 {
            0.0
        } else {
            part as f64 / whole as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn hashtags_are_classified_against_the_official_one() {
        let official = vec!["VilleExemple".to_string()];
        assert_eq!(
            classify_hashtag("VilleExemple", &official),
            HashtagClass::Official
        );
        assert_eq!(
            classify_hashtag("villeexemple", &official),
            HashtagClass::NearMiss(0)
        );
        assert_eq!(
            classify_hashtag("Ville_Exemple", &official),
            HashtagClass::NearMiss(0)
        );
        assert_eq!(
            classify_hashtag("VileExemple", &official),
            HashtagClass::NearMiss(0)
        );
        assert_eq!(
            classify_hashtag("VileExempl", &official),
            HashtagClass::NearMiss(0)
        );
        assert_eq!(
            classify_hashtag("VilExempl", &official),
            HashtagClass::Other
        );
        assert_eq!(classify_hashtag("Marché", &official), HashtagClass::Other);
        assert_eq!(
            classify_hashtag("FêteDeLaMusique", &["FeteDeLaMusique".into()]),
            HashtagClass::NearMiss(0)
        );
    }

    #[test]
    fn sites_and_hosts() {
        assert_eq!(
            host_of("https://www.ville-exemple.fr/agenda?x=1"),
            Some("www.ville-exemple.fr")
        );
        assert_eq!(host_of("ville-exemple.fr"), Some("ville-exemple.fr"));
        assert!(same_site("agenda.ville-exemple.fr", "ville-exemple.fr"));
        assert!(same_site("VILLE-EXEMPLE.fr", "www.ville-exemple.fr"));
        assert!(!same_site("fauxville-exemple.fr", "ville-exemple.fr"));
    }

    #[test]
    fn silences_and_weeks() {
        let days: HashSet<Day> = [
            Day::from_ymd(2026, 1, 5),
            Day::from_ymd(2026, 1, 6),
            Day::from_ymd(2026, 1, 20),
        ]
        .into_iter()
        .collect();
        let r = regularity(
            &days,
            Some(Day::from_ymd(2026, 1, 5)),
            Some(Day::from_ymd(2026, 1, 20)),
            6,
            Some(Day::from_ymd(2026, 1, 31)),
        );
        assert_eq!(r.days, 16);
        assert_eq!(
            r.longest_silence,
            Some(Silence {
                days: 13,
                from: Day::from_ymd(2026, 1, 7),
                to: Day::from_ymd(2026, 1, 19)
            })
        );
        assert_eq!((r.active_weeks, r.calendar_weeks), (2, 3));
        assert_eq!(r.posts_per_week, 2.63);
        assert_eq!(r.days_since_last_post, Some(11));
    }

    #[test]
    fn self_threads_without_an_identity_are_told_by_their_text() {
        let audit = Audit::new(AuditSettings::default());
        let mut reply = Post {
            text: Cow::Borrowed("@Alice merci"),
            in_reply_to_user: Some(1),
            in_reply_to_screen_name: Some("alice".into()),
            ..Post::default()
        };
        assert_eq!(audit.kind_of(&reply), PostKind::Reply);
        reply.text = Cow::Borrowed("2/ La suite du programme");
        reply.in_reply_to_screen_name = Some("VilleExemple".into());
        assert_eq!(audit.kind_of(&reply), PostKind::SelfThread);
    }
}
