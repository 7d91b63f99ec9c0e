#!/usr/bin/env bash
# Enrichment: event dates and places on our own date set (tests/data/dates),
# with segmentation only (token-window attachment) and with the analyze stage
# (parse-based attachment when a parser model is present); PLOVER context F1
# on the PLOVER GSR dev set. Prints the figures; fails only when an
# evaluation cannot run at all.
set -euo pipefail
: "${DYAD_BIN:?}" "${DYAD_SHARED:?}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
echo "== dyad eval dates (segmentation only)"
"$DYAD_BIN" eval dates --stage segment "$root/tests/data/dates"
echo "== dyad eval dates (with the analyze stage)"
"$DYAD_BIN" eval dates --stage analyze "$root/tests/data/dates"
echo "== dyad eval contexts (PLOVER GSR dev)"
"$DYAD_BIN" eval contexts --shared "$DYAD_SHARED"
if [[ -n "${DYAD_BUILD:-}" && -x "$DYAD_BUILD/dyad_bench" ]]; then
  echo "== enrich_bench (segmentation alone is the baseline)"
  "$DYAD_BUILD/dyad_bench" --benchmark_filter='BM_Enrich' --benchmark_min_time=0.3 2>&1 | grep -E 'BM_Enrich|Benchmark'
fi
