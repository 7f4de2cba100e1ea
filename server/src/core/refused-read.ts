// Why a loader host refused to read a file. The host (server/src/node/claims-disk.ts) decides what may be read —
// confinement to a root folder, regular files only, a size limit — and throws this; the loader reports the
// message at the right place. Pure: nothing here touches the disk.

export type RefusalKind =
  /** The file resolves (after symlinks) outside the folder it must stay in. The message is the whole error. */
  | "outside-root"
  /** Not a regular file: a FIFO, a device, a socket, a directory. The message says what it is. */
  | "not-regular"
  /** Larger than the limit. The message gives the size and the limit. */
  | "too-large";

export const READ_REFUSED = "EFACTCHECK_REFUSED";

export class ReadRefused extends Error {
  readonly code = READ_REFUSED;
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = "ReadRefused";
  }
}

/** By `code`, not `instanceof`: the CLI, the server bundle and the tests may each hold their own copy of the class. */
export function isReadRefused(e: unknown): e is ReadRefused {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { code?: unknown }).code === READ_REFUSED &&
    typeof (e as { kind?: unknown }).kind === "string"
  );
}
