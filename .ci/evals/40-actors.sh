#!/usr/bin/env bash
# Actors: the shipped dictionaries (counts, errors, load time), the PETRARCH /
# Phoenix / TABARI importers on the reference dictionaries, actor coding on
# the seed release and PLOVER GSR dev, the leaders cross-check against Phoenix,
# and the actors benchmark.
# Fails only when something cannot run, or a shipped dictionary has errors.
set -euo pipefail
: "${DYAD_BIN:?}" "${DYAD_SHARED:?}"
P="$DYAD_SHARED/events/dictionaries/petrarch2"
G="$DYAD_SHARED/events/gold"

echo "== dyad dict check (shipped data/dict)"
"$DYAD_BIN" dict check

echo "== dyad dict check (Phoenix actors + agents, as PETRARCH2 reads them)"
"$DYAD_BIN" dict check "$P/Phoenix.Countries.actors.txt" "$P/Phoenix.International.actors.txt" \
  "$P/Phoenix.MilNonState.actors.txt" "$P/Phoenix.agents.txt" || true

for f in "$G/petrarch-unittest/PETR.Validate.actors.txt" "$G/petrarch-unittest/PETR.Validate.agents.txt" \
         "$G/udpetrarch-functional/PETR_Validate_actors_2_02.txt" \
         "$G/udpetrarch-functional/PETR_Validate_agents_2_02.txt" \
         "$G/tabari-validate/TABARI.Demo.actors" "$G/tabari-validate/Validate.agents"; do
  echo "== dyad dict check $(basename "$f")"
  "$DYAD_BIN" dict check "$f" 2>&1 | grep -E '^entries|^errors|^load|: ' || true
done

echo "== dyad eval actors (shipped dictionaries only; issue 5 target: PLOVER GSR dev country and sector >= 85%, pooled and per role: source/target country, source/target sector)"
"$DYAD_BIN" eval actors --shared "$DYAD_SHARED" || echo "eval actors: some required seed actors failed"
echo "== dyad eval actors --only seed, without the release's three persons in the dictionaries"
"$DYAD_BIN" eval actors --shared "$DYAD_SHARED" --only seed --without kadyrov_ramzan \
  --without titiev_oyub --without williamson_hugh || echo "eval actors (ablation): some failed"

echo "== leaders list against the Phoenix dictionaries (scripts/check_leaders.py; counts only)"
python3 "$(dirname "$0")/../../scripts/check_leaders.py" --dyad "$DYAD_BIN" --reference "$P" \
  --tsv "${TMPDIR:-/tmp}/dyad-check-leaders.tsv" || echo "check_leaders: could not run"

echo "== dyad eval actors --only plover --verbose: records that disagree on country or sector (docs/actors.md classifies them)"
"$DYAD_BIN" eval actors --shared "$DYAD_SHARED" --only plover --verbose |
  grep -v '^plover-gsr-dev:' | wc -l | sed 's/^/disagreements on either field: /'

if [[ -n "${DYAD_BUILD:-}" && -x "$DYAD_BUILD/dyad_bench" ]]; then
  echo "== actors_bench (load: reading the files is the baseline; resolve: segmenting is)"
  "$DYAD_BUILD/dyad_bench" --benchmark_filter='BM_Dict|BM_Actors' --benchmark_min_time=0.3 2>&1 |
    grep -E 'BM_|Benchmark'
fi
