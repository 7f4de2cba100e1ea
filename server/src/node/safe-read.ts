// Reads a file that may be hostile: a claims file or its source in a pull request or an untrusted folder, a draft
// named on the command line. Only regular files are read, and never more than a limit:
//  - stat first, and refuse anything but a regular file without opening it (opening a FIFO for reading blocks
//    until a writer comes; /dev/zero never ends);
//  - open with O_NONBLOCK, so a path swapped for a FIFO after the stat cannot block the open either, then fstat
//    the handle: still a regular file, the same one (device and inode), and still within the limit;
//  - read at most limit + 1 bytes, so a file that grows after the fstat, or that reports size 0 while holding
//    text (Linux /proc files), still cannot exceed the limit.
import { constants, promises as fsp, type Stats } from "node:fs";
import { ReadRefused } from "../core/refused-read.js";

export const MB = 1024 * 1024;

/** 20 MB: far above any real article or claims database, far below what would hurt the server. */
export const DEFAULT_MAX_FILE_BYTES = 20 * MB;

export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxBytes?: number;
  /** Where the limit is set, for the message ("factCheck.maximumFileSize", "--max-file-size"). */
  limitName?: string;
}

/** Reads a regular file as UTF-8; refuses (ReadRefused) anything else, or anything over the limit. */
export async function readRegularFile(file: string, limits: ReadLimits = {}): Promise<string> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const before = await fsp.stat(file); // follows symlinks: what open would reach
  refuseUnlessRegular(before);
  refuseIfLarger(before.size, maxBytes, limits.limitName);
  // O_NONBLOCK is 0 (absent) on Windows, where opening a named pipe does not wait for a writer anyway.
  const handle = await fsp.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = await handle.stat();
    refuseUnlessRegular(opened);
    if (opened.dev !== before.dev || opened.ino !== before.ino) {
      throw new ReadRefused("not-regular", "the file was replaced while it was being opened");
    }
    refuseIfLarger(opened.size, maxBytes, limits.limitName);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = Math.min(maxBytes + 1, Math.max(opened.size + 1, 64 * 1024), 4 * MB);
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      refuseIfLarger(total, maxBytes, limits.limitName);
      chunks.push(bytesRead === chunkSize ? buffer : buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** What a file is, for "it is … , not a regular file". */
export function kindOf(st: Stats): string {
  if (st.isFile()) return "a regular file";
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

function refuseUnlessRegular(st: Stats): void {
  if (!st.isFile()) throw new ReadRefused("not-regular", `it is ${kindOf(st)}, not a regular file`);
}

function refuseIfLarger(bytes: number, maxBytes: number, limitName: string | undefined): void {
  if (bytes <= maxBytes) return;
  const where = limitName ? ` (${limitName})` : "";
  throw new ReadRefused("too-large", `it is larger than the ${formatMB(maxBytes)} limit${where}`);
}

/** "20 MB", "1.5 MB"; below 1 MB in bytes ("1400 bytes"), where MB would round to nothing. */
export function formatMB(bytes: number): string {
  if (bytes < MB) return `${bytes} bytes`;
  return `${Number((bytes / MB).toFixed(2))} MB`;
}
