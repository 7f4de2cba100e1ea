// The stdio transport, built here instead of by createConnection's own reading of `--stdio`, so
// that the server can see its reader's errors. After a framing fault (a header without
// Content-Length, a length that is not a number, bytes that are no header at all) vscode-jsonrpc's
// reader reports an error and then never finds the start of a message again: the server would
// sit deaf forever. A server that exits is better: the client sees it and restarts it. So any
// reader error ends the process, with the reason on stderr and exit code 1.
//
// vscode-jsonrpc waits for "\r\n\r\n" before it looks at a header, so bytes that never contain
// one (binary noise, a bare "\n" line ending) would stall it silently; FramingGuard, in front of
// the reader, checks header bytes as they arrive and turns those into reader errors too.
import { Transform, type TransformCallback } from "node:stream";
import { format } from "node:util";
import { StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node.js";
import { PublishJsonEncoder } from "./publish-encoder.js";

/** Longest header block accepted (LSP sends one or two short lines). */
export const MAX_HEADER_BYTES = 8192;

/**
 * Passes bytes through unchanged while they look like LSP framing: header lines of printable
 * ASCII ending in CRLF, each "Name: value", up to MAX_HEADER_BYTES; then Content-Length bytes of
 * body. Anything else is an "error" event naming the byte offset and what was wrong. It stops
 * checking (and passes everything through) once a header gives no usable Content-Length:
 * vscode-jsonrpc reports that one itself.
 */
export class FramingGuard extends Transform {
  private offset = 0;
  /** Bytes of body still to pass; -1 while reading a header; -2 once no longer checking. */
  private bodyLeft = -1;
  private header = "";

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const fault = this.check(chunk);
    if (fault) return done(new Error(`LSP framing error at byte ${fault.at} of stdin: ${fault.why}`));
    done(null, chunk);
  }

  private check(chunk: Buffer): { at: number; why: string } | undefined {
    for (let i = 0; i < chunk.length;) {
      if (this.bodyLeft === -2) return undefined;
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= n;
        i += n;
        if (this.bodyLeft === 0) this.bodyLeft = -1;
        continue;
      }
      const at = this.offset + i;
      const b = chunk[i++];
      if (b === 10) {
        if (!this.header.endsWith("\r")) return { at, why: 'a header line ends in "\\n" without "\\r"' };
        const line = this.header.slice(this.header.lastIndexOf("\n") + 1, -1);
        if (line === "") {
          this.startBody();
        } else if (!line.includes(":")) {
          return { at, why: `a header line is not "Name: value": ${JSON.stringify(line.slice(0, 80))}` };
        } else this.header += "\n";
        continue;
      }
      if (b !== 13 && b !== 9 && (b < 32 || b > 126)) return { at, why: `byte 0x${b.toString(16).padStart(2, "0")} in a message header` };
      if (this.header.length >= MAX_HEADER_BYTES) return { at, why: `a message header longer than ${MAX_HEADER_BYTES} bytes` };
      this.header += String.fromCharCode(b);
    }
    this.offset += chunk.length;
    return undefined;
  }

  /** The blank line after the headers: the body's length is Content-Length's, as vscode-jsonrpc reads it. */
  private startBody(): void {
    const length = /(?:^|\n)content-length:\s*([^\r\n]*)/i.exec(this.header)?.[1];
    const n = length === undefined ? NaN : parseInt(length, 10);
    this.header = "";
    this.bodyLeft = Number.isNaN(n) || n < 0 ? -2 : n === 0 ? -1 : n;
  }
}

/**
 * Reader and writer for LSP over this process's stdin and stdout. Any reader error (including
 * FramingGuard's) logs to stderr and exits with code 1; stdin closing exits too (0 after a shutdown
 * request, as vscode-languageserver does). Console output goes to stderr: stdout carries the protocol.
 */
export function stdioTransport(shutdownReceived: () => boolean): { reader: StreamMessageReader; writer: StreamMessageWriter } {
  const guard = new FramingGuard();
  process.stdin.pipe(guard);
  const reader = new StreamMessageReader(guard);
  // JSON as vscode-jsonrpc writes it, with each finding diagnostic's JSON kept for the next publish (publish-encoder.ts).
  const writer = new StreamMessageWriter(process.stdout, { contentTypeEncoder: new PublishJsonEncoder() });
  reader.onError((e) => {
    process.stderr.write(`factcheck language server: cannot read the LSP stream, exiting: ${e.message}\n`);
    process.exit(1);
  });
  const ended = (): void => {
    if (!shutdownReceived()) process.stderr.write("factcheck language server: stdin closed before a shutdown request, exiting\n");
    process.exit(shutdownReceived() ? 0 : 1);
  };
  process.stdin.on("end", ended);
  process.stdin.on("close", ended);
  for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    console[level] = (...args: unknown[]) => void process.stderr.write(format(...args) + "\n");
  }
  return { reader, writer };
}
