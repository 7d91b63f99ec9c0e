#!/usr/bin/env python3
"""Cross-checks the shipped leaders list against a reference dictionary.

    python3 scripts/check_leaders.py --dyad build/dyad \
        --reference ../shared/data/events/dictionaries/petrarch2 [--tsv out.tsv]

The reference is any set of PETRARCH/Phoenix actor files (the Phoenix
dictionaries carry date-bounded roles up to early 2014). They are converted
with `dyad dict import` into a temporary file and only read: nothing from them
is written into data/dict (see docs/dictionaries.md, "How the leaders list is
maintained").

A person is checked when one of their full names (two words or more) is also
a name of exactly one reference entry. Within the reference's window
(2000-01-01 to --until), the script compares office roles (every code except
ELI, former officials):
  country   our office roles and the reference's name different countries;
  missing   the reference holds an office role at the middle of one of its
            spans, and we have no office role of that country there;
  start/end a reference span's first or last day is more than --tolerance
            days from the nearest boundary of our matching role (a date we
            wrote as a year or a month may sit anywhere in that period).
Every disagreement is printed (and written to --tsv); a person is then
looked up by hand, because the reference has errors of its own (its "ELI"
spans before an office, its ministers coded as GOV, stale open ends).
"""
import argparse
import collections
import datetime
import glob
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

WINDOW_FROM = datetime.date(2000, 1, 1)


def fold(name):
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", name))


def parse_bound(s, end):
    """A dyad date (YYYY, YYYY-MM, YYYY-MM-DD) -> (first day, last day)."""
    if not s:
        return None
    parts = [int(p) for p in s.split("-")]
    y = parts[0]
    if len(parts) == 1:
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    m = parts[1]
    if len(parts) == 2:
        nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
        return datetime.date(y, m, 1), nxt - datetime.timedelta(days=1)
    d = datetime.date(y, m, min(parts[2], 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31))
    return d, d


class Role:
    def __init__(self, code, rng):
        self.code = code
        a, _, b = rng.partition("..") if rng else ("", "", "")
        fa = parse_bound(a, False)
        fb = parse_bound(b, True)
        # Earliest/latest readings of each end (a partial date is a period).
        self.from_lo, self.from_hi = fa if fa else (datetime.date(1, 1, 1),) * 2
        self.to_lo, self.to_hi = fb if fb else (datetime.date(9999, 12, 31),) * 2
        self.open_end = fb is None

    @property
    def country(self):
        return self.code[:3]

    @property
    def office(self):
        return not self.code.endswith("ELI") and self.code not in ("---",)

    def holds(self, day):
        return self.from_lo <= day <= self.to_hi


COVERAGE_START = datetime.date(2003, 1, 1)


def merge(roles):
    """Joins spans of the same code that overlap or touch (within a day)."""
    out = []
    for r in sorted(roles, key=lambda r: (r.code, r.from_lo)):
        if out and out[-1].code == r.code and (out[-1].open_end or r.from_lo <= out[-1].to_hi + datetime.timedelta(days=1)):
            if r.to_hi > out[-1].to_hi:
                out[-1].to_lo, out[-1].to_hi, out[-1].open_end = r.to_lo, r.to_hi, r.open_end
            continue
        out.append(r)
    return out


def read_dyad(paths):
    """-> {id: {"names": [...], "roles": [Role], "file": path}}"""
    actors = {}
    cur = None
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                kw, _, rest = line.partition(" ")
                rest = rest.strip()
                if kw == "actor":
                    cur = actors.setdefault(rest, {"names": [], "roles": [], "file": path})
                elif kw in ("agent", "country", "region", "city"):
                    cur = None
                elif cur is None:
                    continue
                elif kw == "name":
                    cur["names"].append(rest)
                elif kw in ("role", "code"):
                    rest = rest.split(" note=", 1)[0]
                    fields = rest.split()
                    rng = fields[1] if len(fields) > 1 and ".." in fields[1] else ""
                    cur["roles"].append(Role(fields[0], rng))
    return actors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--reference", required=True, help="folder with Phoenix *.actors.txt")
    ap.add_argument("--leaders", default=os.path.join(os.path.dirname(__file__), "..", "data", "dict", "leaders"))
    ap.add_argument("--until", default="2014-01-30", help="last day the reference knows about")
    ap.add_argument("--tolerance", type=int, default=45, help="days")
    ap.add_argument("--tsv", help="write the disagreements here")
    args = ap.parse_args()
    until = datetime.date.fromisoformat(args.until)

    refs = sorted(glob.glob(os.path.join(args.reference, "*Countries.actors.txt")) +
                  glob.glob(os.path.join(args.reference, "*International.actors.txt")))
    if not refs:
        sys.exit(f"error: no Phoenix actor files in {args.reference}")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "reference.dyad")
        r = subprocess.run([args.dyad, "dict", "import", *refs, "--output", out],
                           capture_output=True, text=True)
        if r.returncode not in (0, 1) or not os.path.exists(out):
            sys.exit(f"error: dyad dict import failed: {r.stderr.strip()}")
        ref = read_dyad([out])
    ours = read_dyad(sorted(glob.glob(os.path.join(args.leaders, "*.dyad"))))

    by_name = collections.defaultdict(set)
    for rid, e in ref.items():
        for n in e["names"]:
            fn = fold(n)
            if len(fn.split()) >= 2:
                by_name[fn].add(rid)

    counts = collections.Counter()
    rows = []
    for oid, e in sorted(ours.items()):
        office = [r for r in e["roles"] if r.office]
        if not office:
            continue
        counts["persons"] += 1
        cands = set()
        for n in e["names"]:
            fn = fold(n)
            if len(fn.split()) >= 2:
                cands |= by_name.get(fn, set())
        if len(cands) != 1:
            counts["no unique reference entry" if cands else "not in the reference"] += 1
            continue
        rid = cands.pop()
        # Office spans inside the window, with a known start. Only plain
        # CCCGOV spans: the reference also codes every cabinet portfolio
        # (GOVBUS, GOVDEV, ...), which our list covers only in part.
        rroles = [r for r in ref[rid]["roles"] if r.office and len(r.code) == 6 and
                  r.code.endswith("GOV")]
        rroles = merge([r for r in rroles if r.to_hi >= WINDOW_FROM and r.from_lo <= until and
                        r.from_lo.year > 1])
        if not rroles:
            counts["reference has no dated office in the window"] += 1
            continue
        counts["checked persons"] += 1
        ours_c = {r.country for r in office}
        ref_c = {r.country for r in rroles}
        bad = False
        if not ours_c & ref_c:
            rows.append((oid, rid, "country", "/".join(sorted(ours_c)), "/".join(sorted(ref_c)), ""))
            counts["disagree: country"] += 1
            continue
        for rr in rroles:
            counts["checked spans"] += 1
            lo = max(rr.from_lo, WINDOW_FROM)
            hi = min(rr.to_hi, until)
            if hi < lo:
                continue
            mid = lo + (hi - lo) / 2
            match = [r for r in office if r.country == rr.country and r.holds(mid)]
            # The whole run of our office roles around `mid` (touching ones join).
            if match:
                run = True
                while run:
                    run = False
                    for r in office:
                        if r.country == rr.country and r not in match and any(
                                (r.from_lo - m.to_hi).days <= 2 and (m.from_lo - r.to_hi).days <= 2
                                for m in match):
                            match.append(r)
                            run = True
            span = f"{rr.code} {rr.from_lo}..{'' if rr.open_end else rr.to_hi}"
            if not match and rr.open_end:
                # The reference's open ends are stale (its file is from 2014).
                counts["reference span open-ended, not compared"] += 1
                continue
            if not match:
                rows.append((oid, rid, "missing", "", span, f"no office role of {rr.country} on {mid}"))
                counts["disagree: missing"] += 1
                bad = True
                continue
            tol = datetime.timedelta(days=args.tolerance)
            # The reference's spans start on 2003-01-01 when its source
            # (CountryInfo) begins there: not a real start.
            if rr.from_lo >= WINDOW_FROM and rr.from_lo != COVERAGE_START:
                # Our roles often join consecutive offices into one span, so
                # only a reference span that starts well before ours counts.
                first = min(match, key=lambda r: r.from_lo)
                if (first.from_lo - rr.from_lo).days > args.tolerance:
                    rows.append((oid, rid, "start", f"{first.code} from {first.from_lo}", span, ""))
                    counts["disagree: start"] += 1
                    bad = True
            if not rr.open_end and rr.to_hi < until:
                last = max(match, key=lambda r: r.to_hi)
                if (rr.to_hi - last.to_hi).days > args.tolerance:
                    rows.append((oid, rid, "end", f"{last.code} to {last.to_hi}", span, ""))
                    counts["disagree: end"] += 1
                    bad = True
        # The other way: an office role of ours (inside the window) at whose
        # middle the reference has the person as ELI (former official) and in
        # no office.
        rall = ref[rid]["roles"]
        for r in office:
            lo = max(r.from_lo, WINDOW_FROM)
            hi = min(r.to_hi, until)
            if hi < lo:
                continue
            counts["checked spans (ours)"] += 1
            mid = lo + (hi - lo) / 2
            if any(x.office and x.holds(mid) for x in rall):
                continue
            eli = [x for x in rall if not x.office and x.code.endswith("ELI") and x.holds(mid) and
                   x.from_lo.year > 1]
            if eli:
                x = eli[0]
                rows.append((oid, rid, "former", f"{r.code} {r.from_lo}..{'' if r.open_end else r.to_hi}",
                             f"{x.code} {x.from_lo}..{'' if x.open_end else x.to_hi}",
                             f"the reference has only ELI on {mid}"))
                counts["disagree: former"] += 1
                bad = True
        counts["persons with a disagreement" if bad else "persons agreeing"] += 1

    for k in ["persons", "not in the reference", "no unique reference entry",
              "reference has no dated office in the window", "checked persons", "persons agreeing",
              "persons with a disagreement", "checked spans", "disagree: country",
              "reference span open-ended, not compared", "disagree: missing", "disagree: start", "disagree: end", "checked spans (ours)",
              "disagree: former"]:
        print(f"{k:45} {counts[k]}")
    lines = ["ours\treference\tkind\tour role\treference span\tdetail"] + ["\t".join(r) for r in rows]
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
