// Twitterritorial in the handbook: checks a draft and scores the
// self-assessment in the page, with the checker compiled to WebAssembly.
// Nothing typed here leaves the browser: no request but the .wasm file from
// this site, answers kept in localStorage only. Every user text goes into the
// page with textContent, never as HTML.
"use strict";
(function () {
  const LANG = (document.documentElement.lang || "fr").slice(0, 2) === "en" ? "en" : "fr";
  const T = {
    fr: {
      loading: "Chargement du vérificateur…",
      failed: "Le vérificateur n’a pas pu se charger\u00a0: ",
      draft: "Brouillon",
      platform: "Plateforme",
      hashtag: "Hashtag officiel du compte",
      website: "Site web de la collectivité",
      date: "Date de publication (pour les règles électorales)",
      none: "Aucun point à revoir.",
      help: "Voir le guide",
      count: (n) => n + (n > 1 ? " points à revoir" : " point à revoir"),
      severity: { error: "erreur", warning: "avertissement", info: "info" },
      yes: "Oui", no: "Non",
      score: "Score global",
      actions: "Cinq actions pour progresser",
      exportYaml: "Exporter les réponses (YAML)",
      reset: "Effacer mes réponses",
      stored: "Vos réponses restent dans ce navigateur (stockage local), elles ne sont envoyées nulle part.",
      unanswered: "Répondez aux questions pour voir votre rapport.",
    },
    en: {
      loading: "Loading the checker…",
      failed: "The checker could not load: ",
      draft: "Draft",
      platform: "Platform",
      hashtag: "The account’s official hashtag",
      website: "The local government’s website",
      date: "Publication date (for the election rules)",
      none: "Nothing to fix.",
      help: "Read the handbook",
      count: (n) => n + (n > 1 ? " things to fix" : " thing to fix"),
      severity: { error: "error", warning: "warning", info: "info" },
      yes: "Yes", no: "No",
      score: "Overall score",
      actions: "Five actions to improve",
      exportYaml: "Export the answers (YAML)",
      reset: "Clear my answers",
      stored: "Your answers stay in this browser (local storage); they are sent nowhere.",
      unanswered: "Answer the questions to see your report.",
    },
  }[LANG];

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The page script is in <book>/<lang>/x.html, the module next to it in js/.
  const scriptUrl = document.currentScript ? document.currentScript.src : "js/twitterritorial.js";
  const wasmUrl = new URL("twitterritorial.wasm", scriptUrl);

  async function loadModule() {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(response.status + " " + wasmUrl);
    // Compiled while it downloads when the server says application/wasm.
    const { instance } = WebAssembly.instantiateStreaming
      ? await WebAssembly.instantiateStreaming(response, {})
      : await WebAssembly.instantiate(await response.arrayBuffer(), {});
    const x = instance.exports;
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    return function call(name, input) {
      const bytes = enc.encode(JSON.stringify(input));
      const ptr = x.tt_alloc(bytes.length);
      new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
      const packed = x[name](ptr, bytes.length);
      const outPtr = Number(packed >> 32n);
      const outLen = Number(packed & 0xffffffffn);
      const text = dec.decode(new Uint8Array(x.memory.buffer, outPtr, outLen));
      x.tt_free(outPtr, outLen);
      return JSON.parse(text);
    };
  }

  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function field(form, label, input) {
    const p = el("p");
    const l = el("label", { for: input.id }, label);
    p.append(l, el("br"), input);
    form.append(p);
    return input;
  }

  function mountChecker(root, call) {
    root.textContent = "";
    const form = el("form", { class: "tt-form", autocomplete: "off" });
    form.addEventListener("submit", (e) => e.preventDefault());
    const text = field(form, T.draft, el("textarea", { id: "tt-text", rows: "6", cols: "60", spellcheck: "true" }));
    const platform = el("select", { id: "tt-platform" });
    for (const [v, label] of [["x", "X"], ["mastodon", "Mastodon"], ["bluesky", "Bluesky"]]) {
      platform.append(el("option", { value: v }, label));
    }
    field(form, T.platform, platform);
    const hashtag = field(form, T.hashtag, el("input", { id: "tt-hashtag", type: "text", placeholder: "#MaVille" }));
    const website = field(form, T.website, el("input", { id: "tt-website", type: "url", placeholder: "https://www.ma-ville.fr" }));
    const date = field(form, T.date, el("input", { id: "tt-date", type: "date" }));
    date.value = today();
    const preview = el("pre", { id: "tt-preview", class: "tt-preview", "aria-hidden": "true" });
    const summary = el("p", { id: "tt-summary", role: "status", "aria-live": "polite" });
    const list = el("ul", { id: "tt-findings", class: "tt-findings" });
    root.append(form, summary, preview, list);

    function run() {
      const started = performance.now();
      const source = text.value;
      const out = call("tt_check", {
        text: source, platform: platform.value, hashtag: hashtag.value,
        website: website.value, date: date.value || today(), lang: LANG,
      });
      list.textContent = "";
      preview.textContent = "";
      if (out.error) {
        summary.textContent = out.error;
        return;
      }
      const findings = out.findings;
      summary.textContent = source.trim() === "" ? "" : findings.length ? T.count(findings.length) : T.none;
      // The draft with each finding's span marked (text nodes only).
      const spans = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
      let at = 0;
      for (const f of spans) {
        if (f.start < at) continue;
        preview.append(document.createTextNode(source.slice(at, f.start)));
        preview.append(el("mark", { class: "tt-" + f.severity, title: f.rule }, source.slice(f.start, f.end)));
        at = f.end;
      }
      preview.append(document.createTextNode(source.slice(at)));
      for (const f of findings) {
        const li = el("li", { class: "tt-finding tt-" + f.severity, "data-rule": f.rule, "data-severity": f.severity });
        li.append(el("strong", {}, T.severity[f.severity] + " "), el("code", {}, f.rule), document.createTextNode(" — "),
          el("span", { class: "tt-message" }, f.message), document.createTextNode(" "));
        if (f.start < f.end) li.append(el("q", { class: "tt-excerpt" }, source.slice(f.start, f.end)), document.createTextNode(" "));
        li.append(el("a", { href: f.help }, T.help));
        list.append(li);
      }
      root.dataset.lastCheckMs = String(performance.now() - started);
      root.dataset.checks = String(Number(root.dataset.checks || 0) + 1);
    }
    for (const input of [text, platform, hashtag, website, date]) input.addEventListener("input", run);
    platform.addEventListener("change", run);
    run();
  }

  const STORE = "twitterritorial.assess.answers";

  function mountAssessment(root, call) {
    root.textContent = "";
    const model = call("tt_model", { lang: LANG });
    if (model.error) throw new Error(model.error);
    let answers = {};
    try { answers = JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (_) { answers = {}; }
    const form = el("form", { class: "tt-form", id: "tt-assess-form" });
    form.addEventListener("submit", (e) => e.preventDefault());
    root.append(el("p", {}, T.stored), form);
    for (const section of model.sections) {
      const fs = el("fieldset", { class: "tt-section" });
      fs.append(el("legend", {}, section.title));
      for (const q of section.questions) {
        const box = el("div", { class: "tt-question", "data-question": q.id });
        box.append(el("p", {}, q.text));
        if (q.help) box.append(el("p", { class: "tt-help" }, q.help));
        const name = "tt-q-" + q.id;
        const radio = (value, label, checked) => {
          const id = name + "-" + value;
          const input = el("input", { type: "radio", name, id, value });
          input.checked = checked;
          input.addEventListener("change", () => { answers[q.id] = q.type === "yes-no" ? value === "yes" : value; save(); });
          const l = el("label", { for: id }, label);
          box.append(input, l, document.createTextNode(" "));
        };
        if (q.type === "yes-no") {
          radio("yes", T.yes, answers[q.id] === true);
          radio("no", T.no, answers[q.id] === false);
        } else if (q.type === "choice") {
          for (const o of q.options) radio(o.id, o.label, answers[q.id] === o.id);
        } else if (q.type === "multi-choice") {
          for (const o of q.options) {
            const id = name + "-" + o.id;
            const input = el("input", { type: "checkbox", id, value: o.id });
            input.checked = Array.isArray(answers[q.id]) && answers[q.id].includes(o.id);
            input.addEventListener("change", () => {
              const set = new Set(Array.isArray(answers[q.id]) ? answers[q.id] : []);
              if (input.checked) set.add(o.id); else set.delete(o.id);
              answers[q.id] = q.options.map((x) => x.id).filter((x) => set.has(x));
              save();
            });
            box.append(input, el("label", { for: id }, o.label), document.createTextNode(" "));
          }
        } else {
          const input = el("input", { type: "number", min: "0", id: name });
          if (q.max !== null && q.max !== undefined) input.setAttribute("max", String(q.max));
          if (typeof answers[q.id] === "number") input.value = String(answers[q.id]);
          input.addEventListener("input", () => {
            if (input.value === "") delete answers[q.id]; else answers[q.id] = Number(input.value);
            save();
          });
          box.append(input);
          if (q.unit) box.append(document.createTextNode(" " + q.unit));
        }
        fs.append(box);
      }
      form.append(fs);
    }
    const report = el("section", { id: "tt-report", "aria-live": "polite" });
    const buttons = el("p");
    const exportButton = el("button", { type: "button", id: "tt-export" }, T.exportYaml);
    const resetButton = el("button", { type: "button", id: "tt-reset" }, T.reset);
    buttons.append(exportButton, document.createTextNode(" "), resetButton);
    root.append(report, buttons);
    let yaml = "";

    function save() {
      localStorage.setItem(STORE, JSON.stringify(answers));
      render();
    }
    function render() {
      report.textContent = "";
      const out = call("tt_assess", { lang: LANG, answers: { version: 1, answers } });
      if (out.error) { report.append(el("p", { class: "tt-error" }, out.error)); return; }
      yaml = out.yaml;
      const r = out.report;
      report.append(el("h2", {}, T.score + (LANG === "fr" ? "\u00a0: " : ": ") + Math.round(r.overall.score) + " / 100 — " + r.overall.level.name));
      // The chart is SVG written by the checker (its texts escaped there);
      // parsed as an XML document, never assigned as HTML.
      const svg = new DOMParser().parseFromString(out.chart, "image/svg+xml").documentElement;
      if (svg && svg.nodeName === "svg") report.append(document.importNode(svg, true));
      report.append(el("h3", {}, T.actions));
      const ol = el("ol", { id: "tt-actions" });
      for (const a of r.actions) {
        const li = el("li", {}, a.text + " ");
        if (a.link) li.append(el("a", { href: a.link }, T.help));
        ol.append(li);
      }
      report.append(ol);
      root.dataset.answered = String(r.counts ? r.counts.answered : Object.keys(answers).length);
    }
    exportButton.addEventListener("click", () => {
      const blob = new Blob([yaml], { type: "application/yaml" });
      const a = el("a", { href: URL.createObjectURL(blob), download: "auto-evaluation.yaml" });
      document.body.append(a);
      a.click();
      a.remove();
    });
    resetButton.addEventListener("click", () => { answers = {}; localStorage.removeItem(STORE); mountAssessment(root, call); });
    render();
  }

  async function start() {
    const roots = document.querySelectorAll("[data-twitterritorial]");
    if (roots.length === 0) return;
    for (const root of roots) root.textContent = T.loading;
    // Timings read by the browser test (tests/browser.rs prints them).
    const loadStart = performance.now();
    let call;
    try {
      call = await loadModule();
    } catch (e) {
      for (const root of roots) root.textContent = T.failed + e.message;
      return;
    }
    const moduleReady = performance.now();
    for (const root of roots) {
      try {
        if (root.dataset.twitterritorial === "check") mountChecker(root, call);
        else mountAssessment(root, call);
        root.dataset.ready = "true";
        root.dataset.moduleMs = String(moduleReady - loadStart);
        root.dataset.firstResultMs = String(performance.now() - moduleReady);
      } catch (e) {
        root.textContent = T.failed + e.message;
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
