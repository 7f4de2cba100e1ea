// The JSON encoder of the stdio transport (stdio.ts): what vscode-jsonrpc writes, byte for byte, but a
// publishDiagnostics message is put together from each finding diagnostic's UTF-8 JSON, kept per diagnostic
// object. A keystroke in a long draft republishes over a thousand diagnostics of which all but a few are the
// very objects of the last publish (draft-checker.ts reuses them): serialising and encoding them again was
// most of the server's time for the keystroke. (Over --node-ipc, Node serialises the message itself.)
import type { Diagnostic } from "vscode-languageserver";
import { DIAGNOSTIC_SOURCE } from "../../protocol/messages.js";

/** vscode-jsonrpc's ContentTypeEncoder, as its writer calls it. */
export interface JsonEncoder {
  readonly name: string;
  encode(msg: unknown, options: { charset: BufferEncoding }): Promise<Uint8Array>;
}

export class PublishJsonEncoder implements JsonEncoder {
  readonly name = "application/json";
  /** Each finding diagnostic's JSON in UTF-8: they are never changed once made (a moved one is a new object). */
  private readonly bytes = new WeakMap<Diagnostic, Buffer>();

  encode(msg: unknown, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      const parts = options.charset.toLowerCase().replace("-", "") === "utf8" ? this.split(msg) : undefined;
      return Promise.resolve(parts ? Buffer.concat(parts) : Buffer.from(JSON.stringify(msg), options.charset));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** The message's JSON (JSON.stringify's, by construction), as the encoder writes it. */
  text(msg: unknown): string {
    return (
      this.split(msg)
        ?.map((b) => b.toString("utf8"))
        .join("") ?? JSON.stringify(msg)
    );
  }

  /** A publish of several diagnostics as UTF-8 pieces (the kept ones among them); undefined for any other message. */
  private split(msg: unknown): Buffer[] | undefined {
    const m = msg as { method?: unknown; params?: { diagnostics?: unknown } } | null;
    const diagnostics = m?.params?.diagnostics;
    if (m?.method !== "textDocument/publishDiagnostics" || !Array.isArray(diagnostics) || diagnostics.length < 2) return undefined;
    // The message with a number in place of the list; the key appears once as a key (in a string, a quote is escaped).
    const head = JSON.stringify({ ...m, params: { ...m.params, diagnostics: 0 } });
    const at = head.indexOf(LIST_KEY);
    if (at < 0 || head.indexOf(LIST_KEY, at + 1) >= 0) return undefined;
    const parts: Buffer[] = [Buffer.from(`${head.slice(0, at)}"diagnostics":[`, "utf8")];
    for (let i = 0; i < diagnostics.length; i++) {
      if (i) parts.push(COMMA);
      parts.push(this.diagnostic(diagnostics[i] as Diagnostic));
    }
    parts.push(Buffer.from(`]${head.slice(at + LIST_KEY.length)}`, "utf8"));
    return parts;
  }

  private diagnostic(d: Diagnostic): Buffer {
    // Only the findings' diagnostics (with their verdict as data) are kept: nothing changes them once made
    // (diagnostics.ts findingDiagnostic; draft-checker.ts makes a new one to move one).
    const kept =
      typeof d === "object" &&
      d !== null &&
      d.source === DIAGNOSTIC_SOURCE &&
      typeof (d.data as { verdict?: unknown } | undefined)?.verdict === "string";
    if (!kept) return Buffer.from(JSON.stringify(d) ?? "null", "utf8");
    let b = this.bytes.get(d);
    if (b === undefined) {
      b = Buffer.from(JSON.stringify(d), "utf8");
      this.bytes.set(d, b);
    }
    return b;
  }
}

const LIST_KEY = '"diagnostics":0';
const COMMA = Buffer.from(",");
