#!/usr/bin/env bash
# HTML extraction speed: dyad (bench/html_bench.cc, Google Benchmark) and
# readability-lxml (scripts/bench_readability.py) on the same pages, in one
# run, and the per-page ratio for each set and for both sets pooled.
#
# Usage: scripts/bench_html.sh [STRIDE] [ROUNDS]
#   STRIDE: time every STRIDE-th page of each set (default 1: all pages).
#   ROUNDS: alternate dyad and readability-lxml this many times (default 3)
#           and keep each one's best round, so that load from other processes
#           on a shared machine hits both alike.
# Environment: DYAD_BUILD (build dir with dyad_bench, default build),
#              DYAD_SHARED (shared data dir, default ../shared/data).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${DYAD_BUILD:-$here/build}"
shared="${DYAD_SHARED:-$here/../shared/data}"
stride="${1:-${DYAD_BENCH_STRIDE:-1}}"
rounds="${2:-3}"
export DYAD_BENCH_STRIDE="$stride" DYAD_SHARED="$shared"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

have_peer=1
if ! /usr/bin/python3 -c 'import readability' 2>/dev/null; then
  echo "readability-lxml not installed (apt install python3-readability); dyad only:"
  have_peer=0
fi
for r in $(seq 1 "$rounds"); do
  "$build/dyad_bench" --benchmark_filter='BM_Html(Scrapinghub|Trafilatura)' \
    --benchmark_format=json >"$tmp/dyad.$r.json" 2>"$tmp/dyad.err"
  if [[ $have_peer == 1 ]]; then
    /usr/bin/python3 "$here/scripts/bench_readability.py" --data "$shared/html" --stride "$stride" \
      >>"$tmp/peer.jsonl"
  fi
done
/usr/bin/python3 - "$tmp" "$have_peer" "$stride" "$rounds" <<'PY'
import glob, json, os, sys
ours = {}  # set -> (best ms per page, pages)
for path in sorted(glob.glob(os.path.join(sys.argv[1], "dyad.*.json"))):
    for b in json.load(open(path))["benchmarks"]:
        name = {"BM_HtmlScrapinghub": "scrapinghub", "BM_HtmlTrafilatura": "trafilatura"}.get(b["name"].split("/")[0])
        if name and (name not in ours or b["ms_per_page"] < ours[name][0]):
            ours[name] = (b["ms_per_page"], int(b["pages"]))
peer = {}
if sys.argv[2] == "1":
    for line in open(os.path.join(sys.argv[1], "peer.jsonl")):
        r = json.loads(line)
        if r["set"] not in peer or r["ms_per_page"] < peer[r["set"]][0]:
            peer[r["set"]] = (r["ms_per_page"], r["pages"])
stride = sys.argv[3]
tot_ours = tot_peer = 0.0
for s in ("scrapinghub", "trafilatura"):
    if s not in ours:
        continue
    ms, n = ours[s]
    line = f"{s:<12} pages={n:<4} dyad={ms:8.3f} ms/page"
    if s in peer:
        pms, pn = peer[s]
        assert pn == n, f"page counts differ: {pn} != {n}"
        line += f"  readability-lxml={pms:8.3f} ms/page  ratio={pms / ms:6.1f}x"
        tot_ours += ms * n
        tot_peer += pms * n
    print(line)
rounds = sys.argv[4]
if tot_ours > 0:
    sample = f"every {stride}th page, " if stride != "1" else "all pages, "
    print(f"both sets pooled: dyad is {tot_peer / tot_ours:.1f}x faster per page than readability-lxml"
          f" ({sample}best of {rounds} alternating rounds, CPU time)")
PY
