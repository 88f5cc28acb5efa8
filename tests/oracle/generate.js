#!/usr/bin/env node
// Generates the differential-test fixture of twitterritorial's text engine:
// varied posts (French prose with its typography, emoji, CJK, URLs, hashtags,
// mentions, cashtags, line breaks, tricky edges), each with the answers of the
// reference implementation, the npm package twitter-text@3.1.0.
//
// Usage (from tests/oracle/):  npm ci && node generate.js [count] [seed]
// Writes ../fixtures/oracle/posts.jsonl, one JSON object per line:
//   {"text", "v3": {parse}, "v2": {parse}, "hashtags": [...], "mentions": [...],
//    "urls": [...], "cashtags": [...], "reply": string|null}
// where parse = {weighted_length, valid, permillage, valid_range_end_utf16,
// display_range_end_utf16} and each entity is {text, start, end} (plus
// list_slug for lists) with start/end in Unicode code points, end exclusive
// (the reference gives UTF-16 indices; they are converted here).
// The same count and seed always give the same file.

'use strict';
const fs = require('fs');
const path = require('path');
const twttr = require('twitter-text');

const COUNT = Number(process.argv[2] || 6000);
const SEED = Number(process.argv[3] || 20261128);
const OUT = path.join(__dirname, '..', 'fixtures', 'oracle', 'posts.jsonl');

// mulberry32: a small seeded generator, so the fixture is reproducible.
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const chance = (p) => random() < p;
const codePoint = (lo, hi) => String.fromCodePoint(lo + int(hi - lo + 1));

// --- Building blocks -------------------------------------------------------

const WORDS = (
  'mairie conseil municipal école maternelle été fête médiathèque bibliothèque réunion publique travaux ' +
  'déchetterie Noël élections citoyens associations marché piscine crèche cœur œuvre Élus École À ' +
  'collecte des déchets fermeture exceptionnelle horaires d’été accueil périscolaire inscriptions ' +
  'cantine menu vœux du maire cérémonie commémoration 11 novembre 14 juillet feu d’artifice ' +
  'stationnement voirie rue de la République place de l’Église quartier nord sud centre-ville ' +
  'déneigement canicule vigilance orange alerte météo rentrée scolaire brocante vide-grenier ' +
  'exposition concert gratuit entrée libre jeudi vendredi samedi dimanche à partir de 18 h ' +
  'Saint-Étienne Besançon Orléans Nîmes Ajaccio Île-de-France Provence-Alpes-Côte d’Azur ça garçon naïve Noël façade'
).split(' ');

const PUNCT = [',', '.', '!', '?', ';', ':', '…', '—', '–', '-', '(', ')', '[', ']', '/', '&', '*', '%', '"', "'",
  '’', '‘', '“', '”', '«', '»', '·', '|', '~', '+', '=', '_', '§', '°', '€', '£', '$', '@', '#', '•', '™'];

const SPACES = [' ', ' ', ' ', ' ', '\u00A0', '\u202F', '\n', '\n\n', '\r\n', '\t', '\u3000', '\u2009', ''];

const EMOJI = [
  '😀', '🎉', '❤️', '❤', '☀️', '☀', '⚠️', '✅', '📅', '📍', '🏛️', '🏛', '🚧', '♻️', '🎄', '👏', '🙏', '💪', '📢',
  '👍🏽', '👋🏻', '👍🏿', '✌🏾', '✌️', '✌︎', '☺︎', '☺️', '🙋🏽‍♀️', '🙋‍♂️', '👩🏾‍💻', '👨‍🚒', '👮🏼‍♀️', '🧑‍🍳',
  '🇫🇷', '🇪🇺', '🇺🇸', '🇩🇪', '🇧🇪', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🏳️‍🌈', '🏴‍☠️', '🇫', '🇷🇷',
  '👨‍👩‍👧‍👦', '👩‍👩‍👦', '👨‍👨‍👧', '👩‍❤️‍👨', '👩‍❤️‍💋‍👩', '👁️‍🗨️',
  '1️⃣', '#️⃣', '*️⃣', '0⃣', '©️', '®️', '™️', '©', '®',
  // Newer than Emoji 11: the reference splits them.
  '🧑‍🤝‍🧑', '🏳️‍⚧️', '🫶', '🫱🏽‍🫲🏿', '🧑‍🦰', '🥲', '😮‍💨', '❤️‍🔥', '🧔‍♀️',
  '\uFE0F', '\u200D', '🏽',
];

function randomEmoji() {
  if (chance(0.6)) return pick(EMOJI);
  // A random pictograph, maybe with a skin tone, a selector or a ZWJ join.
  let e = codePoint(0x1f300, 0x1faff);
  if (chance(0.25)) e += codePoint(0x1f3fb, 0x1f3ff);
  if (chance(0.15)) e += '\uFE0F';
  if (chance(0.15)) e += '\u200D' + (chance(0.5) ? pick(['♀️', '♂️', '💻', '🚀']) : codePoint(0x1f300, 0x1f64f));
  if (chance(0.05)) e = codePoint(0x2600, 0x27bf) + (chance(0.5) ? '\uFE0F' : '');
  return e;
}

function randomScript() {
  switch (int(9)) {
    case 0: return Array.from({ length: 1 + int(8) }, () => codePoint(0x4e00, 0x9fff)).join('');
    case 1: return Array.from({ length: 1 + int(6) }, () => codePoint(0x3041, 0x30ff)).join('');
    case 2: return Array.from({ length: 1 + int(5) }, () => codePoint(0xac00, 0xd7a3)).join('');
    case 3: return pick(['Москва', 'привет', 'Ελλάδα', 'שלום', 'مرحبا', 'سلام', 'नमस्ते', 'ไทย', 'ქართული', 'Ağrı', 'Łódź', 'İstanbul']);
    case 4: return pick(['東京', '北京', '日本語', 'ハッシュタグ', '한국어', '中文', 'ｈａｓｈ', 'ﾊｯｼｭ']);
    case 5: return 'e\u0301' + pick(['cole', 'te', '']); // NFC changes it
    case 6: return pick(['\u200B', '\u200C', '\u200E', '\u200F', '\u202A', '\u202C', '\u2066', '\u2069', '\u00AD']);
    case 7: return pick(['𝐀𝐁𝐂', '𠀡', '𐐀𐐨', '𝟘𝟙']); // astral letters and digits
    default: return pick(['\uFEFF', '\uFFFE', '\uFB2C', 'ﬁ', 'Å', 'Ω', 'K']); // invalid / NFC-sensitive
  }
}

const DOMAINS = ['ville-exemple.fr', 'www.ville-exemple.fr', 'service-public.fr', 'www.service-public.fr',
  'mairie.paris', 'lyon.fr', 'agglo-exemple.com', 'example.com', 'example.org', 'gouv.fr', 'www.interieur.gouv.fr',
  'bit.ly', 't.co', 'fr.wikipedia.org', 'mairie-ïle.fr', 'cafe.coop', 'sub_domain.example.org', 'a.b.c.d.com',
  'x.com', 'twitter.com', 'youtu.be', 'example.co.uk', 'foo.baz', 'fichier.tar.gz', 'résidence.fr', 'ELPAÍS.com',
  '例え.jp', 'xn--ls8h.la', 'münchen.de', 'ville.рф', 'twitter.みんな', 'vermögensberatung.vermögensberater',
  'example.com:8080', '-bad-.com', 'a_b.c-d.com', 'localhost', '192.168.0.1', 'example.comm', 'john.doe.gov'];

const PATHS = ['', '', '/', '/agenda', '/agenda/2026/conseil-municipal', '/actualites/travaux-rue-de-la-republique.html',
  '/wiki/Paris_(France)', '/a(b(c)d)e', '/search?q=fête&lang=fr', '?id=12&x=y', '/page#section', '/#!/hash',
  '/path.', '/path,', '/chemin/é/à', '/Русские_слова', '/@user/', '/a+b-c', '/x?utm_source=twitter&utm_medium=social',
  '/' + 'long'.repeat(30), '/AbC123xyz', '/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH', '/ünïcödé', '/fichier.pdf'];

function randomUrl() {
  const protocol = chance(0.55) ? pick(['https://', 'http://', 'HTTPS://', 'Http://']) : '';
  let url = protocol + pick(DOMAINS) + pick(PATHS);
  if (chance(0.08)) url = 'https://t.co/' + Array.from({ length: 1 + int(45) }, () => pick('abcXYZ0189'.split(''))).join('') + (chance(0.3) ? '?amp=1' : '');
  if (chance(0.03)) url = 'https://' + 'sous-domaine'.repeat(1 + int(8)) + '.fr/x';
  if (chance(0.05)) url = pick(['http:// example.com', 'www.example', 'ftp://example.com', 'mailto:contact@mairie.fr', 'contact@mairie.fr', 'jean.dupont@gmail.com']);
  return url;
}

const TAGS = ['MaVille', 'Fête2026', '2026', '1er', 'été', 'Île_de_France', 'café·bar', 'VilleExemple', 'JO2024',
  'conseil_municipal', 'Noël', 'Élections', 'ça', 'œuvre', 'l’école', '_', 'a123', 'Paris2024', 'ハッシュタグ', '日本語',
  'مرحبا', 'Москва', 'İstanbul', 'il·lusió', 'ab‍cd', 'x' + '\u200C' + 'y', 'Ⅻ', 'ⅻ', 'Ⱥ', 'ⱥ', 'ა', 'Ა'];

function randomHashtag() {
  const sign = chance(0.9) ? '#' : '＃';
  let tag = sign + pick(TAGS);
  if (chance(0.08)) tag = pick(['#️⃣', '#\uFE0F', '#🎉', '#', '##tag', '#tag#tag2', '#tag://x', '&#tag', 'a#tag', '#http://example.com']);
  return tag;
}

const NAMES = ['VilleExemple', 'mairie_de_lyon', 'Prefet69', 'x', 'abcdefghijklmnopqrstuvwxyz', 'user', 'Élus', 'a_b',
  '12345', 'CITY_hall'];

function randomMention() {
  let m = (chance(0.92) ? '@' : '＠') + pick(NAMES);
  if (chance(0.15)) m += '/' + pick(['liste-1', 'élus', '7list', 'Conseil_Municipal', 'a'.repeat(30)]);
  if (chance(0.1)) m = pick(['RT @x', 'RT:@x', 'rt@x', 'xRT@x', '@user@mastodon.social', 'contact@mairie.fr', '@http://x.com', '@@x', '!@x', '@aliceìnheiro', 'f*@kn']);
  return m;
}

function randomCashtag() {
  return pick(['$EUR', '$CAC.PA', '$TEST.', '$123', '$50', '$ABCDEFG', '$gov.uk', '$A_B', '$$NG', 'prix$EUR', '$TEST.TTT', '$x']);
}

const SENTENCES = [
  'Le conseil municipal se réunira jeudi à 18 h 30 en mairie.',
  'Inscriptions à la cantine : jusqu’au 15 septembre !',
  'Fermeture exceptionnelle de la médiathèque samedi.',
  '« Merci à tous les bénévoles » — le maire.',
  'Collecte des déchets décalée d’un jour cette semaine ; pensez-y !',
  'Travaux rue de la République du 3 au 17 mars : circulation alternée.',
  'Vigilance orange canicule : prenez soin des personnes fragiles.',
  'Le marché de Noël ouvre ses portes ce week-end…',
  'Retrouvez le programme complet sur notre site.',
  'Qu’en pensez-vous ? Répondez au sondage.',
];

function token() {
  const r = random();
  if (r < 0.34) return pick(WORDS);
  if (r < 0.42) return pick(SENTENCES);
  if (r < 0.52) return randomEmoji();
  if (r < 0.60) return randomUrl();
  if (r < 0.68) return randomHashtag();
  if (r < 0.75) return randomMention();
  if (r < 0.78) return randomCashtag();
  if (r < 0.88) return pick(PUNCT);
  return randomScript();
}

function separator() {
  return chance(0.12) ? pick(PUNCT) + pick(SPACES) : pick(SPACES);
}

// Character soup: short strings of the pieces the scanners decide on, to
// reach their corner cases (adjacent entities, odd boundaries, partial URLs).
const SOUP = ['.', '.', '#', '＃', '@', '＠', '$', ':', '/', '//', '://', '-', '_', '&', '!', '?', '(', ')', "'", ',',
  'a', 'b', 'Z', 'é', 'ñ', 'ì', '1', '23', 'rt', 'RT', 'http', 'https', 'www', 'xn--', 'com', 'fr', 'co', 'jp',
  'みんな', '中国', 'рф', 'РФ', 'ελ', 'ΕΛ', 'tar', 'bz2', 't.co', 'ö', 'Ö', 'vermögensberatung', 'ⱥ', '\u1C80',
  '中', 'あ', '한', '😀', '👍', '🏽', '\u200D', '\uFE0F', '\uFE0E', '\u20E3', '❤', '✌', '🇫', '🇷', ' ', '\u00A0',
  '\u202F', '\n', '\u3000', '\u200E', '\u202A', '\u3002', '\uFF0E', '~', '+', '=', '%', '[', ']', '|', '*'];

function soup() {
  let s = '';
  const n = 2 + int(30);
  for (let k = 0; k < n; k++) s += pick(SOUP);
  return s;
}

function post() {
  if (chance(Number(process.env.SOUP_SHARE || 0.15))) return soup();
  const size = chance(0.1) ? 40 + int(80) : 1 + int(30);
  let text = chance(0.1) ? randomMention() + ' ' : '';
  for (let k = 0; k < size; k++) text += token() + separator();
  if (chance(0.3)) text = text.trim();
  return text;
}

// Hand-written posts a town hall might publish, and known edge cases.
const FIXED = [
  '',
  ' ',
  '\n',
  'Bonjour !',
  '@VilleExemple #MaVille https://ville-exemple.fr/agenda',
  'Réunion publique jeudi 18 h, salle des fêtes. Infos : https://www.ville-exemple.fr/agenda #MaVille 📅',
  '📢 Fermeture de la piscine municipale du 1er au 15 août pour travaux. Réouverture le 16 ! 🏊‍♀️ #VilleExemple',
  '@a_b\u202F!@a_b',
  'Le « Festival d’été » commence\u202F! Programme\u00A0: ville-exemple.fr/festival #Fête2026 🎉🇫🇷',
  '👨‍👩‍👧‍👦'.repeat(140),
  '😷'.repeat(160),
  'a'.repeat(279) + '😀',
  'a'.repeat(281),
  'http://' + 'a'.repeat(64) + '.com',
  'RT @VilleExemple: merci à tous ! #MaVille',
  '#tag#tag2 #1 #_ #é',
  '$EUR $CAC.PA $TEST. $123 text$NO',
  'e\u0301cole\uFB2C\uFB2C',
  '\uFEFFBonjour',
  'Bonjour\uFEFF',
  '日本語ハッシュタグ #日本語 東京.jp example.comてすと',
];

// --- Oracle ----------------------------------------------------------------

// UTF-16 unit index -> code point index, for a whole text.
function cpIndexer(text) {
  const map = new Array(text.length + 1);
  let cp = 0;
  for (let u = 0; u < text.length; ) {
    map[u] = cp;
    const c = text.codePointAt(u);
    const width = c > 0xffff ? 2 : 1;
    if (width === 2) map[u + 1] = cp; // inside a pair: never an entity boundary
    u += width;
    cp += 1;
  }
  map[text.length] = cp;
  return (u) => {
    if (map[u] === undefined) throw new Error('index out of range ' + u);
    return map[u];
  };
}

function parse(text, config) {
  const r = twttr.parseTweet(text, config);
  return {
    weighted_length: r.weightedLength,
    valid: r.valid,
    permillage: r.permillage,
    valid_range_end_utf16: Math.max(0, r.validRangeEnd),
    display_range_end_utf16: r.displayRangeEnd,
  };
}

function oracle(text) {
  const cp = cpIndexer(text);
  const span = (e) => ({ start: cp(e.indices[0]), end: cp(e.indices[1]) });
  return {
    text,
    v3: parse(text, twttr.configs.version3),
    v2: parse(text, twttr.configs.version2),
    hashtags: twttr.extractHashtagsWithIndices(text).map((e) => ({ text: e.hashtag, ...span(e) })),
    mentions: twttr.extractMentionsOrListsWithIndices(text).map((e) => ({
      text: e.screenName,
      list_slug: e.listSlug ? e.listSlug.slice(1) : null,
      ...span(e),
    })),
    urls: twttr.extractUrlsWithIndices(text).map((e) => ({ text: e.url, ...span(e) })),
    cashtags: twttr.extractCashtagsWithIndices(text).map((e) => ({ text: e.cashtag, ...span(e) })),
    reply: twttr.extractReplies(text),
  };
}

function isWellFormed(text) {
  // Lone surrogates cannot be Rust strings; the generator never makes them,
  // but check anyway.
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

const posts = FIXED.slice();
while (posts.length < COUNT) posts.push(post());

fs.mkdirSync(path.dirname(OUT), { recursive: true });
const lines = [];
for (const text of posts) {
  if (!isWellFormed(text)) throw new Error('lone surrogate in ' + JSON.stringify(text));
  lines.push(JSON.stringify(oracle(text)));
}
fs.writeFileSync(OUT, lines.join('\n') + '\n');

const stats = { posts: lines.length, urls: 0, hashtags: 0, mentions: 0, cashtags: 0, over280: 0, invalid: 0 };
for (const line of lines) {
  const o = JSON.parse(line);
  stats.urls += o.urls.length;
  stats.hashtags += o.hashtags.length;
  stats.mentions += o.mentions.length;
  stats.cashtags += o.cashtags.length;
  if (o.v3.weighted_length > 280) stats.over280 += 1;
  if (!o.v3.valid) stats.invalid += 1;
}
console.log('generate: wrote ' + path.relative(process.cwd(), OUT), JSON.stringify(stats));
