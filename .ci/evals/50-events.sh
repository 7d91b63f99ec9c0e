#!/usr/bin/env bash
# Event coder: every gold suite (TABARI read natively, with a second line against
# its third-party gold.tsv; PETRARCH unit tests, UniversalPetrarch
# 2_02, PLOVER GSR dev, the seed release) plus the coder benchmark.
# Prints the figures; fails only when a suite cannot run at all.
set -euo pipefail
: "${DYAD_BIN:?}" "${DYAD_SHARED:?}"
echo "== dyad eval events (suites with their own dictionaries and parses)"
"$DYAD_BIN" eval events --shared "$DYAD_SHARED" tabari petrarch udpetrarch
echo "== dyad eval events --no-parse (shallow coding only)"
"$DYAD_BIN" eval events --shared "$DYAD_SHARED" --no-parse petrarch udpetrarch | grep -E '^suite|triples'
echo "== dyad eval events (shipped models and dictionaries)"
"$DYAD_BIN" eval events --shared "$DYAD_SHARED" plover seed
if [[ -n "${DYAD_BUILD:-}" && -x "$DYAD_BUILD/dyad_bench" ]]; then
  echo "== code_bench (sentences/s; segmentation alone is the baseline)"
  "$DYAD_BUILD/dyad_bench" --benchmark_filter='BM_Code' --benchmark_min_time=0.5 2>&1 | grep -E 'BM_Code|Benchmark'
fi
