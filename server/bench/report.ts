// The benchmark's report: sections of rows, each row a measurement with its unit and its ratio
// to a baseline measured in the same run. Printed as a table and written as JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface Row {
  name: string;
  /** The measurement, in `unit`. */
  value: number;
  unit: "ms" | "ms/sentence" | "ms/MB" | "µs/claim" | "MB" | "count";
  /** value ÷ the baseline's value (same unit), when the row has a baseline. */
  ratio?: number;
  /** CPU time of the same work (same unit as `value`), when measured. */
  cpu?: number;
  /** cpu ÷ the baseline's cpu. */
  cpuRatio?: number;
  /** Name of the row this one is divided by. */
  vs?: string;
  /** Repetitions the value is the median of (or sentences it is the mean over). */
  n?: string;
  detail?: string;
}

export interface Section {
  id: string;
  title: string;
  /** What the ratios of this section are relative to, in one line. */
  baseline: string;
  rows: Row[];
  notes: string[];
}

/** A new, empty section: an experiment fills it with rows and notes, and the driver adds it to the report. */
export function section(id: string, title: string, baseline: string): Section {
  return { id, title, baseline, rows: [], notes: [] };
}

export class Report {
  readonly sections: Section[] = [];

  add(section: Section): void {
    this.sections.push(section);
  }
}

/** Adds a row; with `base`, its ratio is value ÷ base.value. */
export function addRow(section: Section, row: Omit<Row, "ratio" | "vs" | "cpuRatio">, base?: Row): Row {
  const r: Row = { ...row };
  if (base) {
    r.vs = base.name;
    r.ratio = base.value > 0 ? row.value / base.value : NaN;
    if (row.cpu !== undefined && base.cpu !== undefined) r.cpuRatio = base.cpu > 0 ? row.cpu / base.cpu : NaN;
  }
  section.rows.push(r);
  return r;
}

/** Adds a row that is its own section's (or sub-table's) baseline: ratio 1. */
export function addBaseline(section: Section, row: Omit<Row, "ratio" | "vs" | "cpuRatio">): Row {
  const r: Row = { ...row, ratio: 1, vs: row.name };
  if (row.cpu !== undefined) r.cpuRatio = 1;
  section.rows.push(r);
  return r;
}

export function formatValue(value: number, unit: Row["unit"]): string {
  if (!Number.isFinite(value)) return `n/a ${unit}`;
  if (unit === "count") return value.toLocaleString("en-US");
  if (unit === "MB") return `${value.toFixed(2)} MB`;
  if (unit === "µs/claim") return `${value.toFixed(1)} µs/claim`;
  const per = unit === "ms" ? "" : unit.slice(2);
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s${per}`;
  if (value >= 100) return `${value.toFixed(0)} ms${per}`;
  if (value >= 1) return `${value.toFixed(2)} ms${per}`;
  return `${(value * 1000).toFixed(1)} µs${per}`;
}

export function formatRatio(r: number | undefined): string {
  if (r === undefined) return "";
  if (!Number.isFinite(r)) return "n/a";
  if (r >= 100) return `${Math.round(r).toLocaleString("en-US")}×`;
  if (r >= 10) return `${r.toFixed(1)}×`;
  if (r >= 0.01) return `${r.toFixed(2)}×`;
  return `${r.toPrecision(2)}×`;
}

export function printReport(report: Report, header: string[], footer: string[]): string {
  const lines: string[] = [...header, ""];
  for (const s of report.sections) {
    lines.push(`${s.title}`);
    lines.push(`  ratios are ÷ ${s.baseline}`);
    const cells = s.rows.map((r) => [
      r.name,
      formatValue(r.value, r.unit),
      formatRatio(r.ratio),
      r.cpu === undefined ? "" : `${formatValue(r.cpu, r.unit)}`,
      formatRatio(r.cpuRatio),
      r.vs ? `÷ ${r.vs}` : "",
      r.n ?? "",
      r.detail ?? "",
    ]);
    const head = ["measurement", "wall time", "ratio", "cpu time", "cpu ratio", "of", "n", "details"];
    const right = new Set([1, 2, 3, 4]);
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const fmt = (c: string[]) =>
      "  " +
      c
        .map((x, i) => (right.has(i) ? x.padStart(widths[i]) : i === c.length - 1 ? x : x.padEnd(widths[i])))
        .join("  ")
        .trimEnd();
    lines.push(fmt(head));
    lines.push("  " + widths.map((w) => "-".repeat(w)).join("  "));
    for (const c of cells) lines.push(fmt(c));
    for (const n of s.notes) lines.push(`  note: ${n}`);
    lines.push("");
  }
  lines.push(...footer);
  return lines.join("\n");
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * The row fields of a measurement. Process CPU time includes V8's background GC threads and
 * has coarse accounting, so it is left out for single calls shorter than a millisecond.
 */
export function vals(m: { ms: number; cpuMs: number }): { value: number; cpu?: number } {
  return m.ms < 1 ? { value: m.ms } : { value: m.ms, cpu: m.cpuMs };
}

/** "1 rep", "5 reps": the n column of a repeated measurement. */
export function reps(n: number): string {
  return `${n} rep${n === 1 ? "" : "s"}`;
}

/** A duration for a detail column: "2.41 ms", "310 µs". */
export function fmtMs(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
