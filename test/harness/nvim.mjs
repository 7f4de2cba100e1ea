// Runs a Lua check script in headless Neovim (Debian's 0.7): an LSP client
// independent of VS Code. The script reports by exit code (`cquit 1` on
// failure, `qall!` on success) and whatever it prints.
import { isolatedDirs, removeDir, requireTool, spawnGroup, stopGroup, tools } from "./util.mjs";

/**
 * @param {object} o
 * @param {string} o.luaFile script run with `:luafile` after FILE is loaded
 * @param {string} [o.file] file to open
 * @param {object} [o.env] extra environment (e.g. the server command for the script)
 * @param {string} [o.cwd]
 * @param {number} [o.timeoutMs] default 60 s; then the group is killed
 * @returns {Promise<{code: number|null, stdout: string, stderr: string, timedOut: boolean}>}
 */
export async function runNvimLua({ luaFile, file, env = {}, cwd, timeoutMs = 60_000 } = {}) {
  if (!luaFile) throw new Error("runNvimLua: luaFile is required");
  const nvim = requireTool("Neovim (NVIM)", tools().nvim);
  // Own HOME/XDG dirs: no user config, shada, swap or log files leak in or out.
  const { base, env: dirs } = await isolatedDirs("factcheck-nvim-");
  const args = ["--headless", "--clean", "-i", "NONE", "-n", "-c", `luafile ${luaFile.replace(/ /g, "\\ ")}`];
  if (file) args.push(file);
  const p = spawnGroup(nvim, args, { env: { ...process.env, ...dirs, ...env }, cwd, keepLines: 0 });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopGroup(p.child.pid, { graceMs: 1_000 }).catch(() => {});
  }, timeoutMs);
  try {
    const { code } = await p.exited;
    // The script may have started a language server in the group: end it too.
    await stopGroup(p.child.pid, { graceMs: 2_000 }).catch(() => {});
    return { code, stdout: p.out.stdout, stderr: p.out.stderr, timedOut };
  } finally {
    clearTimeout(timer);
    p.forget();
    await removeDir(base);
  }
}
