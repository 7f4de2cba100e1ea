// The "Fact Check" Output channel with log levels: a LogOutputChannel (VS Code shows each line's
// level and time, and the channel's gear sets how much is shown). vscode-languageclient writes the
// server's window/logMessage lines as `[Error - 10:42:01] …` text; this adapter hands each to the
// log at its own level instead, so a warning from the server is a warning in the channel.
import * as vscode from "vscode";

const LEVELED = /^\[(Error|Warn|Info|Debug|Trace)\s*- [^\]]*\] ([\s\S]*)$/;

export function leveledOutput(log: vscode.LogOutputChannel): vscode.OutputChannel {
  return {
    name: log.name,
    append: (value) => log.append(value),
    appendLine: (value) => {
      const m = LEVELED.exec(value);
      if (!m) return log.info(value);
      const text = m[2];
      if (m[1] === "Error") log.error(text);
      else if (m[1] === "Warn") log.warn(text);
      else if (m[1] === "Debug") log.debug(text);
      else if (m[1] === "Trace") log.trace(text);
      else log.info(text);
    },
    replace: (value) => log.replace(value),
    clear: () => log.clear(),
    show: (a?: unknown, b?: boolean) => (typeof a === "boolean" ? log.show(a) : log.show(b)),
    hide: () => log.hide(),
    dispose: () => log.dispose(),
  };
}
