#!/usr/bin/env bash
# Regenerates every PDF material of the eval cases from its text source.
# Source:  eval/cases/<case>/materials/src/<name>.txt  (form feed = page break)
# Output:  eval/cases/<case>/materials/<name>.pdf
# Needs LibreOffice (soffice) and fonts-noto-cjk. Usage: bash eval/cases/make-pdfs.sh
set -euo pipefail
cd "$(dirname "$0")"
shopt -s nullglob
# A private profile so a running LibreOffice (or another job) does not block the conversion.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for src in */materials/src/*.txt; do
  outdir="$(dirname "$(dirname "$src")")"
  soffice -env:UserInstallation="file://$profile" --headless --infilter="Text (encoded):UTF8,LF,Noto Sans CJK SC,zh-CN," \
    --convert-to pdf --outdir "$outdir" "$src" >/dev/null
  pdf="$outdir/$(basename "${src%.txt}").pdf"
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
  want=$(( $(grep -c $'^\f$' "$src") + 1 ))
  if [ "$pages" != "$want" ]; then
    echo "error: $pdf has $pages pages, $src has $want" >&2
    exit 1
  fi
  echo "$pdf: $pages pages"
done
