// An index part built with pauses (the language server's way: small batches first, so the first, cold analyses
// hold the event loop briefly) is the part built at once: the same terms, pairs and tables, field for field.
import assert from "node:assert/strict";
import { it } from "node:test";
import { generateClaims } from "../bench/claims-gen.js";
import { buildIndexPart, buildIndexPartSync } from "../src/core/index-part.js";
import { readBundledClaims } from "../src/node/claims-disk.js";
import { nlp } from "./helpers.js";

it("builds the same index part in growing batches with pauses as at once", async () => {
  const claims = [...(await readBundledClaims()).claims, ...generateClaims(700, 3).claims];
  let pauses = 0;
  const paused = await buildIndexPart(claims, nlp, async () => {
    pauses++;
  });
  assert.ok(pauses >= 8, `${pauses} pauses`);
  assert.deepEqual(paused, buildIndexPartSync(claims, nlp));
});
