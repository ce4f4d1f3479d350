#!/bin/sh
# Traffic benchmark (a benchmark, not a test): telsim traffic against its peers in one run, on the
# workload of tools/bench/README.md, printing the ratios (machines are noisy: compare ratios).
#   usage: tools/bench.sh [BENCH_DIR] [TELSIM]
#   env:   RUNS (3, medians), CALLS (1000000, hunt10), CALLS1000 (1000000, hunt1000),
#          SIMPY_CALLS1000 (= CALLS1000; fewer is compared per call: SimPy scans members in O(M)),
#          MEM_CALLS (1000000: the memory step runs this and 10x as many calls)
# Targets (issue 11, with the invariant checks on, as by default): hunt10 at most 1.5x the bare heap
# loop (hunt_heap), hunt1000 at most 0.6x it (its member scan is O(M), telsim's is not); peak memory
# of 10M calls within 10% of 1M calls (on hunt1000 at 950 E: 10M calls of hunt10's 100 BHCA would
# pass telsim's bound of 10^8 s of virtual time). Kept from issue 6: hunt10 and hunt1000 >= 4x faster than SimPy.
# Each ratio is printed against its target, "ok" or "MISSED". tools/bench_scale.py has the others.
set -eu
BENCH=${1:-$(dirname "$0")/bench}
TELSIM=${2:-$(dirname "$0")/../build/tools/telsim}
RUNS=${RUNS:-3}
CALLS=${CALLS:-1000000}
CALLS1000=${CALLS1000:-1000000}
SIMPY_CALLS1000=${SIMPY_CALLS1000:-$CALLS1000}
MEM_CALLS=${MEM_CALLS:-1000000}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench.sh: needs GNU time (apt-get install -y time, or tools/setup.sh)" >&2; exit 2; }
[ -x "$TELSIM" ] || { echo "bench.sh: no telsim at $TELSIM (build first)" >&2; exit 2; }
PY=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import SimPy.Simulation' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "bench.sh: needs SimPy 2 (apt-get install -y python3-simpy, or tools/setup.sh)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
g++ -O2 -o "$WORK/hunt_heap" "$BENCH/hunt_heap.cpp"

# measure NAME CMD...: runs CMD RUNS times; prints the median wall seconds and keeps the max RSS (KB)
# in $WORK/NAME.rss and the last output in $WORK/NAME.out.
measure() {
  name=$1; shift
  : > "$WORK/$name.times"
  i=0
  while [ $i -lt "$RUNS" ]; do
    "$TIME" -f "%e %M" -o "$WORK/$name.t" "$@" > "$WORK/$name.out"
    cat "$WORK/$name.t" >> "$WORK/$name.times"
    i=$((i + 1))
  done
  sort -n "$WORK/$name.times" | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { print $1 }' > "$WORK/$name.wall"
  sort -n -k2 "$WORK/$name.times" | tail -1 | awk '{ print $2 }' > "$WORK/$name.rss"
  printf '  %-34s %8.2f s  %8d KB   %s\n' "$name" "$(cat "$WORK/$name.wall")" "$(cat "$WORK/$name.rss")" \
    "$(tail -1 "$WORK/$name.out" | cut -c1-70)"
}
wall() { cat "$WORK/$1.wall"; }
rss() { cat "$WORK/$1.rss"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "hunt10.csv: 10 members, 5 E, $CALLS calls (medians of $RUNS runs)"
measure telsim10 "$TELSIM" traffic "$BENCH/hunt10.csv" --offer 100=100 --talk 176 --calls "$CALLS" --seed 1 --csv --no-progress
measure simpy10 "$PY" "$BENCH/hunt_simpy.py" 10 5 "$CALLS" 1
measure heap10 "$WORK/hunt_heap" 10 5 "$CALLS" 1
echo "hunt1000.csv: 1000 members, 950 E, $CALLS1000 calls (SimPy: $SIMPY_CALLS1000, scaled per call)"
measure telsim1000 "$TELSIM" traffic "$BENCH/hunt1000.csv" --offer 100=19000 --talk 176 --calls "$CALLS1000" --seed 1 --csv --no-progress
measure simpy1000 "$PY" "$BENCH/hunt_simpy.py" 1000 950 "$SIMPY_CALLS1000" 1
measure heap1000 "$WORK/hunt_heap" 1000 950 "$CALLS1000" 1
MEM_CALLS10=$((10 * MEM_CALLS))
echo "memory: hunt1000.csv, $MEM_CALLS vs $MEM_CALLS10 calls (one run each)"
RUNS=1 measure telsimMem1 "$TELSIM" traffic "$BENCH/hunt1000.csv" --offer 100=19000 --talk 176 --calls "$MEM_CALLS" --seed 1 --csv --no-progress
RUNS=1 measure telsimMem10 "$TELSIM" traffic "$BENCH/hunt1000.csv" --offer 100=19000 --talk 176 --calls "$MEM_CALLS10" --seed 1 --csv --no-progress
echo
echo "ratios"
s10=$(ratio "$(wall simpy10)" "$(wall telsim10)")
h10=$(ratio "$(wall telsim10)" "$(wall heap10)")
simpy1000_scaled=$(awk -v w="$(wall simpy1000)" -v a="$CALLS1000" -v b="$SIMPY_CALLS1000" 'BEGIN { print w * a / b }')
s1000=$(ratio "$simpy1000_scaled" "$(wall telsim1000)")
h1000=$(ratio "$(wall telsim1000)" "$(wall heap1000)")
mem=$(ratio "$(rss telsimMem10)" "$(rss telsimMem1)")
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == ">=" ? v >= t : v <= t); print (ok ? "ok" : "MISSED") }'; }
# target LABEL VALUE OP LIMIT: one "ratio vs target" line.
target() {
  printf '  %-48s %6sx  (target %s %sx)  %s\n' "$1" "$2" "$3" "$4" "$(verdict "$2" "$4" "$3")"
}
target "hunt10: telsim time / hunt_heap time" "$h10" '<=' 1.5
target "hunt1000: telsim time / hunt_heap time" "$h1000" '<=' 0.6
target "peak memory: 10x calls / 1x calls (hunt1000)" "$mem" '<=' 1.10
target "hunt10: SimPy time / telsim time" "$s10" '>=' 4
target "hunt1000: SimPy time (per call) / telsim time" "$s1000" '>=' 4

# Queues and patience on (issue 12): hunt10 with an unlimited queue, callers of exponential patience
# (mean 60 s), 6 E so that calls do queue; against the same bare heap loop (which queues nothing:
# the ratio is the price of the whole feature path, queue box included).
echo "hunt10_queue.csv: 10 members, unlimited queue, 6 E, exponential patience 60 s, $CALLS calls"
measure telsim10q "$TELSIM" traffic "$BENCH/hunt10_queue.csv" --offer 100=120 --talk 176 --calls "$CALLS" --seed 1 \
  --patience 60 --patience-dist exp --csv --no-progress
q10=$(ratio "$(wall telsim10q)" "$(wall heap10)")
qq=$(ratio "$(wall telsim10q)" "$(wall telsim10)")
printf '  %-48s %6sx  (no target)\n' "hunt10 queue+patience: telsim time / hunt_heap" "$q10"
printf '  %-48s %6sx  (no target)\n' "hunt10 queue+patience / hunt10 plain telsim" "$qq"
