// The JSON encoder of the stdio transport (stdio.ts): what vscode-jsonrpc writes, byte for byte, but a
// publishDiagnostics message is put together from each finding diagnostic's UTF-8 JSON, kept per diagnostic
// object, and from the last publish of the same document. A keystroke in a long draft republishes over a
// thousand diagnostics of which all but a few are the very objects of the last publish, in the same order
// (draft-checker.ts reuses them): the runs of them before and after the change are copied from the last
// publish's bytes in one piece each, and only the diagnostics between are looked up or serialised.
// (Over --node-ipc, Node serialises the message itself.)
import type { Diagnostic } from "vscode-languageserver";
import { DIAGNOSTIC_SOURCE } from "../../protocol/messages.js";

/** vscode-jsonrpc's ContentTypeEncoder, as its writer calls it. */
export interface JsonEncoder {
  readonly name: string;
  encode(msg: unknown, options: { charset: BufferEncoding }): Promise<Uint8Array>;
}

/** A document's last publish as written: its diagnostics' list, and where each one's JSON is in `body`. */
interface Written {
  diagnostics: readonly unknown[];
  /** Per diagnostic: whether it is a kept one (a finding's, never changed once made: same object, same JSON). */
  kept: Uint8Array;
  body: Buffer;
  /** Byte offsets in `body`: diagnostic i's JSON is [at[i], end[i]). */
  at: Int32Array;
  end: Int32Array;
}

export class PublishJsonEncoder implements JsonEncoder {
  readonly name = "application/json";
  /** Each finding diagnostic's JSON in UTF-8: they are never changed once made (a moved one is a new object). */
  private readonly bytes = new WeakMap<Diagnostic, Buffer>();
  /** The last publish of each document (by URI) with two or more diagnostics. */
  private readonly written = new Map<string, Written>();

  encode(msg: unknown, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      const utf8 = options.charset.toLowerCase().replace("-", "") === "utf8";
      return Promise.resolve(utf8 ? this.utf8(msg) : Buffer.from(JSON.stringify(msg), options.charset));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** The message's JSON (JSON.stringify's, by construction), as the encoder writes it (and remembers it). */
  text(msg: unknown): string {
    return this.utf8(msg).toString("utf8");
  }

  private utf8(msg: unknown): Buffer {
    const m = msg as { method?: unknown; params?: { uri?: unknown; diagnostics?: unknown } } | null;
    const diagnostics = m?.params?.diagnostics;
    const uri = m?.params?.uri;
    if (m?.method !== "textDocument/publishDiagnostics" || !Array.isArray(diagnostics)) return Buffer.from(JSON.stringify(msg), "utf8");
    if (typeof uri === "string" && diagnostics.length < 2) this.written.delete(uri);
    if (diagnostics.length < 2) return Buffer.from(JSON.stringify(msg), "utf8");
    // The message with a number in place of the list; the key appears once as a key (in a string, a quote is escaped).
    const head = JSON.stringify({ ...m, params: { ...m.params, diagnostics: 0 } });
    const key = head.indexOf(LIST_KEY);
    if (key < 0 || head.indexOf(LIST_KEY, key + 1) >= 0) return Buffer.from(JSON.stringify(msg), "utf8");
    const open = Buffer.from(`${head.slice(0, key)}"diagnostics":[`, "utf8");
    const close = Buffer.from(`]${head.slice(key + LIST_KEY.length)}`, "utf8");
    const last = typeof uri === "string" ? this.written.get(uri) : undefined;
    const w = this.list(diagnostics, open, close, last);
    if (typeof uri === "string") this.written.set(uri, w);
    return w.body;
  }

  /** The publish's bytes: `open`, the diagnostics' JSON with commas, `close`; runs shared with `last` copied from it. */
  private list(diagnostics: readonly unknown[], open: Buffer, close: Buffer, last: Written | undefined): Written {
    const n = diagnostics.length;
    const kept = new Uint8Array(n);
    // The same kept objects at the start and at the end as last time (the end's run not overlapping the start's).
    let prefix = 0;
    let suffix = 0;
    if (last) {
      const ln = last.diagnostics.length;
      const max = Math.min(n, ln);
      while (prefix < max && last.kept[prefix] && diagnostics[prefix] === last.diagnostics[prefix]) prefix++;
      while (suffix < max - prefix && last.kept[ln - 1 - suffix] && diagnostics[n - 1 - suffix] === last.diagnostics[ln - 1 - suffix])
        suffix++;
    }
    const at = new Int32Array(n);
    const end = new Int32Array(n);
    const parts: Buffer[] = [open];
    let size = open.length;
    if (prefix) {
      // Diagnostics [0, prefix) as last time, commas between them included.
      const from = last!.at[0];
      parts.push(last!.body.subarray(from, last!.end[prefix - 1]));
      const move = size - from;
      for (let i = 0; i < prefix; i++) {
        at[i] = last!.at[i] + move;
        end[i] = last!.end[i] + move;
        kept[i] = 1;
      }
      size += last!.end[prefix - 1] - from;
    }
    for (let i = prefix; i < n - suffix; i++) {
      if (i) {
        parts.push(COMMA);
        size++;
      }
      const d = diagnostics[i];
      const b = this.diagnostic(d);
      kept[i] = b.kept ? 1 : 0;
      parts.push(b.bytes);
      at[i] = size;
      size += b.bytes.length;
      end[i] = size;
    }
    if (suffix) {
      const ln = last!.diagnostics.length;
      const first = ln - suffix;
      if (n - suffix > 0) {
        parts.push(COMMA);
        size++;
      }
      const from = last!.at[first];
      parts.push(last!.body.subarray(from, last!.end[ln - 1]));
      const move = size - from;
      for (let k = 0; k < suffix; k++) {
        at[n - suffix + k] = last!.at[first + k] + move;
        end[n - suffix + k] = last!.end[first + k] + move;
        kept[n - suffix + k] = 1;
      }
      size += last!.end[ln - 1] - from;
    }
    parts.push(close);
    size += close.length;
    return { diagnostics: diagnostics.slice(), kept, body: Buffer.concat(parts, size), at, end };
  }

  private diagnostic(d: unknown): { bytes: Buffer; kept: boolean } {
    // Only the findings' diagnostics (with their verdict as data) are kept: nothing changes them once made
    // (diagnostics.ts findingDiagnostic; draft-checker.ts makes a new one to move one).
    const x = d as Diagnostic | null | undefined;
    const kept =
      typeof x === "object" &&
      x !== null &&
      x.source === DIAGNOSTIC_SOURCE &&
      typeof (x.data as { verdict?: unknown } | undefined)?.verdict === "string";
    if (!kept) return { bytes: Buffer.from(JSON.stringify(d) ?? "null", "utf8"), kept: false };
    let b = this.bytes.get(x);
    if (b === undefined) {
      b = Buffer.from(JSON.stringify(x), "utf8");
      this.bytes.set(x, b);
    }
    return { bytes: b, kept: true };
  }
}

const LIST_KEY = '"diagnostics":0';
const COMMA = Buffer.from(",");
