// Glob patterns for the `factCheck.claimsFiles` setting, matched against paths relative to a
// workspace folder with "/" separators. Dependency-free on purpose: the server is bundled into one
// file, and the subset VS Code users write in settings is small.
//   **  any number of path segments (also none)    *  anything but "/"    ?  one character but "/"
//   {a,b}  alternatives (may nest)                 [abc] [a-z] [!a]  one character of a class

/** Compiles a glob to an anchored regular expression. Never throws: a malformed part matches literally. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob.replace(/\\/g, "/").replace(/^\.\//, ""), 0, false).source}$`);
}

/** True when `relativePath` ("a/b/c.claims.json") matches `glob`. */
export function matchesGlob(glob: string, relativePath: string): boolean {
  return globToRegExp(glob).test(relativePath.replace(/\\/g, "/"));
}

function translate(glob: string, from: number, inBraces: boolean): { source: string; end: number } {
  let out = "";
  let i = from;
  while (i < glob.length) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atSegmentStart = i === 0 || glob[i - 1] === "/" || glob[i - 1] === "{" || glob[i - 1] === ",";
        i += 2;
        if (glob[i] === "/" && atSegmentStart) {
          out += "(?:[^/]*/)*"; // "**/": zero or more whole segments
          i++;
        } else out += ".*";
        continue;
      }
      out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) out += "\\[";
      else {
        let body = glob.slice(i + 1, close);
        const negate = body[0] === "!" || body[0] === "^";
        if (negate) body = body.slice(1);
        out += `[${negate ? "^/" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
        i = close;
      }
    } else if (c === "{") {
      const alternatives: string[] = [];
      let j = i + 1;
      let closed = false;
      for (;;) {
        const part = translate(glob, j, true);
        alternatives.push(part.source);
        j = part.end;
        if (j >= glob.length) break;
        if (glob[j] === "}") {
          closed = true;
          break;
        }
        j++; // past ","
      }
      if (!closed) out += "\\{";
      else {
        out += `(?:${alternatives.join("|")})`;
        i = j;
      }
    } else if (inBraces && (c === "," || c === "}")) {
      return { source: out, end: i };
    } else out += c.replace(/[.+^$()|\\\]{}/]/g, "\\$&");
    i++;
  }
  return { source: out, end: i };
}
