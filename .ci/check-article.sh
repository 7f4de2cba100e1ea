#!/usr/bin/env bash
# The bundled article (claims/european-led-security-guarantees.txt) must be byte for byte the article the
# claims were drawn from, ../shared/article/european-led-security-guarantees.txt beside the repository.
# Not a unit test: tests use only files inside the repository, and a fresh clone has no ../shared.
# Exits 1 when they differ; says so and exits 0 when ../shared is not there to compare with.
set -euo pipefail
cd "$(dirname "$0")/.."
ours=claims/european-led-security-guarantees.txt
theirs=../shared/article/european-led-security-guarantees.txt
if [ ! -f "$theirs" ]; then
  echo "::: article check skipped: $theirs is not present beside the repository"
  exit 0
fi
if cmp -s "$ours" "$theirs"; then
  echo "::: article check: $ours is byte-identical to $theirs"
else
  echo "::: article check FAILED: $ours differs from $theirs" >&2
  cmp "$ours" "$theirs" >&2 || true
  exit 1
fi
