#!/bin/sh
# Writes organisation names from Debian packages to stdout, one a line, for
# `dyad train ner --org-list` (which filters them further: capitalised, 3+ bytes,
# no one-word WordNet word). Sources (arguments; default: hwdata):
#   hwdata     the vendor lines of hwdata's pci.ids and usb.ids (used under BSD-3-Clause);
#   providers  the provider names of mobile-broadband-provider-info's serviceproviders.xml
#              (public domain; tried, not used by the shipped model: docs/analysis-log.md).
# Each name is printed as written and, if different, without its company-form suffixes
# ("Foo Co., Ltd." -> "Foo"). Parenthesised and bracketed notes are removed.
#   scripts/ner-org-list.sh > build/ner-orgs.txt
set -eu
HWDATA=${HWDATA:-/usr/share/hwdata}
PROVIDERS=${PROVIDERS:-/usr/share/mobile-broadband-provider-info/serviceproviders.xml}
need() {
  [ -r "$1" ] || { echo "$0: $1 not found (apt-get install $2)" >&2; exit 1; }
}
[ $# -gt 0 ] || set -- hwdata
for source in "$@"; do
  case $source in
    hwdata) need "$HWDATA/pci.ids" hwdata; need "$HWDATA/usb.ids" hwdata ;;
    providers) need "$PROVIDERS" mobile-broadband-provider-info ;;
    *) echo "$0: unknown source '$source' (hwdata, providers)" >&2; exit 1 ;;
  esac
done
for source in "$@"; do
  case $source in
    hwdata) grep -h -E '^[0-9a-f]{4}  ' "$HWDATA/pci.ids" "$HWDATA/usb.ids" | cut -c7- ;;
    # a provider's own name (two tabs in), not its country's or its access points'
    providers) sed -n 's:^\t\t<name[^>]*>\(.*\)</name>.*:\1:p' "$PROVIDERS" ;;
  esac
done | sed -e 's/&amp;/\&/g' -e 's/ *([^)]*)//g' -e 's/ *\[[^]]*\]//g' \
           -e 's/[[:space:]][[:space:]]*/ /g' -e 's/^ //' -e 's/ $//' |
LC_ALL=C awk '
  {
    print
    base = $0
    do {
      prev = base
      sub(/,? +(Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited|LLC|L\.L\.C|GmbH|AG|KG|SA|S\.A|SAS|BV|B\.V|NV|N\.V|PLC|plc|Pty|Srl|S\.r\.l|SpA|S\.p\.A|AB|Oy|KK|K\.K|&)\.?,?$/, "", base)
    } while (base != prev)
    if (base != $0 && base != "") print base
  }' | LC_ALL=C sort -u
