// The text claims are drawn from, for each kind of source. Plain text is used as it is. Markdown goes
// through the project's segmentation (segment/, markdown-prose.ts): code, front matter, HTML and
// link targets are left out, emphasis and link marks dropped, and each block becomes one line of the
// extracted text, headings among them (they become sections). The result is what is stored beside
// the claims file, so every quote is verbatim in it.
import { LineIndex } from "../line-index.js";
import type { Segmenter } from "../segment/segmenter.js";
import { proseText } from "../segment/sentence.js";
import { plainTextHeadings, type Heading } from "./index.js";

export interface SourceText {
  text: string;
  headings: Heading[];
  /** A title found in the source (the first heading, an HTML <title>), when there is one. */
  title?: string;
}

export function plainSource(text: string): SourceText {
  const clean = text.replace(/\r\n?/g, "\n");
  const headings = plainTextHeadings(clean);
  const first = clean.split("\n").find((l) => l.trim());
  return { text: clean, headings, title: headings[0] && first?.trim() === headings[0].text ? headings[0].text : undefined };
}

/** Markdown: its prose, one block a line; ATX and setext headings become sections. */
export function markdownSource(md: string, segmenter: Segmenter): SourceText {
  const src = md.replace(/\r\n?/g, "\n");
  const sentences = segmenter.segmentDraft(src, "markdown");
  const lines = new LineIndex(src, "lf");
  const lineOf = (off: number) => lines.positionAt(off).line;
  const lineText = (n: number) => src.slice(lines.lineStart(n), (lines.lineStart(n + 1) ?? src.length + 1) - 1);
  const isHeadingLine = (n: number) =>
    /^ {0,3}#{1,6}\s/.test(lineText(n)) || (/^ {0,3}(=+|-+)\s*$/.test(lineText(n + 1) ?? "") && lineText(n).trim() !== "");
  const blankBetween = (a: number, b: number) => {
    for (let n = a + 1; n < b; n++) if (!lineText(n).trim()) return true;
    return false;
  };
  let out = "";
  const headings: Heading[] = [];
  let prevLine = -1;
  let prevHeading = false;
  for (const s of sentences) {
    // the sentence's words, without the markup that segmentation masks (emphasis marks, link targets, code)
    const masked = proseText(s);
    const words = masked
      .replace(/[ \t]*\n[ \t]*/g, " ")
      .replace(/ {2,}/g, " ")
      .trim();
    if (!words) continue;
    const line = lineOf(s.start);
    const heading = isHeadingLine(line);
    const newBlock =
      out === "" ||
      heading ||
      prevHeading ||
      blankBetween(prevLine, line) ||
      (/^\s*(?:[-*+]|\d+[.)])\s/.test(lineText(line)) && line !== prevLine);
    if (out) out += newBlock ? "\n" : " ";
    const start = out.length;
    out += words.replace(/^#+\s*/, "");
    if (heading) headings.push({ start, end: out.length, text: out.slice(start) });
    prevLine = lineOf(s.end);
    prevHeading = heading;
  }
  return { text: out + (out ? "\n" : ""), headings, title: headings[0]?.text };
}
