// The project config file (node/config-file.ts) as the language server reads it: one per workspace
// folder, at the folder's root, read through ServerFs and cached until a watched change or a
// reload. Its values sit under the user's settings (the client sends only the settings the user
// set: client/src/server.ts, explicitSettings). In Restricted Mode its `claims` globs are ignored,
// as `factCheck.claimsFiles` is.
import * as path from "node:path";
import { uriToPath } from "./claims-files.js";
import type { Logger, ServerFs } from "./deps.js";
import { CONFIG_FILE_NAMES, configAsSettings, MAX_CONFIG_BYTES, parseProjectConfig } from "./node/config-file.js";
import { formatInputError } from "./core/types.js";

export class ProjectConfigs {
  private readonly byFolder = new Map<string, Promise<Record<string, unknown>>>();

  constructor(
    private readonly fs: ServerFs,
    private readonly logger: Logger,
    private readonly trusted: () => boolean,
  ) {}

  /** Is this file a project config file (a watched change to it re-reads every folder's)? */
  static isConfigFile(uri: string): boolean {
    const file = uriToPath(uri);
    return !!file && (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file));
  }

  /** The config of the innermost workspace folder holding `scopeUri` (or of the folder itself), as raw settings; {} when none. */
  forResource(scopeUri: string | undefined, folders: readonly string[]): Promise<Record<string, unknown>> {
    const folder = scopeUri ? innermostFolder(scopeUri, folders) : undefined;
    if (!folder) return Promise.resolve({});
    let p = this.byFolder.get(folder);
    if (!p) {
      p = this.read(folder);
      this.byFolder.set(folder, p);
    }
    return p;
  }

  clear(): void {
    this.byFolder.clear();
  }

  private async read(folderUri: string): Promise<Record<string, unknown>> {
    const root = uriToPath(folderUri);
    if (!root) return {};
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(root, name);
      let text: string;
      try {
        text = await this.fs.readFile(file, { maxBytes: MAX_CONFIG_BYTES, limitName: "the config file limit (1 MB)" });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException | null)?.code;
        if (code !== "ENOENT" && code !== "ENOTDIR") this.logger.warn(`cannot read ${file}: ${(e as Error)?.message ?? String(e)}`);
        continue;
      }
      const { config, errors } = parseProjectConfig(text, file);
      for (const e of errors) this.logger.warn(`${formatInputError(e)} (this setting is ignored)`);
      if (!this.trusted() && config.claims) {
        this.logger.info(`${file}: Restricted Mode, its "claims" globs are ignored`);
        delete config.claims;
      }
      this.logger.info(`using ${file}`);
      return configAsSettings(config);
    }
    return {};
  }
}

/** The innermost folder URI that is `uri` or holds it. */
function innermostFolder(uri: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    const base = f.endsWith("/") ? f : f + "/";
    if ((uri === f || uri.startsWith(base)) && (!best || f.length > best.length)) best = f;
  }
  return best;
}
