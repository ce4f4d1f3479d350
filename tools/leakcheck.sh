#!/bin/bash
# Leak check (a benchmark, not a test): long engine runs under valgrind show no growth.
#  1. memcheck: a soak run (tools/soak.cc: the engine alone, a CountingSink as traffic uses) must
#     end with no leaked and no invalid access;
#  2. massif: the peak heap of a soak run 4x as long must be (about) the same: the engine's memory
#     is bounded by the calls up at once, not by the calls made;
#  3. the same for `telsim traffic` (100 000 and 400 000 calls).
#   usage: tools/leakcheck.sh [BUILD_DIR] [STEPS]     (defaults: build, 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
steps="${2:-200000}"
site=scenarios/sites/generic.csv
command -v valgrind >/dev/null || { echo "leakcheck: valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
cmake --build "$build" -j2 --target telsim_soak telsim >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== memcheck: telsim_soak $steps steps"
valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=3 \
  "$build/tools/telsim_soak" "$site" "$steps" 2> "$tmp/memcheck.log"
grep -E "definitely lost|indirectly lost|ERROR SUMMARY|in use at exit" "$tmp/memcheck.log"

peak() {  # peak heap bytes of a command under massif, over the last half of its run: loading the
          # site (the CSV reader's 48 MiB buffer) is at the start and not what is measured here
  valgrind --tool=massif --pages-as-heap=no --max-snapshots=500 --massif-out-file="$tmp/massif.out" "$@" \
    >/dev/null 2>&1
  awk -F= '/^time=/ {t=$2} /^mem_heap_B=/ {h=$2; T[n]=t; H[n]=h; n++}
           END {end=T[n-1]; p=0; for (i=0;i<n;i++) if (T[i] > end/2 && H[i] > p) p=H[i]; print p}' "$tmp/massif.out"
}
grow() {  # label, small peak, large peak: fail when the large run needs over 10% (+64 KiB) more
  local label=$1 small=$2 large=$3
  echo "$label: peak heap $small bytes at 1x, $large bytes at 4x"
  if [ "$large" -gt $((small + small / 10 + 65536)) ]; then
    echo "leakcheck: $label grows with the length of the run" >&2
    return 1
  fi
}

echo "== massif: telsim_soak, $steps and $((4 * steps)) steps"
small=$(peak "$build/tools/telsim_soak" "$site" "$steps")
large=$(peak "$build/tools/telsim_soak" "$site" $((4 * steps)))
grow "engine soak" "$small" "$large"

if "$build/tools/telsim" traffic --help >/dev/null 2>&1; then
  echo "== massif: telsim traffic, 100000 and 400000 calls"
  small=$(peak "$build/tools/telsim" traffic "$site" --offer 6000=600 --calls 100000 --talk 120 --seed 1 --no-progress)
  large=$(peak "$build/tools/telsim" traffic "$site" --offer 6000=600 --calls 400000 --talk 120 --seed 1 --no-progress)
  grow "traffic" "$small" "$large"
else
  echo "== telsim traffic is not built here: skipped"
fi
echo "leakcheck: no growth"
