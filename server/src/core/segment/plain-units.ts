// The prose units of a plain-text block. A title line ("No NATO Membership for Ukraine" above a
// paragraph) has no sentence punctuation to end it, so sentence splitting would glue it to the next
// sentence: it becomes a unit of its own.

/**
 * Prose units of a plain-text block. A title line ("No NATO Membership for Ukraine" above a
 * paragraph) has no sentence punctuation to end it, so sentence splitting would glue it to the
 * next sentence; a short capitalised line without terminal punctuation, followed by a line that
 * starts a new sentence, is its own unit. Hard-wrapped prose keeps its lines together: its lines
 * are long, or the next line continues in lower case.
 */
export function plainUnits(own: string): number[] {
  const units: number[] = [];
  let start = 0;
  let lineStart = 0;
  for (let nl = own.indexOf("\n"); nl >= 0; lineStart = nl + 1, nl = own.indexOf("\n", nl + 1)) {
    // Only the first MAX_TITLE_CHARS of a line are looked at: a title is short.
    if (nl - lineStart > MAX_TITLE_CHARS) continue;
    const line = own.slice(lineStart, nl).replace(/\r$/, "");
    const next = own.slice(nl + 1, nl + 2);
    if (isTitleLine(line) && /\p{Lu}|\p{N}|["“‘']/u.test(next)) {
      if (lineStart > start) units.push(start, lineStart);
      units.push(lineStart, lineStart + line.length);
      start = nl + 1;
    }
  }
  units.push(start, own.length);
  return units;
}

const MAX_TITLE_WORDS = 12;
const MAX_TITLE_CHARS = 120;

function isTitleLine(line: string): boolean {
  const t = line.trim();
  if (!t || !/^\p{Lu}/u.test(t) || /[.!?:;,…"”’')\]-]$/.test(t)) return false;
  return t.split(/\s+/).length <= MAX_TITLE_WORDS;
}
