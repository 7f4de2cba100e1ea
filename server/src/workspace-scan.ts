// Finds claims files in a workspace folder. LSP gives a server no way to glob the client's
// workspace, so the server walks the folders itself: breadth-first, skipping dependency and VCS
// folders, and bounded so that opening a huge folder cannot stall the server.
import * as path from "node:path";
import { globToRegExp } from "./glob.js";
import type { ServerFs } from "./deps.js";

/** Folders never worth walking into. */
const SKIP = new Set(["node_modules", ".git", ".hg", ".svn", ".vscode-test"]);

export interface ScanLimits {
  /** Folders read at most (each costs one readdir). */
  maxDirs: number;
  maxDepth: number;
  maxFiles: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxDirs: 5000, maxDepth: 16, maxFiles: 200 };

/** Absolute paths of the files under `root` whose root-relative path matches `glob`, sorted. */
export async function findFiles(fs: ServerFs, root: string, glob: string, limits: ScanLimits = DEFAULT_SCAN_LIMITS): Promise<string[]> {
  const re = globToRegExp(glob);
  const found: string[] = [];
  const queue: { dir: string; rel: string; depth: number }[] = [{ dir: root, rel: "", depth: 0 }];
  let dirs = 0;
  while (queue.length && dirs < limits.maxDirs && found.length < limits.maxFiles) {
    const { dir, rel, depth } = queue.shift()!;
    dirs++;
    let entries;
    try {
      entries = await fs.readDir(dir);
    } catch {
      continue; // unreadable folder: not our business
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) {
        if (!SKIP.has(e.name) && depth + 1 < limits.maxDepth) queue.push({ dir: path.join(dir, e.name), rel: childRel, depth: depth + 1 });
      } else if (e.isFile && re.test(childRel)) {
        found.push(path.join(dir, e.name));
        if (found.length >= limits.maxFiles) break;
      }
    }
  }
  return found.sort();
}
