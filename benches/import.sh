#!/usr/bin/env bash
# Import benchmark: `chengguo import` of a 1,000-row achievement sheet, as CSV
# and as XLSX, into a site with no achievements yet (issue 15 asks for the
# import of a 1,000-row sheet timed).
#
#   bash benches/import.sh              # 1,000 rows, 3 runs each, fastest kept
#   bash benches/import.sh --runs 5
#
# The sheet is not made by hand: examples/gen_corpus writes a site whose 1,665
# entries hold 1,000 achievements, `chengguo export` writes them as a sheet,
# and each timed run imports that sheet into a fresh copy of the site with its
# achievements removed. The imported site is then checked, so a fast import
# that writes unsound files would fail here rather than look good.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: bash benches/import.sh [--runs R]" >&2; exit 2 ;;
  esac
done

cargo build --release --quiet --example gen_corpus --bin chengguo
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
chengguo="$target_dir/release/chengguo"
gen="$target_dir/release/examples/gen_corpus"

work=$(mktemp -d "${TMPDIR:-/tmp}/chengguo-import-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$gen" --entries 1665 --out "$work/site" >/dev/null 2>&1
rows=$(find "$work/site/content/achievements" -name '*.yaml' -o -name '*.zh.md' | wc -l)
for format in csv xlsx; do
  "$chengguo" export --root "$work/site" --type achievement --format "$format" --output "$work/sheet.$format" >/dev/null
done
mkdir -p "$work/empty"
cp -a "$work/site" "$work/empty/site"
rm -rf "$work/empty/site/content/achievements"
mkdir "$work/empty/site/content/achievements"

echo "rows: $rows achievements"
for format in csv xlsx; do
  best=""
  for run in $(seq "$runs"); do
    target="$work/run-$format-$run"
    cp -a "$work/empty/site" "$target"
    start=$(date +%s.%N)
    "$chengguo" import --root "$target" --type achievement "$work/sheet.$format" >"$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
    end=$(date +%s.%N)
    took=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$took < $best" | bc)" = 1 ]; then best=$took; fi
  done
  "$chengguo" check --root "$target" >/dev/null
  written=$(find "$target/content/achievements" -name '*.yaml' | wc -l)
  printf '%-4s import of %s rows: fastest of %s runs %.3f s (%s files written, check passes)\n' \
    "$format" "$rows" "$runs" "$best" "$written"
done
