// Reading a file named on the command line, for every command: a refusal or a missing file is an
// input error naming the file as the user wrote it (exit 2), never a stack trace.
import { isReadRefused } from "../core/refused-read.js";
import { InputErrors } from "../core/types.js";
import { type ReadLimits, readRegularFile } from "../node/safe-read.js";

/** An error about a whole file (no place inside it), shown as `file: message`. */
export function inputError(file: string, message: string): InputErrors {
  return new InputErrors([{ file, line: 0, character: 0, offset: 0, length: 0, path: "", message }]);
}

/** The text of the regular file at `abs` (shown as `shown`), within `limits`; else an input error saying why. */
export async function readInput(abs: string, limits: ReadLimits, shown: string): Promise<string> {
  try {
    return await readRegularFile(abs, limits);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = isReadRefused(e)
      ? e.message
      : code === "ENOENT"
        ? "ENOENT (file not found)"
        : code === "EACCES"
          ? "EACCES (permission denied)"
          : (code ?? (e as Error).message);
    throw inputError(shown, `cannot read: ${why}`);
  }
}
