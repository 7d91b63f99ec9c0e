#!/usr/bin/python3
"""A probe, not part of dyad: would reattaching words after parsing help our parser?

docs/analysis-log.md, "Issue 4, nineteenth round". Corrective modelling (Hall & Novak
2005): for each word of a parse the candidates are its head, its grandparent and
great-grandparent, its siblings within 6 words and the words just outside its
subtree's span (never a word of its own subtree); an averaged perceptron ranks
them, trained on jackknifed parses of the training set (dyad train relabel
--parses-cache FILE) with our jackknifed tags (--tags-cache FILE); on EWT dev a
word moves to the best candidate when that beats its head by more than a margin
(and makes no cycle). Prints how often the gold head is a candidate, and dev UAS
before and after for each margin.

Plain Python 3 (about 40 s an epoch). Usage:
  probe_corrective.py --shared ../shared/data --tags-cache tags-train.txt \
    --parses-cache parses-train.txt --ours dev-LK.conllu [--epochs 2]
--ours: `dyad eval ud --output FILE` of EWT dev.
"""
import argparse
import random
import sys
from collections import defaultdict

from probe_data import read_conllu, training_sentences


def tree(words, heads, labels, tags):
    return {"words": words, "heads": heads, "labels": labels, "tags": tags,
            "children": children(heads)}


def children(heads):
    out = defaultdict(list)
    for i, h in enumerate(heads, 1):
        out[h].append(i)
    return out


def subtree(t, w):
    seen, todo = set(), [w]
    while todo:
        for c in t["children"].get(todo.pop(), ()):
            if c not in seen:
                seen.add(c)
                todo.append(c)
    return seen


def candidates(t, w):
    """[(word, kind)] for word w (1-based): its head first; [] for the root."""
    heads, n = t["heads"], len(t["heads"])
    head = heads[w - 1]
    if head == 0:
        return []
    below = subtree(t, w)
    out = {head: "head"}
    grand = heads[head - 1]
    if grand:
        out.setdefault(grand, "grand")
        if heads[grand - 1]:
            out.setdefault(heads[grand - 1], "great")
    for s in t["children"].get(head, ()):
        if s != w and abs(s - w) <= 6:
            out.setdefault(s, "sibling")
    span = below | {w}
    for x in (min(span) - 1, max(span) + 1):
        if 1 <= x <= n:
            out.setdefault(x, "outside")
    return [(c, k) for c, k in out.items() if c not in below and c != w]


def features(t, w, c, kind):
    words, tags, labels, heads = t["words"], t["tags"], t["labels"], t["heads"]
    tw, tc = tags[w - 1], tags[c - 1]
    ww, wc = words[w - 1].lower(), words[c - 1].lower()
    side = "L" if c < w else "R"
    d = abs(c - w)
    dist = str(d if d < 5 else (5 if d < 8 else 6))
    lw, lc = labels[w - 1], labels[c - 1]
    case = next((words[x - 1].lower() for x in t["children"].get(w, ())
                 if labels[x - 1] in ("case", "mark")), "")
    hc = heads[c - 1]
    thc = tags[hc - 1] if hc else "ROOT"
    lo, hi = min(w, c), max(w, c)
    verbs = min(sum(tags[i].startswith("VB") for i in range(lo, hi - 1)), 3)
    puncts = min(sum(tags[i] in (",", ":", ".") for i in range(lo, hi - 1)), 3)
    return ["k" + kind, "t" + tw + tc + side, "td" + tw + tc + side + dist,
            "wt" + ww + "|" + tc + side, "tw" + tw + "|" + wc + side, "ww" + ww + "|" + wc,
            "l" + lw + tc + side, "lk" + lw + kind, "c" + case + "|" + tc + side,
            "cw" + case + "|" + wc, "cww" + case + "|" + ww + "|" + wc, "ll" + lw + "|" + lc + side,
            "h" + tw + tc + thc, "v%d%s%s" % (verbs, kind, side), "p%d%s%s" % (puncts, kind, side),
            "d" + kind + dist + side, "tk" + tw + tc + kind]


class Ranker:
    """Averaged perceptron over string features (lazy averaging)."""

    def __init__(self):
        self.w, self.total, self.stamp, self.t = defaultdict(float), defaultdict(float), defaultdict(int), 0

    def score(self, feats):
        return sum(self.w.get(f, 0.0) for f in feats)

    def update(self, feats, v):
        for f in feats:
            self.total[f] += (self.t - self.stamp[f]) * self.w[f]
            self.stamp[f] = self.t
            self.w[f] += v

    def average(self):
        for f in list(self.w):
            self.total[f] += (self.t - self.stamp[f]) * self.w[f]
            self.w[f] = self.total[f] / max(self.t, 1)


def train(sents, epochs, seed):
    r, rng = Ranker(), random.Random(seed)
    order = list(range(len(sents)))
    for epoch in range(epochs):
        rng.shuffle(order)
        wrong = total = 0
        for si in order:
            t, gold = sents[si]
            for w in range(1, len(gold) + 1):
                cands = candidates(t, w)
                if len(cands) < 2 or gold[w - 1] not in dict(cands):
                    continue
                r.t += 1
                feats = {c: features(t, w, c, k) for c, k in cands}
                best = max(feats, key=lambda c: r.score(feats[c]))
                total += 1
                if best != gold[w - 1]:
                    wrong += 1
                    r.update(feats[gold[w - 1]], 1.0)
                    r.update(feats[best], -1.0)
        print(f"epoch {epoch + 1}: ranking errors {100 * wrong / max(total, 1):.2f}% of {total}",
              file=sys.stderr)
    r.average()
    return r


def coverage(sents):
    wrong = found = 0
    for t, gold in sents:
        for w in range(1, len(gold) + 1):
            if t["heads"][w - 1] != gold[w - 1]:
                wrong += 1
                found += gold[w - 1] in dict(candidates(t, w))
    return 100 * found / max(wrong, 1), wrong


def reattach(r, t, margin):
    heads = list(t["heads"])
    moved = 0
    for w in range(1, len(heads) + 1):
        cands = candidates(t, w)
        if len(cands) < 2:
            continue
        score = {c: r.score(features(t, w, c, k)) for c, k in cands}
        best = max(score, key=score.get)
        if best == t["heads"][w - 1] or score[best] - score[t["heads"][w - 1]] <= margin:
            continue
        x = best
        while x != 0 and x != w:  # the moves so far make a tree: no cycle through w
            x = heads[x - 1]
        if x != w:
            heads[w - 1] = best
            moved += 1
    return heads, moved


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--tags-cache", required=True)
    ap.add_argument("--parses-cache", required=True)
    ap.add_argument("--ours", required=True)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--margins", default="0,2,5,10,20")
    a = ap.parse_args()
    tr = training_sentences(a.shared)
    tags = [line.split() for line in open(a.tags_cache)]
    parses = [line.split() for line in open(a.parses_cache)]
    if not (len(tr) == len(tags) == len(parses)) or any(
            len(s[1]) != len(x) or len(s[1]) != len(p) for s, x, p in zip(tr, tags, parses)):
        sys.exit("the caches do not match the training sentences")
    train_sents = []
    for (_, words), tg, ps in zip(tr, tags, parses):
        heads = [int(p.split(":")[0]) for p in ps]
        labels = [p.split(":", 1)[1].split("|")[0].split(":")[0] for p in ps]
        train_sents.append((tree([c[1] for c in words], heads, labels, [x.split("/")[-1] for x in tg]),
                            [int(c[6]) for c in words]))
    dev = read_conllu(a.shared + "/ud/UD_English-EWT/en_ewt-ud-dev.conllu")
    ours = read_conllu(a.ours)
    if len(dev) != len(ours):
        sys.exit(f"{a.ours}: not a parse of EWT dev")
    dev_sents = [(tree([c[1] for c in o], [int(c[6]) for c in o], [c[7].split(":")[0] for c in o],
                       [c[4] for c in o]), [int(c[6]) for c in g]) for (_, g), (_, o) in zip(dev, ours)]
    for name, sents in (("train (jackknifed)", train_sents), ("dev", dev_sents)):
        share, wrong = coverage(sents)
        print(f"{name}: the gold head is a candidate for {share:.1f}% of {wrong} wrong heads")
    r = train(train_sents, a.epochs, a.seed)
    words = sum(len(g) for _, g in dev_sents)
    before = sum(h == x for t, g in dev_sents for h, x in zip(t["heads"], g))
    for margin in (float(m) for m in a.margins.split(",")):
        after = moved = 0
        for t, g in dev_sents:
            heads, m = reattach(r, t, margin)
            moved += m
            after += sum(h == x for h, x in zip(heads, g))
        print(f"margin {margin:g}: dev UAS {100 * before / words:.2f} -> {100 * after / words:.2f} "
              f"({moved} words moved)")


if __name__ == "__main__":
    main()
