#!/usr/bin/env bash
# Build benchmark: chengguo against Hugo on the same synthetic corpus, in the
# same run, so the ratio holds on a noisy machine.
#
#   bash benches/build.sh                      # N = 1,000 and 10,000
#   bash benches/build.sh --sizes "1000 10000 100000" --runs 3
#   bash benches/build.sh --sizes 200          # what scripts/test runs
#   bash benches/build.sh --sizes 10000 --runs 2 --against /tmp/chengguo-old
#
# With --against OLD, OLD (another chengguo binary, say main's before a
# change) and this checkout's binary build the same corpus in turns, RUNS
# times each, and every run is listed with its stage peaks: the "old binary
# against new, same run" measure of a refactoring.
#
# For each N it writes the corpus with examples/gen_corpus (chengguo site and
# the same content as a Hugo site), then times `chengguo build` (release) and
# `hugo` with /usr/bin/time -v. Every timed run writes into a folder that has
# never existed, and nothing is deleted until the benchmark ends: on an ext4
# disk mounted with `discard`, creating files soon after deleting tens of
# thousands of others is several times slower (the inode allocator skips
# recently freed inodes), which made the timings depend on what the previous
# run had removed. With --runs R it keeps each tool's fastest run.
#
# The "floor" columns time `tar -x` writing chengguo's own output (the same
# files, folders and bytes, from an archive read from the page cache) into a
# new folder on the same disk: what creating the site's files costs on this
# machine before any of chengguo's work.
#
# Stage times of the fastest chengguo run are printed below the table
# (CHENGGUO_PROGRESS=1). Work files go to a new folder in $BENCH_DIR
# (default ${TMPDIR:-/tmp}); add --keep to leave them there.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1000 10000"
runs=1
keep=0
against=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --against) against="$2"; shift 2 ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time from Debian's packages" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q time >&2; else sudo apt-get install -y -q time >&2; fi
fi
has_hugo=0
command -v hugo >/dev/null 2>&1 && has_hugo=1

cargo build --release --quiet --bin chengguo --example gen_corpus
# Cargo says where its target folder is (CARGO_TARGET_DIR or a cargo config
# may put it anywhere); the path is absolute.
target=$(cargo metadata --format-version 1 --no-deps \
  | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
if [ -z "$target" ] || [ ! -x "$target/release/chengguo" ]; then
  echo "cannot find the release binary in cargo's target folder (${target:-unknown})" >&2
  exit 1
fi
chengguo="$target/release/chengguo"
gen="$target/release/examples/gen_corpus"

# A new folder each time, so that no output folder has existed before.
mkdir -p "${BENCH_DIR:-${TMPDIR:-/tmp}}"
work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/chengguo-bench.XXXXXX")
if [ "$keep" -eq 1 ]; then
  echo "work files stay in $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

# time_run LOG COMMAND…: run under /usr/bin/time -v; prints "wall user sys rss_kb".
time_run() {
  local log="$1"; shift
  if ! /usr/bin/time -v "$@" >"$log.out" 2>"$log"; then
    echo "failed: $*" >&2
    tail -20 "$log" >&2
    return 1
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    /User time/ { user = $2 }
    /System time/ { sys = $2 }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%.2f %.2f %.2f %d\n", wall, user, sys, rss }' "$log"
}

# best_of RUNS LOG OUT COMMAND…: the fastest of RUNS runs (by wall time). In
# COMMAND, the word @OUT stands for a new output folder, OUT.1, OUT.2, …; the
# folder of the fastest run is left at OUT.best.
best_of() {
  local n="$1" log="$2" out="$3"; shift 3
  local best="" result run args
  for run in $(seq "$n"); do
    args=()
    for arg in "$@"; do args+=("${arg//@OUT/$out.$run}"); done
    result=$(time_run "$log" "${args[@]}")
    if [ -z "$best" ] || awk -v a="${result%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$result"
      cp "$log" "$log.best"
      ln -sfn "$out.$run" "$out.best"
    fi
  done
  echo "$best"
}

if [ -n "$against" ] && [ ! -x "$against" ]; then
  echo "--against: $against is not an executable" >&2
  exit 2
fi

# stage_peaks LOG: "stage peak, …" from the progress lines of a build.
stage_peaks() {
  grep -E '^  [a-z]+ ' "$1" | sed -E 's/^  ([a-z]+) .*peak ([0-9.]+ [KMG]i?B).*/\1 \2/' | paste -sd';' - | sed 's/;/; /g' || true
}

# compare N SITE: the old binary and this one in turns, every run listed.
compare() {
  local n="$1" site="$2" run which bin result
  for run in $(seq "$runs"); do
    for which in old new; do
      bin="$chengguo"
      [ "$which" = old ] && bin="$against"
      result=$(CHENGGUO_PROGRESS=1 time_run "$work/$which-$n-$run.log" \
        "$bin" build --lang en --root "$site" --output "$work/$which-$n-$run") || exit 1
      read -r wall user sys rss <<<"$result"
      pairs+=("| $n | $which | $run | $wall | $user | $sys | $((rss / 1024)) | $(stage_peaks "$work/$which-$n-$run.log") |")
    done
  done
  if ! diff -rq "$work/old-$n-1" "$work/new-$n-1" >/dev/null; then
    pairs+=("| $n | the two outputs differ (diff -r $work/old-$n-1 $work/new-$n-1) | | | | | | |")
  fi
}

rows=()
pairs=()
floors=()
stages=""
for n in $sizes; do
  site="$work/site-$n" hugo_site="$work/hugo-$n" out="$work/public-$n"
  "$gen" --entries "$n" --out "$site" --hugo "$hugo_site" >/dev/null 2>&1 \
    || { "$gen" --entries "$n" --out "$site" --hugo "$hugo_site"; exit 1; }
  content=$(du -sk "$site/content" | cut -f1)
  if [ -n "$against" ]; then
    compare "$n" "$site"
    continue
  fi

  read -r wall user sys rss < <(CHENGGUO_PROGRESS=1 best_of "$runs" "$work/chengguo-$n.log" \
    "$out" "$chengguo" build --lang en --root "$site" --output @OUT)
  [ -n "${rss:-}" ] || { echo "chengguo build failed at N=$n" >&2; exit 1; }
  summary=$(grep '^built ' "$work/chengguo-$n.log.best")
  pages=$(sed -E 's/.*: ([0-9]+) pages, ([0-9]+) files.*/\1/' <<<"$summary")
  files=$(sed -E 's/.*: ([0-9]+) pages, ([0-9]+) files.*/\2/' <<<"$summary")
  index="—"
  if [ -d "$out.best/search-index" ]; then
    index="$(du -sk "$out.best/search-index" | cut -f1) KB"
  fi
  stages+=$'\n'"N=$n (content ${content} KB): "$'\n'"$(grep -E '^  [a-z]+ ' "$work/chengguo-$n.log.best")"

  # The floor: the same files written by tar, from an archive in the page cache.
  tar -cf "$work/public-$n.tar" -C "$out.best" .
  cat "$work/public-$n.tar" >/dev/null
  mkdir "$work/floor-$n"
  read -r fwall _ fsys _ < <(time_run "$work/floor-$n.log" tar -xf "$work/public-$n.tar" -C "$work/floor-$n")
  dirs=$(find "$out.best/" -type d | wc -l)
  floors+=("| $n | $files | $dirs | $((($(stat -c %s "$work/public-$n.tar") + 500000) / 1000000)) MB | $fwall | $fsys |")

  hugo_cells="— | — | — | — | — | — | —"
  if [ "$has_hugo" -eq 1 ]; then
    read -r hwall huser hsys hrss < <(best_of "$runs" "$work/hugo-$n.log" \
      "$work/hugo-public-$n" hugo --quiet --source "$hugo_site" --destination @OUT)
    [ -n "${hrss:-}" ] || { echo "hugo failed at N=$n" >&2; exit 1; }
    hpages=$(find -L "$work/hugo-public-$n.best" -name '*.html' | wc -l)
    ratio=$(awk -v h="$hwall" -v c="$wall" 'BEGIN { printf "%.1f×", (c > 0) ? h / c : 0 }')
    hugo_cells="$hwall | $huser | $hsys | $((hrss / 1024)) | $hpages | $(awk -v w="$hwall" -v p="$hpages" 'BEGIN { printf "%.3f", w * 1000 / p }') | $ratio"
  fi
  per_page=$(awk -v w="$wall" -v p="$pages" 'BEGIN { printf "%.3f", w * 1000 / p }')
  rows+=("| $n | $wall | $user | $sys | $((rss / 1024)) | $pages | $files | $per_page | $index | $hugo_cells |")
done

commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
if [ -n "$against" ]; then
  echo
  echo "old: $against ($("$against" --version)); new: $chengguo ($commit); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| N | binary | run | wall s | user s | sys s | peak MB | stage peaks |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${pairs[@]}"
  exit 0
fi
echo
echo "chengguo $("$chengguo" --version | cut -d' ' -f2) ($commit) vs $( [ "$has_hugo" -eq 1 ] && hugo version | cut -d' ' -f2 || echo 'no hugo') on $(nproc) cores, best of $runs run(s)"
echo
echo "| N | wall s | user s | sys s | peak MB | pages | files | ms/page | search index | Hugo wall s | Hugo user s | Hugo sys s | Hugo peak MB | Hugo pages | Hugo ms/page | Hugo ÷ chengguo |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "The floor: tar -x writing chengguo's output (same files and bytes) to the same disk:"
echo
echo "| N | files | folders | bytes | tar -x wall s | tar -x sys s |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${floors[@]}"
echo
echo "chengguo stages (the run in the table):$stages"
