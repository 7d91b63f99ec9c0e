#!/usr/bin/env bash
# HTML main-content extraction: both published metrics (ScrapingHub shingle
# F1, trafilatura-eval snippet F1) with `dyad eval html`, the speed ratio
# against readability-lxml measured in the same run (scripts/bench_html.sh,
# CPU time per page, best of 3 alternating rounds; every 4th page of each
# set to stay within the CI budget; target >= 30x), and peak memory on a
# generated 50 MB page.
# Fails when the evaluation cannot run or an F1 falls below a regression
# floor set well under the figures in docs/html.md.
set -euo pipefail
: "${DYAD_BIN:?}" "${DYAD_SHARED:?}"
here="$(cd "$(dirname "$0")/../.." && pwd)"

echo "== dyad eval html (ScrapingHub: macro shingle P/R/F1; trafilatura: pooled snippet P/R/F1)"
out="$("$DYAD_BIN" eval html --data "$DYAD_SHARED/html" --json)"
/usr/bin/python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
s, t = r["scrapinghub"], r["trafilatura"]
print(f"ScrapingHub F1 = {s['f1']:.4f} (P {s['precision']:.4f}, R {s['recall']:.4f}, {s['pages']} pages; "
      f"target >= 0.965; trafilatura 0.958, rs-trafilatura 0.970)")
print(f"trafilatura-eval F1 = {t['f1']:.4f} (P {t['precision']:.4f}, R {t['recall']:.4f}, {t['pages']} pages, "
      f"tp={t['tp']} fp={t['fp']} fn={t['fn']}; target >= 0.93; trafilatura 0.924)")
bad = []
if s["f1"] < 0.95: bad.append("ScrapingHub F1 below the 0.95 floor")
if t["f1"] < 0.89: bad.append("trafilatura-eval F1 below the 0.89 floor")
if s["failures"] or t["failures"]: bad.append("extraction failures")
for b in bad: print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

if [[ -n "${DYAD_BUILD:-}" && -x "$DYAD_BUILD/dyad_bench" ]]; then
  echo "== speed vs readability-lxml, same run (every 4th page, best of 3 alternating rounds; CPU ms per page; target >= 30x)"
  DYAD_BUILD="$DYAD_BUILD" DYAD_SHARED="$DYAD_SHARED" "$here/scripts/bench_html.sh" 4
  echo "== 50 MB page (peak RSS of the whole bench process)"
  "$DYAD_BUILD/dyad_bench" --benchmark_filter='BM_Html50MB' 2>/dev/null | grep -E 'BM_Html50MB' || true
fi
