#!/usr/bin/env bash
# Diagnostics and output of two chengguo binaries, side by side: the
# "nothing changes for users" check of a refactoring (issue 16, item 8).
#
#   bash benches/diagnostics.sh /tmp/chengguo-old [SITE…]
#
# OLD (say, main's binary before a change) and this checkout's release binary
# run over every fixture site under tests/fixtures/, the bundled site and any
# SITE given: `check` (text and json, --lang en and zh), `build` (both
# languages; the built folders compared with diff -r) and `export` of each
# entry type. Each output pair that differs is shown; the build's timing is
# left out of the comparison. Exit status 1 if anything differs.
set -u
OLD=${1:?usage: benches/diagnostics.sh OLD_BINARY [SITE…]}
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" || exit 2
# Cargo says where its target folder is (CARGO_TARGET_DIR may put it anywhere).
target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" \
  | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
NEW=$target/release/chengguo
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail=0
compared=0
for site in "$ROOT"/tests/fixtures/*/ "$ROOT" "$@"; do
    site=$(cd "$site" && pwd)
    name=$(echo "$site" | tr '/' '_')
    for bin in old new; do
        binary=$OLD
        [ "$bin" = new ] && binary=$NEW
        for lang in en zh; do
            for format in text json; do
                log=$OUT/$name.check.$lang.$format.$bin
                (cd "$OUT" && "$binary" check --root "$site" --lang "$lang" --format "$format" >"$log" 2>&1; echo "exit $?" >>"$log")
            done
            log=$OUT/$name.build.$lang.$bin
            built=$OUT/site.$name.$lang.$bin
            (cd "$OUT" && "$binary" build --root "$site" --lang "$lang" --output "$built" >"$log" 2>&1; echo "exit $?" >>"$log")
            sed -i -E "s#$built#OUTPUT#g; s/in [0-9.]+ m?s/in T/; s/用时 [0-9.]+ (毫秒|秒)/用时 T/" "$log"
        done
        for type in achievement park policy; do
            log=$OUT/$name.export.$type.$bin
            (cd "$OUT" && "$binary" export --root "$site" --type "$type" --output "$log.csv" >"$log" 2>&1; echo "exit $?" >>"$log")
            sed -i "s#$log.csv#EXPORT#g" "$log"
        done
    done
    for old in "$OUT/$name".*.old "$OUT/$name".*.old.csv; do
        [ -e "$old" ] || continue
        compared=$((compared + 1))
        new=${old/.old/.new}
        if ! cmp -s "$old" "$new"; then
            echo "differs: ${old#"$OUT"/}"
            diff "$old" "$new" | head -20
            fail=1
        fi
    done
    for lang in en zh; do
        built=$OUT/site.$name.$lang
        [ -d "$built.old" ] || [ -d "$built.new" ] || continue
        compared=$((compared + 1))
        if ! diff -r "$built.old" "$built.new" >/dev/null 2>&1; then
            echo "differs: the $lang site built from $site"
            diff -r "$built.old" "$built.new" | head -10
            fail=1
        fi
    done
done
echo "$compared outputs compared, $([ $fail = 0 ] && echo "all identical" || echo "some differ")"
exit $fail
