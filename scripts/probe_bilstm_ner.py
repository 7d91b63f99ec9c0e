#!/usr/bin/python3
"""A probe, not part of dyad: how much a BiLSTM tagger adds to our NER.

docs/analysis-log.md, "Issue 4, eighteenth round". Trains a BiLSTM over our fastText
vectors, a character CNN and word shapes on UNER EWT train (BIO labels, softmax,
Viterbi under the BIO constraints), then adds our NER's labels on UNER EWT dev
as a bonus beta to its log-probabilities and prints entity F1 (exact span and
type) alone and combined.

Needs Debian's python3-torch and python3-numpy (not dyad dependencies).
Usage:
  probe_bilstm_ner.py --shared ../shared/data --vectors build/vectors/w2v100.vec \
    --ours ner-dev.txt [--epochs 6 --hidden 128]
--ours: `dyad eval ner --output FILE` of UNER EWT dev ("form gold system" per token).
"""
import argparse
import time
from collections import Counter

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from probe_common import bilstm, length_batches, load_vectors, setup, shape, word_embedding

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
LI = {lab: i for i, lab in enumerate(LABELS)}


def norm(lab):  # UNER's OTH and its spurious B-O are O
    return lab if lab in LI else "O"


def read_iob(path, column):
    out, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line:
            if cur:
                out.append(cur)
            cur = []
            continue
        c = line.split("\t") if "\t" in line else line.split()
        cur.append((c[column[0]], [norm(c[k]) for k in column[1:]]))
    if cur:
        out.append(cur)
    return out


ALLOWED = np.array([[not q.startswith("I-") or p[2:] == q[2:] for q in LABELS] for p in LABELS])
START = np.array([not lab.startswith("I-") for lab in LABELS])


def viterbi(e):
    T = np.where(ALLOWED, 0, -1e9)
    d, back = e[0] + np.where(START, 0, -1e9), []
    for i in range(1, e.shape[0]):
        s = d[:, None] + T
        back.append(s.argmax(0))
        d = s.max(0) + e[i]
    y = [int(d.argmax())]
    for b in reversed(back):
        y.append(int(b[y[-1]]))
    return y[::-1]


def spans(y):
    out, i = set(), 0
    while i < len(y):
        lab = LABELS[y[i]]
        if lab.startswith("B-"):
            j = i + 1
            while j < len(y) and LABELS[y[j]] == "I-" + lab[2:]:
                j += 1
            out.add((i, j, lab[2:]))
            i = j
        else:
            i += 1
    return out


def f1(preds, golds):
    tp = sum(len(p & g) for p, g in zip(preds, golds))
    P = tp / max(sum(map(len, preds)), 1)
    R = tp / max(sum(map(len, golds)), 1)
    return 100 * 2 * P * R / max(P + R, 1e-9)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--vectors", required=True)
    ap.add_argument("--ours", required=True)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--drop", type=float, default=0.4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--betas", default="0.5,1,2,3,5")
    a = ap.parse_args()
    setup(a.seed)
    uner = a.shared + "/ner/UNER_English-EWT/"
    tr = read_iob(uner + "en_ewt-ud-train.PRERELEASE-0c7ce0d.iob2", (1, 2))
    ours = read_iob(a.ours, (0, 1, 2))  # form, gold, ours
    vecs = load_vectors(a.vectors)
    cnt = Counter(w.lower() for s in tr for w, _ in s)
    words = ["<pad>", "<unk>"] + sorted({w for w, c in cnt.items() if c >= 2} | set(vecs))
    wid = {w: i for i, w in enumerate(words)}
    chars = ["<pad>", "<unk>"] + sorted({ch for s in tr for w, _ in s for ch in w})
    cid = {c: i for i, c in enumerate(chars)}

    def enc(s):
        return ([wid.get(w.lower(), 1) for w, _ in s], [shape(w) for w, _ in s],
                [[cid.get(ch, 1) for ch in w[:20]] for w, _ in s], [LI[labs[0]] for _, labs in s])

    trd, dvd = [enc(s) for s in tr], [enc(s) for s in ours]

    class Model(nn.Module):
        def __init__(s):
            super().__init__()
            s.we = word_embedding(wid, vecs)
            s.he = nn.Embedding(8, 8)
            s.ce = nn.Embedding(len(chars), 24, padding_idx=0)
            s.cc = nn.Conv1d(24, 32, 3, padding=1)
            s.lstm = nn.LSTM(140, a.hidden, 1, batch_first=True, bidirectional=True)
            s.o = nn.Linear(2 * a.hidden, len(LABELS))

        def forward(s, W, H, C, lens, training):
            B, L, Lc = C.shape
            cf = torch.relu(s.cc(s.ce(C.view(B * L, Lc)).transpose(1, 2))).max(-1)[0].view(B, L, -1)
            if training:
                W = W.masked_fill((torch.rand(W.shape) < 0.1) & (W > 1), 1)
            x = torch.cat([s.we(W), s.he(H), cf], -1)
            if training:
                x = F.dropout(x, a.drop)
            o = bilstm(x, s.lstm, lens)
            if training:
                o = F.dropout(o, a.drop)
            return F.log_softmax(s.o(o), -1)

    def batch(items):
        L = max(len(x[0]) for x in items)
        Lc = max(len(c) for x in items for c in x[2])
        C = torch.zeros(len(items), L, Lc, dtype=torch.long)
        for b, x in enumerate(items):
            for i, c in enumerate(x[2]):
                C[b, i, :len(c)] = torch.tensor(c)
        pad = lambda k, v: torch.tensor([x[k] + [v] * (L - len(x[k])) for x in items])
        return pad(0, 0), pad(1, 0), C, pad(3, -1), torch.tensor([len(x[0]) for x in items])

    golds = [spans([LI[labs[0]] for _, labs in s]) for s in ours]
    m = Model()
    opt = torch.optim.Adam(m.parameters(), lr=a.lr)
    best, best_e = -1, None
    for ep in range(a.epochs):
        t0 = time.time()
        for b in length_batches([len(x[0]) for x in trd]):
            W, H, C, Y, lens = batch([trd[i] for i in b])
            loss = F.nll_loss(m(W, H, C, lens, True).reshape(-1, len(LABELS)), Y.reshape(-1),
                              ignore_index=-1)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(m.parameters(), 5)
            opt.step()
        m.eval()
        E = []
        with torch.no_grad():
            for i in range(0, len(dvd), 64):
                W, H, C, _, lens = batch(dvd[i:i + 64])
                lp = m(W, H, C, lens, False)
                E += [lp[b, :n].numpy() for b, n in enumerate(lens.tolist())]
        m.train()
        f = f1([spans(viterbi(e)) for e in E], golds)
        print(f"epoch {ep + 1} ({time.time() - t0:.0f} s): dev F1 alone {f:.2f}", flush=True)
        if f > best:
            best, best_e = f, E
    print(f"{a.ours}: F1 {f1([spans([LI[labs[1]] for _, labs in s]) for s in ours], golds):.2f}")
    for beta in (float(x) for x in a.betas.split(",")):
        preds = []
        for e, s in zip(best_e, ours):
            e = e.copy()
            for i, (_, labs) in enumerate(s):
                e[i, LI[labs[1]]] += beta
            preds.append(spans(viterbi(e)))
        print(f"  + BiLSTM (best epoch, {best:.2f}), beta {beta}: F1 {f1(preds, golds):.2f}")


if __name__ == "__main__":
    main()
