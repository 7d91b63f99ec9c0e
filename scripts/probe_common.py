"""What the two probes (probe_biaffine.py, probe_bilstm_ner.py) share; not part of dyad."""
import random

import numpy as np
import torch
import torch.nn as nn


def setup(seed):
    torch.manual_seed(seed)
    random.seed(seed)
    torch.set_num_threads(2)


def load_vectors(path):
    """fastText's text format: a header line, then a word and its floats a line."""
    vecs = {}
    with open(path) as f:
        f.readline()
        for line in f:
            p = line.rstrip().split(" ")
            vecs[p[0]] = np.array(p[1:], dtype=np.float32)
    return vecs


def word_embedding(vocab, vecs, dim=100):
    """An embedding over vocab (word -> row, row 0 padding) started from vecs where they have the word."""
    emb = nn.Embedding(len(vocab), dim, padding_idx=0)
    for word, row in vocab.items():
        if word in vecs:
            emb.weight.data[row] = torch.from_numpy(vecs[word])
    return emb


def shape(w):
    if w[:1].isupper():
        return 3 if w.isupper() and len(w) > 1 else 4
    if any(ch.isdigit() for ch in w):
        return 5
    return 7 if any(ch.isalpha() for ch in w) else 6


def length_batches(lengths, size=32):
    """Batches of similar lengths (a little noise), in random order."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i] + random.random() * 4)
    batches = [order[i:i + size] for i in range(0, len(order), size)]
    random.shuffle(batches)
    return batches


def bilstm(x, lstm, lens):
    """Runs lstm (batch_first) over the padded x of the given lengths; pads the output alike."""
    pk = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
    o, _ = lstm(pk)
    o, _ = nn.utils.rnn.pad_packed_sequence(o, batch_first=True, total_length=x.shape[1])
    return o
