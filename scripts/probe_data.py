"""What the probes (probe_*.py; not part of dyad) read: CoNLL-U sentences and dyad's training set.

No third-party module, so that probes without torch can use it too.
"""
import re

GUM_OK = {"academic", "bio", "court", "interview", "news", "speech", "textbook", "voyage"}


def read_conllu(path):
    """[(sent_id, [columns of each word])], multi-word token and empty-node lines left out."""
    sents, cur, sid = [], [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append((sid, cur))
            cur, sid = [], None
            continue
        if line.startswith("#"):
            m = re.match(r"# sent_id = (.*)", line)
            if m:
                sid = m.group(1).strip()
            continue
        c = line.split("\t")
        if "-" not in c[0] and "." not in c[0]:
            cur.append(c)
    if cur:
        sents.append((sid, cur))
    return sents


def licensed(sid):  # as LicensedForTraining in src/analyze/train_tagger.cc
    return not sid.startswith("GUM_") or sid[4:].split("_")[0] in GUM_OK


def training_sentences(shared):
    """EWT train plus the licensed GUM train documents, in dyad's order (its caches' order)."""
    ud = shared + "/ud"
    tr = read_conllu(ud + "/UD_English-EWT/en_ewt-ud-train.conllu")
    return tr + [s for s in read_conllu(ud + "/GUM/en_gum-ud-train.conllu") if licensed(s[0])]
