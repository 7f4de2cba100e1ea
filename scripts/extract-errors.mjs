#!/usr/bin/env node
// Error analysis of the extractor on PolNeAR slices: every gold attribution the attribution metric
// misses is put in one class, in this order —
//   merged        a prediction covers its content with an agreeing source, but is matched to another gold
//   source        a prediction covers >= 50% of its content, none with an agreeing source (by gold source kind
//                 and what the prediction named)
//   content       a prediction's cue touches the gold cue but its content covers < 50% (split when several
//                 predictions together cover >= 50%)
//   dropped       the cue tagger tagged the cue but extraction made no attribution of it (no content, no
//                 source, nested in another content)
//   cue           the cue tagger did not tag the cue (or the gold has no cue)
// and every unmatched prediction by whether its cue touches a gold cue. Needs a build (reads out/).
//   node scripts/extract-errors.mjs [--set dev|heldout|train-40] [--show CLASS] [--limit N]
import { join } from "node:path";
import { root, scriptArgs, slices } from "./extract-slices.mjs";

const { opt, dataDir } = scriptArgs();
const set = opt("--set", "dev");
const show = opt("--show");
const limit = Number(opt("--limit", "40"));
const { drawClaims } = await import(join(root, "out/server/src/extract-source.js"));
const { createNlp } = await import(join(root, "out/server/src/core/nlp.js"));
const { tokenizeDoc } = await import(join(root, "out/server/src/core/extract/tokens.js"));
const { findCueGroups } = await import(join(root, "out/server/src/core/extract/index.js"));
const { adaptClaims } = await import(join(dataDir, "adapt.mjs"));
const { tokenize, tokenRange, head, isPronoun } = await import(join(dataDir, "text.mjs"));

const nlp = createNlp();
const gold = slices(dataDir)[set];
const counts = new Map();
const examples = new Map();
const count = (k, ex) => {
  counts.set(k, (counts.get(k) ?? 0) + 1);
  if (ex) {
    const l = examples.get(k) ?? [];
    l.push(ex);
    examples.set(k, l);
  }
};
const rangesOf = (tokens, spans) => spans.map((s) => tokenRange(tokens, s.start, s.end)).filter(Boolean);
const len = (rs) => rs.reduce((n, [a, b]) => n + b - a, 0);
const inter = (x, y) => {
  let n = 0;
  for (const [a, b] of x) for (const [c, d] of y) n += Math.max(0, Math.min(b, d) - Math.max(a, c));
  return n;
};
const union = (x, ys) => {
  const m = new Set();
  for (const y of ys) for (const [c, d] of y) for (let i = c; i < d; i++) m.add(i);
  let n = 0;
  for (const [a, b] of x) for (let i = a; i < b; i++) if (m.has(i)) n++;
  return n;
};
const touch = (a, b) => a && b && a.start < b.end && b.start < a.end;
const txt = (cs) =>
  JSON.stringify(
    (cs ?? [])
      .map((c) => c.text)
      .join(" … ")
      .slice(0, 140),
  );
let nGold = 0,
  nPred = 0,
  nHit = 0;
for (const g of gold) {
  const r = drawClaims({ nlp, file: `${g.id}.txt`, content: g.text, format: "plaintext" });
  const pred = adaptClaims(r.db, r.sourceText, g.id, { warn: () => {} }).attributions;
  const doc = tokenizeDoc(nlp, g.text);
  const groups = findCueGroups(doc).map(([a, b]) => ({ start: doc.tokens[a].start, end: doc.tokens[b].end }));
  const tokens = tokenize(g.text);
  const P = pred.map((p) => ({
    raw: p,
    content: rangesOf(tokens, p.content),
    heads: new Set(
      [p.source?.name, p.source?.text]
        .filter((s) => s && !isPronoun(s))
        .map(head)
        .filter(Boolean),
    ),
  }));
  const G = g.attributions.map((a) => {
    const src = a.source;
    let heads = null,
      contentOnly = false;
    if (src) {
      if (a.pronounSource ?? isPronoun(src.text)) {
        if (src.antecedent) heads = new Set([head(src.antecedent.text)].filter(Boolean));
        else contentOnly = true;
      } else heads = new Set([head(src.text), ...(src.fragments ?? []).map((f) => head(f.text))].filter(Boolean));
    }
    return { raw: a, content: rangesOf(tokens, a.content ?? []), heads, contentOnly };
  });
  const agree = (p, q) => {
    if (!q.raw.source) return !p.raw.source;
    if (!p.raw.source) return false;
    if (q.contentOnly) return true;
    for (const h of p.heads) if (q.heads.has(h)) return true;
    return false;
  };
  const cand = [];
  G.forEach((q, gi) =>
    P.forEach((p, pi) => {
      const o = inter(p.content, q.content);
      if (o > 0 && o * 2 >= len(q.content) && agree(p, q)) cand.push([o / len(q.content), gi, pi]);
    }),
  );
  cand.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedG = new Set(),
    usedP = new Set();
  for (const [, gi, pi] of cand)
    if (!usedG.has(gi) && !usedP.has(pi)) {
      usedG.add(gi);
      usedP.add(pi);
    }
  nGold += G.length;
  nPred += P.length;
  nHit += usedG.size;
  G.forEach((q, gi) => {
    if (usedG.has(gi)) return;
    const a = q.raw;
    const need = len(q.content);
    const ex = `${g.id} | src ${JSON.stringify(a.source?.text ?? null)}${a.source?.antecedent ? `(=${a.source.antecedent.text})` : ""} | cue ${JSON.stringify(a.cue?.text ?? null)} | ${txt(a.content)}`;
    if (cand.some(([, x]) => x === gi)) return count("merged", ex);
    const covering = P.filter((p) => inter(p.content, q.content) * 2 >= need);
    if (covering.length) {
      const kind = !a.source
        ? "gold-none"
        : a.pronounSource
          ? "gold-pronoun"
          : /^\p{Lu}/u.test(a.source.text)
            ? "gold-named"
            : "gold-nominal";
      const p = covering[0].raw;
      const got = !p.source ? "pred-none" : "pred-other";
      return count(
        `source ${kind} ${got}`,
        `${ex}\n    pred src ${JSON.stringify(p.source?.name ?? null)} [${p.source?.text ?? ""}] cue ${p.cue?.text}`,
      );
    }
    const byCue = P.filter((p) => touch(p.raw.cue, a.cue));
    if (byCue.length) {
      const split =
        union(
          q.content,
          P.map((p) => p.content),
        ) *
          2 >=
        need;
      return count(split ? "content split" : "content boundary", `${ex}\n    pred ${txt(byCue[0].raw.content)}`);
    }
    if (a.cue && groups.some((c) => touch(c, a.cue))) return count("dropped", ex);
    count(a.cue ? "cue missed" : "cue none in gold", ex);
  });
  P.forEach((p, pi) => {
    if (usedP.has(pi)) return;
    const real = g.attributions.some((q) => touch(p.raw.cue, q.cue));
    count(
      real ? "spurious: cue real" : "spurious: cue false",
      `${g.id} | ${JSON.stringify(p.raw.source?.name ?? null)} | cue ${p.raw.cue?.text} | ${txt(p.raw.content)}`,
    );
  });
}
console.log(`${set}: gold ${nGold}, predicted ${nPred}, matched ${nHit}`);
for (const [k, n] of [...counts].sort((x, y) => y[1] - x[1])) console.log(`${String(n).padStart(5)}  ${k}`);
if (show) for (const [k, l] of examples) if (k.startsWith(show)) for (const e of l.slice(0, limit)) console.log(`[${k}] ${e}`);
