#!/usr/bin/env python3
"""Reports how well data/dict/leaders/*.dyad covers each state's government over time.

For every sovereign state (ISO 3166-1 from Debian's iso-codes, minus dependent territories, plus
Kosovo) it takes the union of the date ranges of all `role XXXGOV` lines of the persons in the
leaders files, and prints the days between FROM and TO that no government role covers. A gap means
that a head of state or government is missing for that period (or that only ministers were
entered). It also lists states with no GOV role at all.

  python3 scripts/gen_leader_coverage.py [--from 2000-01-01] [--to 2025-06-30] [--min-gap 30]

Exits 0; it is a maintenance report, not a test. See docs/dictionaries.md.
"""

import argparse
import datetime
import glob
import json
import os
import re
import sys

# ISO 3166-1 entries that are not sovereign states (dependent territories, uninhabited areas).
TERRITORIES = set("""
ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL GUF GUM
HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM SPM SXM TCA
TKL UMI VGB VIR WLF
""".split())

DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_date(text, end):
  """'2008' as a start is 2008-01-01 and as an end 2008-12-31; same for months."""
  m = DATE.match(text)
  y, mo, d = int(m.group(1)), m.group(2), m.group(3)
  if d:
    return datetime.date(y, int(mo), int(d))
  if mo:
    mo = int(mo)
    if not end:
      return datetime.date(y, mo, 1)
    nxt = datetime.date(y + (mo == 12), mo % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)
  return datetime.date(y, 12, 31) if end else datetime.date(y, 1, 1)


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--from", dest="start", default="2000-01-01")
  ap.add_argument("--to", dest="stop", default="2025-06-30")
  ap.add_argument("--min-gap", type=int, default=30, help="report gaps of at least N days")
  ap.add_argument("--dict", default=os.path.join(os.path.dirname(__file__), "..", "data", "dict"))
  args = ap.parse_args()
  start = parse_date(args.start, False)
  stop = parse_date(args.stop, True)

  iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
  states = sorted({e["alpha_3"] for e in iso} - TERRITORIES | {"KSV"})

  spans = {}
  for path in sorted(glob.glob(os.path.join(args.dict, "leaders", "*.dyad"))):
    for line in open(path, encoding="utf-8"):
      line = line.split("#")[0].strip()
      if not line.startswith("role "):
        continue
      parts = line.split("note=")[0].split()
      code, rng = parts[1], parts[2]
      if len(code) != 6 or not code.endswith("GOV"):
        continue
      a, b = rng.split("..")
      lo = parse_date(a, False) if a else datetime.date(1900, 1, 1)
      hi = parse_date(b, True) if b else datetime.date(2100, 1, 1)
      spans.setdefault(code[:3], []).append((lo, hi))

  missing, gappy, full = [], [], 0
  for cc in states:
    if cc not in spans:
      missing.append(cc)
      continue
    cursor, gaps = start, []
    for lo, hi in sorted(spans[cc]):
      if lo > cursor and (lo - cursor).days >= args.min_gap and cursor <= stop:
        gaps.append((cursor, min(lo - datetime.timedelta(days=1), stop)))
      cursor = max(cursor, hi + datetime.timedelta(days=1))
    if cursor <= stop and (stop - cursor).days + 1 >= args.min_gap:
      gaps.append((cursor, stop))
    if gaps:
      gappy.append((cc, gaps))
    else:
      full += 1
  print(f"states: {len(states)}; fully covered {args.start}..{args.stop}: {full}; "
        f"with gaps: {len(gappy)}; with no GOV role: {len(missing)}")
  if missing:
    print("no GOV role: " + " ".join(missing))
  for cc, gaps in gappy:
    print(cc + ": " + ", ".join(f"{a}..{b}" for a, b in gaps))
  return 0


if __name__ == "__main__":
  sys.exit(main())
