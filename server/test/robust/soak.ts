// How hard the robustness suite pushes. `npm run test:robust` runs a few iterations of each
// randomized case, so the suite stays well under two minutes on two cores; with `--soak` (which
// sets FACTCHECK_SOAK=1) every case runs many more, with larger inputs, for minutes.
export const SOAK = process.env.FACTCHECK_SOAK === "1";

/** `normal` iterations in the ordinary run, `soak` under --soak. */
export function iterations(normal: number, soak: number): number {
  return SOAK ? soak : normal;
}

/** The seed of a randomized case: fixed, so a failure replays; FACTCHECK_SEED overrides it to explore. */
export function seed(fixed: number): number {
  const s = Number(process.env.FACTCHECK_SEED);
  return Number.isInteger(s) ? s : fixed;
}
