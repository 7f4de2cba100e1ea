// The project config file on the command line: found from the working directory upward (the first
// folder holding factcheck.config.json or .factcheckrc.json), so `factcheck check` in CI loads the
// same workspace claims databases and applies the same ignores, severities and minimum score as the
// editor does in that folder. A broken config file is an input error (exit 2) naming file:line:column.
import { realpath } from "node:fs/promises";
import * as path from "node:path";
import { InputErrors } from "../core/types.js";
import { nodeFs } from "../deps.js";
import { CONFIG_FILE_NAMES, foldersUpward, MAX_CONFIG_BYTES, parseProjectConfig, type ProjectConfig } from "../node/config-file.js";
import { BUNDLED_CLAIMS_PATH } from "../node/install-paths.js";
import { readRegularFile } from "../node/safe-read.js";
import { DEFAULT_SETTINGS } from "../../../protocol/settings.js";
import { findFiles } from "../workspace-scan.js";

export interface FoundConfig {
  file: string;
  /** The folder the config file is in: its claims globs start here, and its claims files are confined to it. */
  root: string;
  config: ProjectConfig;
}

export async function findProjectConfig(cwd: string): Promise<FoundConfig | undefined> {
  for (const dir of foldersUpward(cwd)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = await readRegularFile(file, { maxBytes: MAX_CONFIG_BYTES, limitName: "the config file limit (1 MB)" });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") continue;
        throw new InputErrors([
          { file, line: 0, character: 0, offset: 0, length: 0, path: "", message: `cannot read: ${(e as Error).message}` },
        ]);
      }
      const { config, errors } = parseProjectConfig(text, file);
      if (errors.length) throw new InputErrors(errors);
      return { file, root: dir, config };
    }
  }
  return undefined;
}

/** The claims files the config's globs (default `**\/*.claims.json`, as in the editor) find under its folder, but the bundled one. */
export async function projectClaimsFiles(found: FoundConfig): Promise<string[]> {
  const globs = found.config.claims?.length ? found.config.claims : [DEFAULT_SETTINGS.claimsFiles];
  const bundled = await realpath(BUNDLED_CLAIMS_PATH).catch(() => BUNDLED_CLAIMS_PATH);
  const files: string[] = [];
  for (const glob of globs) {
    for (const f of await findFiles(nodeFs, found.root, glob)) {
      if (files.includes(f) || (await realpath(f).catch(() => f)) === bundled) continue;
      files.push(f);
    }
  }
  return files;
}
