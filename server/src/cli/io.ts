// What a command of the CLI writes through, and where relative paths start: the process in the bin
// (main.ts), a buffer in tests. Its own file so that every command (run.ts, extract.ts) can take it.
import type { Nlp } from "../core/nlp.js";

/** Where the CLI writes and which folder relative paths start from: the process's in the bin, a buffer in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** The English pipeline to read with. Default: a new one per command (the bin runs one command per process); tests running many commands in one process pass one. */
  nlp?: Nlp;
}
