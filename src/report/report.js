// claimgraph claim-audit page. All data comes from the JSON elements written by src/report.rs.
// Text from documents is only ever inserted with textContent (see el()), never parsed as HTML.
"use strict";

const PAGE = 50;
const data = (id) => JSON.parse(document.getElementById(id).textContent);
const coverage = data("cg-coverage");
const entities = data("cg-entities").map(([id, label, type, mentions, documents, externalIds]) => ({ id, label, type, mentions, documents, externalIds }));
const edges = data("cg-edges").map(([source, target, kind, weight]) => ({ source, target, kind, weight }));
const docs = data("cg-docs");
const entityById = new Map(entities.map((e) => [e.id, e]));
const labelOf = (id) => (entityById.get(id) || { label: id }).label;

// One flat list of claims, each pointing back at its document.
const claims = [];
for (const doc of docs) {
  doc.claimCount = doc.claims.length;
  for (const c of doc.claims) {
    c.doc = doc;
    c.entityNames = c.entities.map((id) => labelOf(id) + " " + id).join(" | ").toLowerCase();
    claims.push(c);
  }
}

// Offsets are Unicode code points; JS strings index UTF-16 units, so work on arrays of code points.
const codePoints = (doc) => doc.cps || (doc.cps = Array.from(doc.text));
const slice = (doc, [s, e]) => codePoints(doc).slice(s, e).join("");
const claimText = (c) => c.text || (c.text = slice(c.doc, c.content));

/** Creates an element with text (never HTML) and optional class and children. */
function el(tag, text, cls, children) {
  const n = document.createElement(tag);
  if (text !== undefined && text !== null) n.textContent = text;
  if (cls) n.className = cls;
  for (const ch of children || []) n.append(ch);
  return n;
}

const $ = (id) => document.getElementById(id);

function pager(container, page, total, go) {
  container.replaceChildren();
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const prev = el("button", "‹ Previous");
  prev.type = "button";
  prev.disabled = page === 0;
  prev.onclick = () => go(page - 1);
  const next = el("button", "Next ›");
  next.type = "button";
  next.disabled = page >= pages - 1;
  next.onclick = () => go(page + 1);
  container.append(prev, el("span", `page ${page + 1} of ${pages}`), next);
}

// ---- header ----
$("coverage").textContent =
  `${coverage.documents} documents, ${coverage.claims} claims in ${coverage.documents_with_claims} documents, ` +
  `${coverage.entities} entities.`;
if (coverage.truncated) {
  const t = $("truncated");
  t.hidden = false;
  t.textContent =
    `Truncated: this page embeds the first ${coverage.documents_embedded} of ${coverage.documents_with_claims} ` +
    `documents with claims (${coverage.claims_embedded} of ${coverage.claims} claims) and the ` +
    `${coverage.entities_embedded} most-mentioned of ${coverage.entities} entities. claims.csv has them all.`;
}

for (const b of document.querySelectorAll("nav button")) b.onclick = () => showTab(b.dataset.tab);
function showTab(name) {
  for (const b of document.querySelectorAll("nav button")) b.classList.toggle("active", b.dataset.tab === name);
  for (const s of document.querySelectorAll(".tab")) s.hidden = s.id !== "tab-" + name;
}

function fillDatalist(id, values) {
  $(id).replaceChildren(...[...new Set(values)].sort().map((v) => { const o = el("option"); o.value = v; return o; }));
}
fillDatalist("speakers", claims.map((c) => c.speaker).filter(Boolean));
fillDatalist("entity-names", entities.map((e) => e.label));
fillDatalist("doc-ids", docs.map((d) => d.id));

// ---- claims ----
let filtered = claims;
let claimPage = 0;
let selected = null;

function applyFilters() {
  const q = (id) => $(id).value.trim().toLowerCase();
  const speaker = q("f-speaker"), entity = q("f-entity"), kind = $("f-kind").value, doc = q("f-doc"), text = q("f-text");
  filtered = claims.filter((c) =>
    (!speaker || c.speaker.toLowerCase().includes(speaker) || c.speaker_id.toLowerCase() === speaker) &&
    (!entity || c.entityNames.includes(entity)) &&
    (!kind || c.kind === kind) &&
    (!doc || c.doc.id.toLowerCase().includes(doc)) &&
    (!text || claimText(c).toLowerCase().includes(text)));
  claimPage = 0;
  renderClaims();
}

function renderClaims() {
  $("claim-count").textContent = `${filtered.length} of ${claims.length} claims`;
  const list = $("claim-list");
  list.replaceChildren();
  for (const c of filtered.slice(claimPage * PAGE, (claimPage + 1) * PAGE)) {
    const li = el("li", null, c === selected ? "selected" : "", [
      el("span", c.speaker || "(no speaker)", "who"),
      el("span", c.kind, "kind"),
      el("span", "“" + claimText(c) + "”", "quote"),
      el("span", `${c.doc.id} · ${c.rule} · ${c.confidence}`, "meta"),
    ]);
    li.tabIndex = 0;
    li.dataset.claim = c.id;
    li.onclick = () => showClaim(c);
    li.onkeydown = (e) => { if (e.key === "Enter") showClaim(c); };
    list.append(li);
  }
  pager($("claim-pager"), claimPage, filtered.length, (p) => { claimPage = p; renderClaims(); });
}

/** The document text split at span edges, each piece marked with the spans covering it. */
function highlighted(doc, spans) {
  const cps = codePoints(doc);
  const cuts = new Set([0, cps.length]);
  for (const [, r] of spans) { cuts.add(r[0]); cuts.add(r[1]); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div");
  out.id = "doc-text";
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = cps.slice(a, b).join("");
    const classes = spans.filter(([, r]) => r[0] <= a && b <= r[1]).map(([name]) => name);
    if (classes.length === 0) { out.append(document.createTextNode(piece)); continue; }
    const m = el("mark", piece, classes.join(" "));
    m.title = classes.join(", ");
    out.append(m);
  }
  return out;
}

function showClaim(c) {
  selected = c;
  for (const li of document.querySelectorAll("#claim-list li")) li.classList.toggle("selected", li.dataset.claim === c.id);
  const spans = [["content", c.content]];
  if (c.speaker_span) spans.push(["speaker", c.speaker_span]);
  if (c.cue_span) spans.push(["cue", c.cue_span]);
  const row = (k, v) => [el("dt", k), el("dd", v)];
  const about = c.entities.map(labelOf).join(", ");
  const detail = $("claim-detail");
  detail.replaceChildren(
    el("h2", c.doc.title || c.doc.id),
    el("dl", null, null, [
      ...row("claim", c.id),
      ...row("document", c.doc.id + (c.doc.date ? " · " + c.doc.date : "")),
      ...row("speaker", `${c.speaker || "(none)"} · ${c.speaker_type}` + (c.speaker_id ? ` · ${c.speaker_id}` : "")),
      ...row("kind", c.kind),
      ...row("cue", c.cue || "(none)"),
      ...row("rule", c.rule),
      ...row("confidence", c.confidence),
      ...row("about", about || "(no entity)"),
    ]),
    el("p", null, "legend", [el("mark", "claim content", "content"), el("mark", "speaker", "speaker"), el("mark", "cue", "cue")]),
    highlighted(c.doc, spans));
  const first = detail.querySelector("#doc-text mark.content");
  if (first) first.scrollIntoView({ block: "center" });
}

for (const id of ["f-speaker", "f-entity", "f-doc", "f-text"]) {
  let timer;
  $(id).addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(applyFilters, 120); });
}
$("f-kind").onchange = applyFilters;
$("f-clear").onclick = () => { for (const id of ["f-speaker", "f-entity", "f-doc", "f-text", "f-kind"]) $(id).value = ""; applyFilters(); };

function filterClaims(field, value) {
  for (const id of ["f-speaker", "f-entity", "f-doc", "f-text", "f-kind"]) $(id).value = "";
  $(field).value = value;
  applyFilters();
  showTab("claims");
}

// ---- entities: who claims about whom ----
let entityMatches = entities;
let entityPage = 0;

function renderEntities() {
  $("entity-count").textContent = `${entityMatches.length} of ${entities.length} entities`;
  const rows = $("entity-rows");
  rows.replaceChildren();
  for (const e of entityMatches.slice(entityPage * PAGE, (entityPage + 1) * PAGE)) {
    const tr = el("tr", null, null, [el("td", e.label), el("td", e.type), el("td", String(e.mentions)), el("td", String(e.documents))]);
    tr.onclick = () => showEntity(e);
    rows.append(tr);
  }
  pager($("entity-pager"), entityPage, entityMatches.length, (p) => { entityPage = p; renderEntities(); });
}

function edgeList(title, list, other) {
  const items = list.map((x) => {
    const li = el("li");
    const b = el("button", labelOf(other(x)), "link");
    b.type = "button";
    b.onclick = () => showEntity(entityById.get(other(x)));
    li.append(b, ` (${x.weight})`);
    return li;
  });
  return [el("h3", `${title} (${list.length})`), items.length ? el("ul", null, null, items) : el("p", "none", "hint")];
}

function showEntity(e) {
  if (!e) return;
  const out = edges.filter((x) => x.source === e.id);
  const inc = edges.filter((x) => x.target === e.id);
  const byKind = (list, kind) => list.filter((x) => x.kind === kind);
  const by = el("button", "Claims by " + e.label, "link");
  by.type = "button";
  by.onclick = () => filterClaims("f-speaker", e.id);
  const about = el("button", "Claims mentioning " + e.label, "link");
  about.type = "button";
  about.onclick = () => filterClaims("f-entity", e.id);
  $("entity-detail").replaceChildren(
    el("h2", e.label),
    el("p", `${e.id} · ${e.type} · ${e.mentions} mentions in ${e.documents} documents`, "meta"),
    ...(e.externalIds ? [el("p", "ids: " + e.externalIds.split("|").join(" · "), "meta ids")] : []),
    el("p", null, null, [by, el("span", " · "), about]),
    ...edgeList("Claims about", byKind(out, "claims_about"), (x) => x.target),
    ...edgeList("Claimed about by", byKind(inc, "claims_about"), (x) => x.source),
    ...edgeList("Affiliated with", byKind(out, "affiliated_with"), (x) => x.target),
    ...edgeList("Affiliates", byKind(inc, "affiliated_with"), (x) => x.source));
}

$("e-search").addEventListener("input", () => {
  const q = $("e-search").value.trim().toLowerCase();
  entityMatches = q ? entities.filter((e) => e.label.toLowerCase().includes(q) || e.id.includes(q)) : entities;
  entityPage = 0;
  renderEntities();
});

// ---- documents ----
let docPage = 0;
function renderDocs() {
  $("doc-count").textContent = `${docs.length} documents with claims embedded`;
  const rows = $("doc-rows");
  rows.replaceChildren();
  for (const d of docs.slice(docPage * PAGE, (docPage + 1) * PAGE)) {
    const tr = el("tr", null, null, [el("td", d.id), el("td", d.date), el("td", d.title), el("td", String(d.claimCount))]);
    tr.onclick = () => filterClaims("f-doc", d.id);
    rows.append(tr);
  }
  pager($("doc-pager"), docPage, docs.length, (p) => { docPage = p; renderDocs(); });
}

renderClaims();
renderEntities();
renderDocs();
