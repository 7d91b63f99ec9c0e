#!/usr/bin/python3
"""A probe, not part of dyad: how much a sentence-level BiLSTM parser adds to ours.

docs/analysis-log.md, "Issue 4, eighteenth round". Trains a BiLSTM with a biaffine
arc scorer (Dozat & Manning 2017; heads only) on EWT train plus the licensed GUM
train documents, reading our jackknifed tags (dyad train parser --tags-cache
FILE) and our fastText vectors, then combines its arc log-probabilities with our
parser's heads on EWT dev (a bonus alpha where our parse has the arc; Eisner
decoding) and prints UAS alone and combined.

Needs Debian's python3-torch and python3-numpy (not dyad dependencies):
  apt-get install -y python3-torch python3-numpy
Usage:
  probe_biaffine.py --shared ../shared/data --tags-cache tags-train.txt \
    --vectors build/vectors/w2v100.vec --ours dev-LK.conllu [--ours dev-L.conllu] \
    [--layers 2 --hidden 128 --mlp 128 --epochs 8]
--ours: `dyad eval ud --output FILE` of EWT dev (our tags are read from the first).
"""
import argparse
import sys
import time
from collections import Counter

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from probe_common import bilstm, length_batches, load_vectors, setup, shape, word_embedding
from probe_data import read_conllu, training_sentences


def eisner(S):
    """Best projective tree for S[h][d] (node 0 the root); returns heads."""
    N = S.shape[0]
    C = np.full((N, N, 2), -np.inf)
    I = np.full((N, N, 2), -np.inf)
    Cb = np.zeros((N, N, 2), dtype=int)
    Ib = np.zeros((N, N, 2), dtype=int)
    for i in range(N):
        C[i, i, 0] = C[i, i, 1] = 0
    for k in range(1, N):
        for s in range(N - k):
            t = s + k
            vals = C[s, s:t, 1] + C[s + 1:t + 1, t, 0]
            r = int(np.argmax(vals))
            I[s, t, 0] = vals[r] + S[t, s]
            I[s, t, 1] = vals[r] + S[s, t]
            Ib[s, t, 0] = Ib[s, t, 1] = s + r
            vals = C[s, s:t, 0] + I[s:t, t, 0]
            r = int(np.argmax(vals))
            C[s, t, 0], Cb[s, t, 0] = vals[r], s + r
            vals = I[s, s + 1:t + 1, 1] + C[s + 1:t + 1, t, 1]
            r = int(np.argmax(vals))
            C[s, t, 1], Cb[s, t, 1] = vals[r], s + 1 + r
    heads = [-1] * N
    stack = [("C", 0, N - 1, 1)]
    while stack:
        kind, s, t, d = stack.pop()
        if s == t:
            continue
        if kind == "C":
            r = Cb[s, t, d]
            stack += [("C", s, r, 0), ("I", r, t, 0)] if d == 0 else [("I", s, r, 1), ("C", r, t, 1)]
        else:
            r = Ib[s, t, d]
            if d == 0:
                heads[s] = t
            else:
                heads[t] = s
            stack += [("C", s, r, 1), ("C", r + 1, t, 0)]
    return heads


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--tags-cache", required=True)
    ap.add_argument("--vectors", required=True)
    ap.add_argument("--ours", action="append", required=True)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--mlp", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--drop", type=float, default=0.33)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--alphas", default="1.5,2,3,4")
    a = ap.parse_args()
    setup(a.seed)
    ud = a.shared + "/ud"
    tr = training_sentences(a.shared)
    tags = [line.split() for line in open(a.tags_cache)]
    if len(tags) != len(tr) or any(len(t) != len(s[1]) for s, t in zip(tr, tags)):
        sys.exit(f"{a.tags_cache}: does not match the {len(tr)} training sentences")
    dev = read_conllu(ud + "/UD_English-EWT/en_ewt-ud-dev.conllu")
    ours = [read_conllu(p) for p in a.ours]
    devtags = [[c[3] + "/" + c[4] for c in s[1]] for s in ours[0]]
    vecs = load_vectors(a.vectors)
    cnt = Counter(c[1].lower() for s in tr for c in s[1])
    words = ["<pad>", "<unk>", "<root>"] + sorted({w for w, c in cnt.items() if c >= 2} | set(vecs))
    wid = {w: i for i, w in enumerate(words)}
    tagset = ["<pad>", "<unk>", "<root>"] + sorted({t for s in tags for t in s})
    tid = {t: i for i, t in enumerate(tagset)}
    suf = Counter(c[1].lower()[-3:] for s in tr for c in s[1])
    sufs = ["<pad>", "<unk>", "<root>"] + [x for x, c in suf.items() if c >= 3]
    sfid = {x: i for i, x in enumerate(sufs)}

    def enc(sent, tg):
        return ([2] + [wid.get(c[1].lower(), 1) for c in sent], [2] + [tid.get(t, 1) for t in tg],
                [2] + [sfid.get(c[1].lower()[-3:], 1) for c in sent], [2] + [shape(c[1]) for c in sent])

    train = [(enc(s[1], t), [0] + [int(c[6]) for c in s[1]]) for s, t in zip(tr, tags)]
    devd = [(enc(s[1], t), [0] + [int(c[6]) for c in s[1]]) for s, t in zip(dev, devtags)]

    class Model(nn.Module):
        def __init__(s):
            super().__init__()
            s.we = word_embedding(wid, vecs)
            s.te = nn.Embedding(len(tagset), 32, padding_idx=0)
            s.se = nn.Embedding(len(sufs), 32, padding_idx=0)
            s.he = nn.Embedding(8, 8, padding_idx=0)
            s.lstm = nn.LSTM(172, a.hidden, a.layers, batch_first=True, bidirectional=True,
                             dropout=a.drop if a.layers > 1 else 0)
            s.dep = nn.Linear(2 * a.hidden, a.mlp)
            s.head = nn.Linear(2 * a.hidden, a.mlp)
            s.U = nn.Parameter(torch.zeros(a.mlp, a.mlp))
            s.hb = nn.Linear(a.mlp, 1, bias=False)

        def forward(s, W, T, S, H, lens, training):
            if training:  # word dropout
                W = W.masked_fill((torch.rand(W.shape) < 0.25) & (W > 2), 1)
            x = torch.cat([s.we(W), s.te(T), s.se(S), s.he(H)], -1)
            if training:
                x = F.dropout(x, a.drop)
            o = bilstm(x, s.lstm, lens)
            if training:
                o = F.dropout(o, a.drop)
            d, h = F.relu(s.dep(o)), F.relu(s.head(o))
            if training:
                d, h = F.dropout(d, a.drop), F.dropout(h, a.drop)
            sc = torch.einsum("bim,mn,bjn->bij", d, s.U, h) + s.hb(h).transpose(1, 2)
            mask = torch.arange(W.shape[1])[None, None, :] < lens[:, None, None]
            return sc.masked_fill(~mask, -1e9)  # [batch, dependent, head]

    def batch(items):
        L = max(len(x[0][0]) for x in items)
        pad = lambda k: torch.tensor([x[0][k] + [0] * (L - len(x[0][k])) for x in items])
        Y = torch.tensor([x[1] + [-1] * (L - len(x[1])) for x in items])
        Y[:, 0] = -1
        return pad(0), pad(1), pad(2), pad(3), torch.tensor([len(x[0][0]) for x in items]), Y

    def dev_logprobs():
        m.eval()
        out = []
        with torch.no_grad():
            for i in range(0, len(devd), 64):
                W, T, S, H, lens, _ = batch(devd[i:i + 64])
                lp = F.log_softmax(m(W, T, S, H, lens, False), -1)
                out += [lp[b, 1:n, :n].numpy() for b, n in enumerate(lens.tolist())]
        m.train()
        return out

    def uas(heads_of):
        c = t = 0
        for i, g in enumerate(dev):
            h = heads_of(i)
            for d, cc in enumerate(g[1]):
                c += h[d] == int(cc[6])
                t += 1
        return 100 * c / t

    m = Model()
    opt = torch.optim.Adam(m.parameters(), lr=a.lr, betas=(0.9, 0.9))
    best, best_lp = -1, None
    for ep in range(a.epochs):
        t0 = time.time()
        for b in length_batches([len(x[1]) for x in train]):
            W, T, S, H, lens, Y = batch([train[i] for i in b])
            sc = m(W, T, S, H, lens, True)
            loss = F.cross_entropy(sc.reshape(-1, W.shape[1]), Y.reshape(-1), ignore_index=-1)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(m.parameters(), 5.0)
            opt.step()
        lps = dev_logprobs()
        alone = uas(lambda i: lps[i].argmax(-1).tolist())
        print(f"epoch {ep + 1} ({time.time() - t0:.0f} s): dev UAS alone {alone:.2f}", flush=True)
        if alone > best:
            best, best_lp = alone, lps
    for path, o in zip(a.ours, ours):
        print(f"{path}: UAS {uas(lambda i: [int(c[6]) for c in o[i][1]]):.2f}")
        for alpha in (float(x) for x in a.alphas.split(",")):
            def combined(i):
                lp = best_lp[i]
                n = lp.shape[0] + 1
                S = np.full((n, n), -1e9)
                S[:, 1:] = lp.T
                for d, c in enumerate(o[i][1], 1):
                    S[int(c[6]), d] += alpha
                return eisner(S)[1:]
            print(f"  + BiLSTM (best epoch, {best:.2f}), alpha {alpha}: UAS {uas(combined):.2f}", flush=True)


if __name__ == "__main__":
    main()
