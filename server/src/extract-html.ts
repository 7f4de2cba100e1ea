// HTML pages saved from a browser, as a source for `factcheck extract`: the article body is found by
// Mozilla's Readability (the algorithm behind Firefox's Reader View) on a linkedom DOM (a light DOM
// with no browser), then walked into plain text: one block element a line, h1–h6 as sections. That
// text is what is stored beside the claims file, so every quote is verbatim in it.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { SourceText } from "./core/extract/source-text.js";
import type { Heading } from "./core/extract/index.js";

const BLOCK = new Set([
  "P",
  "DIV",
  "SECTION",
  "ARTICLE",
  "LI",
  "BLOCKQUOTE",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "TR",
  "FIGCAPTION",
  "PRE",
  "UL",
  "OL",
  "TABLE",
  "HEADER",
  "FOOTER",
  "MAIN",
  "ASIDE",
  "DD",
  "DT",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "CODE", "PRE", "BUTTON", "FORM", "NAV"]);

const BOILERPLATE =
  /(?:^|[\s_-])(?:ad|ads|advert|advertisement|promo|newsletter|share|sharing|subscribe|paywall|cookie|related)(?:[\s_-]|$)/i;

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export function htmlSource(html: string): SourceText & { byline?: string; siteName?: string } {
  const { document } = parseHTML(html);
  const docTitle = String(document.title ?? "").trim();
  // Readability's own filters miss the plainest ad and promo boxes (class="ad"): removed first
  for (const el of [...document.querySelectorAll("[class], [id]")]) {
    const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (BOILERPLATE.test(names) && !el.querySelector("article")) el.remove();
  }
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  const body = article?.content
    ? (parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body as unknown as DomNode)
    : (document.body as unknown as DomNode | null);
  const lines: { text: string; heading: boolean }[] = [];
  let current = "";
  let heading = false;
  const flush = () => {
    const t = current.replace(/\s+/g, " ").trim();
    if (t) lines.push({ text: t, heading });
    current = "";
    heading = false;
  };
  const walk = (n: DomNode) => {
    if (n.nodeType === 3) {
      current += n.textContent ?? "";
      return;
    }
    if (n.nodeType !== 1 || SKIP.has(n.nodeName.toUpperCase())) return;
    const name = n.nodeName.toUpperCase();
    if (name === "BR") {
      current += " ";
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    if (/^H[1-6]$/.test(name)) heading = true;
    for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i]);
    if (block) flush();
  };
  if (body) walk(body);
  flush();
  const title = (article?.title || docTitle || "").trim() || undefined;
  if (title && !(lines[0]?.heading && lines[0].text === title)) lines.unshift({ text: title, heading: true });
  let text = "";
  const headings: Heading[] = [];
  for (const l of lines) {
    const start = text.length;
    text += l.text;
    if (l.heading) headings.push({ start, end: text.length, text: l.text });
    text += "\n";
  }
  return { text, headings, title, byline: article?.byline?.trim() || undefined, siteName: article?.siteName?.trim() || undefined };
}
