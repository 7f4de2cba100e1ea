// The one edit distance of the engine: typo correction of draft words (typo-index.ts), speaker names
// a draft misspells (speakers.ts), and "did you mean" for an unknown speaker in a claims file.

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function damerau(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/**
 * damerau(a, b) <= 1, without the table: equal, or one insertion, deletion, substitution or swap of two adjacent
 * characters apart. (Asked for every name a draft writes against every name of a candidate's speaker.)
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const m = a.length;
  const n = b.length;
  if (m - n > 1 || n - m > 1) return false;
  let i = 0;
  while (i < m && i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // The first difference is at i: what follows must be equal after one edit there.
  const restEqual = (x: string, from: number, y: string, yFrom: number): boolean => {
    if (x.length - from !== y.length - yFrom) return false;
    for (let k = 0; from + k < x.length; k++) if (x.charCodeAt(from + k) !== y.charCodeAt(yFrom + k)) return false;
    return true;
  };
  if (m === n)
    return (
      restEqual(a, i + 1, b, i + 1) ||
      (i + 1 < m && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && restEqual(a, i + 2, b, i + 2))
    );
  return m > n ? restEqual(a, i + 1, b, i) : restEqual(a, i, b, i + 1);
}
