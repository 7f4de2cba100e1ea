// How much of a draft the server checks. A draft over `factCheck.maximumDraftSize` (UTF-8 bytes) is
// checked only up to a paragraph break before the limit: checking costs time in proportion to
// the text (seconds per megabyte, cold), and a 50 MB log pasted into an editor must not keep the
// server busy for minutes. The part left unchecked is always announced, never silently dropped.

export interface DraftPart {
  /** UTF-16 length of the part to check: the whole text, or a prefix ending at a line or paragraph break. */
  end: number;
  /** True when `end` is before the end of the text. */
  partial: boolean;
}

/**
 * The part of `text` to check when at most `maxBytes` UTF-8 bytes may be. Cut at the last blank
 * line before the limit (a paragraph break: a sentence is never cut in two), else the last line
 * break, else at the limit itself (never inside a surrogate pair). Costs time linear in the
 * smaller of the text and the limit.
 */
export function draftPart(text: string, maxBytes: number): DraftPart {
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair: 4 for 2 units).
  if (text.length * 3 <= maxBytes) return { end: text.length, partial: false };
  const limit = utf16PrefixWithin(text, maxBytes);
  if (limit >= text.length) return { end: text.length, partial: false };
  const paragraph = text.lastIndexOf("\n\n", limit - 1);
  const line = text.lastIndexOf("\n", limit - 1);
  // A break in the first half of the allowance would throw away too much: cut at the limit then.
  const end = paragraph >= limit / 2 ? paragraph + 1 : line >= limit / 2 ? line + 1 : limit;
  return { end, partial: true };
}

/** The longest prefix of `text` (in UTF-16 units) whose UTF-8 encoding is at most `maxBytes`, not ending between surrogates. */
export function utf16PrefixWithin(text: string, maxBytes: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let size: number;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size = 4;
      units = 2;
    } else size = 3; // the rest of the BMP, and a lone surrogate (encoded as U+FFFD)
    if (bytes + size > maxBytes) return i;
    bytes += size;
    i += units - 1;
  }
  return text.length;
}

/** "5 MB", "512 KB", "800 bytes": a size as a person reads it (decimal units, as `maximumDraftSize` counts). */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)} KB`;
  return `${n} bytes`;
}
