#!/usr/bin/python3
"""Times readability-lxml (Debian: python3-readability) on the HTML benchmark pages.

The peer for dyad's HTML extractor speed (bench/html_bench.cc). Both take the
same pages in the same order: ScrapingHub pages in sorted ground-truth key
order, trafilatura pages in sorted evaldata.json key order (cache/ before
eval/), every STRIDE-th page. Per page we time what a user of the library
does to get the main content: Document(raw bytes).summary(html_partial=True),
in process CPU time (the machine may be shared; dyad_bench also reports CPU time),
after an untimed warm-up on the first five pages (dyad_bench warms up too).

Usage: bench_readability.py [--data DIR] [--stride N] [--sets scrapinghub,trafilatura]
Prints one JSON object per set: {"set", "pages", "seconds", "ms_per_page"}.
"""
import argparse
import gzip
import json
import os
import sys
import time


def scrapinghub_pages(root):
    with open(os.path.join(root, "ground-truth.json"), encoding="utf-8") as f:
        keys = sorted(json.load(f))
    for k in keys:
        with gzip.open(os.path.join(root, "html", k + ".html.gz"), "rb") as f:
            yield f.read()


def trafilatura_pages(root):
    with open(os.path.join(root, "evaldata.json"), encoding="utf-8") as f:
        data = json.load(f)
    for url in sorted(data):
        name = data[url].get("file")
        if not name:
            continue
        for sub in ("cache", "eval"):
            path = os.path.join(root, sub, name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    yield f.read()
                break


def main():
    ap = argparse.ArgumentParser()
    default = os.path.join(os.environ.get("DYAD_SHARED", "../shared/data"), "html")
    ap.add_argument("--data", default=default)
    ap.add_argument("--stride", type=int, default=int(os.environ.get("DYAD_BENCH_STRIDE", "1")))
    ap.add_argument("--sets", default="scrapinghub,trafilatura")
    args = ap.parse_args()
    try:
        from readability import Document  # noqa: import here to report absence cleanly
    except ImportError:
        print(json.dumps({"error": "readability-lxml is not installed (apt install python3-readability)"}))
        return 3
    loaders = {"scrapinghub": (scrapinghub_pages, "scrapinghub"),
               "trafilatura": (trafilatura_pages, "trafilatura-eval")}
    for name in args.sets.split(","):
        loader, sub = loaders[name]
        pages = [p for i, p in enumerate(loader(os.path.join(args.data, sub))) if i % args.stride == 0]
        # Warm: one untimed pass over the first pages (imports, regex caches).
        for html in pages[:5]:
            try:
                Document(html).summary(html_partial=True)
            except Exception:
                pass
        failures = 0
        start = time.process_time()
        for html in pages:
            try:
                Document(html).summary(html_partial=True)
            except Exception:  # a crash is timed like a result, as in the benchmarks
                failures += 1
        seconds = time.process_time() - start
        print(json.dumps({"set": name, "pages": len(pages), "seconds": round(seconds, 4),
                          "ms_per_page": round(1000 * seconds / max(1, len(pages)), 4),
                          "failures": failures}))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
