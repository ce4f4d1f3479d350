#!/usr/bin/env python3
"""Scale benchmark (a benchmark, not a test): the costs that must not grow with what should not
matter, each measured as a ratio side by side in one run (machines are noisy: compare ratios).

  usage: tools/bench_scale.py [--only SECTION,...] [--runs 3] [--calls 1000000] [--telsim PATH]
                              [--bench DIR] [--checks full|cheap|off] [--keep DIR]

Sections (all by default; the workloads are generated in a scratch directory, never committed):
  traffic   telsim traffic on hunt10 and hunt1000 against the bare heap loop (hunt_heap.cpp)
  hunt      every hunt algorithm on a group of 5,000 members, time per call against hunt10's
  site      10,000 stations in 50 groups of 200 plus one group of 5,000 over half of them,
            51 offered numbers, time per call against hunt10's
  scenario  a scenario of 100k steps and 33k expectations against one of 10k and 3.3k
  events    1,000 steps against 10 steps, both on a site of 100,000 stations
  memory    peak memory of hunt1000 at 10x the calls against 1x
  drawing   memory per step of `telsim diagram` and of `run --html`, 3x the steps against 1x
  start     `telsim --version` against a bare C++ binary, per process
Times are CPU seconds (user + system, of the process and its children: on a shared machine the
wall clock mostly measures the other jobs), medians of --runs runs; wall seconds are shown beside
them. Peak memory (max RSS) is the largest of the runs.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


TIME = "/usr/bin/time"  # GNU time: a small parent, so max RSS is the command's own


def run_once(cmd, out_path):
    """Runs cmd with stdout to out_path; returns (CPU seconds, wall seconds, max RSS in KB, exit
    status, stderr)."""
    stats = out_path + ".time"
    with open(out_path, "wb") as out:
        p = subprocess.run([TIME, "-f", "%e %U %S %M", "-o", stats, *cmd], stdout=out, stderr=subprocess.PIPE)
    with open(stats) as f:
        last = f.read().split("\n")
    fields = [line for line in last if line.strip()][-1].split()
    wall, user, system, rss = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
    return user + system, wall, rss, p.returncode, p.stderr.decode(errors="replace")


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.rows = []  # (what, ratio, target text, ok or None)

    def measure(self, name, cmd, runs=None, ok_status=(0,)):
        runs = runs or self.args.runs
        cpus, walls, rss = [], [], 0
        out = os.path.join(self.work, name + ".out")
        for _ in range(runs):
            cpu, wall, kb, status, err = run_once(cmd, out)
            if status not in ok_status:
                sys.exit(f"bench_scale: {name} exited {status}: {' '.join(cmd)}\n{err}")
            cpus.append(cpu)
            walls.append(wall)
            rss = max(rss, kb)
        cpu, wall = statistics.median(cpus), statistics.median(walls)
        with open(out, errors="replace") as f:
            last = (f.read().strip().splitlines() or [""])[-1][:50]
        print(f"  {name:<26} {cpu:8.3f} s cpu {wall:8.3f} s wall {rss:9d} KB  {last}", flush=True)
        return cpu, rss

    def ratio(self, what, value, target=None, op="<=", unit="x"):
        ok = None
        if target is not None:
            ok = value <= target if op == "<=" else value >= target
        text = "" if target is None else f"{op} {target}{unit}"
        self.rows.append((what, f"{value:.2f}{unit}", text, ok))

    def summary(self):
        print("\nratios (side by side in this run)")
        for what, value, target, ok in self.rows:
            verdict = "" if ok is None else ("ok" if ok else "MISSED")
            print(f"  {what:<62} {value:>10}  {target:<10} {verdict}")

    def telsim(self, *words):
        return [self.args.telsim, *words]

    def checks(self):
        return ["--checks", self.args.checks] if self.args.checks else []

    def path(self, name):
        return os.path.join(self.work, name)


# ---------------------------------------------------------------- generated workloads

def hunt_site(path, members, algorithm, title):
    with open(path, "w") as f:
        f.write(f"# title: {title}\nat,party,action,argument\n")
        names = " ".join(str(20000 + i) for i in range(members))
        f.write(f',100,hunt,"members={names} algorithm={algorithm}"\n')
        for i in range(members):
            f.write(f",{20000 + i},station,answer=auto:4\n")


def big_site(path):
    """10,000 stations in 50 groups of 200 (linear, circular, longest-idle in turn) and one linear
    group of 5,000 over every other station, so half the stations belong to two groups."""
    algorithms = ["linear", "circular", "longest-idle"]
    with open(path, "w") as f:
        f.write("# title: 10,000 stations, 50 groups of 200 and one of 5,000\nat,party,action,argument\n")
        for g in range(50):
            names = " ".join(str(30000 + g * 200 + i) for i in range(200))
            f.write(f',{101 + g},hunt,"members={names} algorithm={algorithms[g % 3]}"\n')
        names = " ".join(str(30000 + 2 * i) for i in range(5000))
        f.write(f',100,hunt,"members={names} algorithm=linear"\n')
        for i in range(10000):
            f.write(f",{30000 + i},station,answer=auto:4\n")


def stations(f, first, count):
    for i in range(count):
        f.write(f",{first + i},station,\n")


def call_script(f, calls, pairs):
    """Three steps per call between station pairs (call, answer, hang up) and one expectation;
    a pair calls again only after its previous call ended. Rows in time order."""
    rows = []
    for j in range(calls):
        pair, round_ = j % pairs, j // pairs
        a, b = 40000 + 2 * pair, 40001 + 2 * pair
        t = round_ * 20 + (pair % 10) * 0.1
        rows.append((t, len(rows), f"{t:.1f},{a},call,{b}"))
        rows.append((t, len(rows), f"{t:.1f},{b},expect,ringing from={a}"))
        rows.append((t + 2, len(rows), f"{t + 2:.1f},{b},answer,"))
        rows.append((t + 10, len(rows), f"{t + 10:.1f},{a},hangup,"))
    rows.sort()
    for _, _, text in rows:
        f.write(text + "\n")


def scenario(path, steps, pairs=100, extra_stations=0):
    calls = steps // 3
    with open(path, "w") as f:
        f.write(f"# title: {calls} calls between {pairs} pairs ({extra_stations} more stations)\n")
        f.write("at,party,action,argument\n")
        stations(f, 40000, 2 * pairs)
        if extra_stations:
            stations(f, 100000, extra_stations)
        call_script(f, calls, pairs)


# ---------------------------------------------------------------- sections

def traffic_args(site, offer, calls):
    return ["traffic", site, "--offer", offer, "--talk", "176", "--calls", str(calls), "--seed", "1",
            "--csv", "--no-progress"]


def sec_traffic(b):
    a = b.args
    heap = b.path("hunt_heap")
    subprocess.run(["g++", "-O2", "-o", heap, os.path.join(a.bench, "hunt_heap.cpp")], check=True)
    print(f"traffic: hunt10 and hunt1000 against hunt_heap, {a.calls} calls")
    t10, _ = b.measure("telsim hunt10", b.telsim(*traffic_args(os.path.join(a.bench, "hunt10.csv"), "100=100", a.calls), *b.checks()))
    h10, _ = b.measure("hunt_heap 10", [heap, "10", "5", str(a.calls), "1"])
    t1000, _ = b.measure("telsim hunt1000", b.telsim(*traffic_args(os.path.join(a.bench, "hunt1000.csv"), "100=19000", a.calls), *b.checks()))
    h1000, _ = b.measure("hunt_heap 1000", [heap, "1000", "950", str(a.calls), "1"])
    b.ratio("traffic hunt10: telsim / hunt_heap", t10 / h10, 1.5)
    b.ratio("traffic hunt1000: telsim / hunt_heap", t1000 / h1000, 0.6)
    b.hunt10 = t10


def hunt10_time(b):
    if getattr(b, "hunt10", None) is None:
        b.hunt10, _ = b.measure("telsim hunt10", b.telsim(*traffic_args(os.path.join(b.args.bench, "hunt10.csv"), "100=100", b.args.calls), *b.checks()))
    return b.hunt10


def sec_hunt(b):
    a = b.args
    print(f"hunt: groups of 5,000 members at 4,500 E (90% busy), {a.calls} calls; hunt10 {a.calls}")
    base = hunt10_time(b)
    for alg in ["linear", "circular", "longest-idle", "ring-all"]:
        site = b.path(f"hunt5000_{alg}.csv")
        hunt_site(site, 5000, alg, f"{alg} hunt group of 5,000 stations")
        calls = a.calls if alg != "ring-all" else max(1000, a.calls // 20)
        t, _ = b.measure(f"telsim 5000 {alg}", b.telsim(*traffic_args(site, "100=90000", calls), *b.checks()))
        per_call = (t / calls) / (base / a.calls)
        if alg == "ring-all":
            b.ratio(f"hunt {alg} 5,000 ({calls} calls): time per call / hunt10's", per_call)
        else:
            b.ratio(f"hunt {alg} 5,000: time per call / hunt10's", per_call, 2.5)


def sec_site(b):
    a = b.args
    site = b.path("site10000.csv")
    big_site(site)
    offers = []
    for g in range(50):
        offers += ["--offer", f"{101 + g}=2000"]   # 100 E on each group of 200
    offers += ["--offer", "100=40000"]            # 2,000 E on the group of 5,000
    print(f"site: 10,000 stations, 51 offered numbers, {a.calls} calls")
    base = hunt10_time(b)
    cmd = b.telsim("traffic", site, *offers, "--talk", "176", "--calls", str(a.calls), "--seed", "1", "--csv",
                   "--no-progress", *b.checks())
    t, _ = b.measure("telsim site10000", cmd)
    b.ratio("10,000-station site: time per call / hunt10's", t / base, 2.0)


def sec_scenario(b):
    print("scenario: 100k steps and 33k expectations against 10k and 3.3k (100 station pairs)")
    small, big = b.path("steps10k.csv"), b.path("steps100k.csv")
    scenario(small, 10000)
    scenario(big, 100000)
    ts, _ = b.measure("run 10k steps", b.telsim("run", small, *b.checks()))
    tb, _ = b.measure("run 100k steps", b.telsim("run", big, *b.checks()))
    b.ratio("scenario 100k steps / 10k steps (linear: 10x)", tb / ts, 15)


def sec_events(b):
    print("events: 1,000 steps against 10 steps on 100,000 stations")
    few, many = b.path("site100k_10.csv"), b.path("site100k_1000.csv")
    scenario(few, 10, pairs=5, extra_stations=100000)
    scenario(many, 1000, pairs=50, extra_stations=100000)
    tf, _ = b.measure("run 10 steps", b.telsim("run", few, *b.checks()))
    tm, _ = b.measure("run 1000 steps", b.telsim("run", many, *b.checks()))
    b.ratio("100,000 stations: 1,000 steps / 10 steps", tm / tf, 2.0)


def sec_memory(b):
    a = b.args
    # hunt1000: 10M calls of hunt10 would pass telsim's bound on virtual time (10^8 s)
    site = os.path.join(a.bench, "hunt1000.csv")
    n = a.calls
    print(f"memory: hunt1000, {n} against {10 * n} calls (one run each)")
    _, r1 = b.measure(f"telsim {n} calls", b.telsim(*traffic_args(site, "100=19000", n), *b.checks()), runs=1)
    _, r10 = b.measure(f"telsim {10 * n} calls", b.telsim(*traffic_args(site, "100=19000", 10 * n), *b.checks()), runs=1)
    b.ratio("peak memory: 10x calls / 1x calls", r10 / r1, 1.10)


def sec_drawing(b):
    a = b.args
    n = a.draw_steps
    print(f"drawing: diagram and HTML report, {n} against {3 * n} steps (one run each)")
    small, big = b.path("draw_small.csv"), b.path("draw_big.csv")
    scenario(small, n, pairs=10)
    scenario(big, 3 * n, pairs=10)
    _, d1 = b.measure(f"diagram {n} steps", b.telsim("diagram", small, "-o", b.path("small.svg")), runs=1)
    _, d3 = b.measure(f"diagram {3 * n} steps", b.telsim("diagram", big, "-o", b.path("big.svg")), runs=1)
    _, h1 = b.measure(f"run --html {n} steps", b.telsim("run", "--html", b.path("small.html"), small), runs=1)
    _, h3 = b.measure(f"run --html {3 * n} steps", b.telsim("run", "--html", b.path("big.html"), big), runs=1)
    b.ratio("diagram: peak memory per step (KB)", (d3 - d1) / (2 * n), 10, unit=" KB")
    b.ratio("run --html: peak memory per step (KB)", (h3 - h1) / (2 * n), 10, unit=" KB")


def sec_start(b):
    n = b.args.starts
    bare = b.path("bare")
    src = b.path("bare.cc")
    with open(src, "w") as f:
        f.write('#include <cstdio>\nint main() { std::puts("bare 1"); }\n')
    subprocess.run(["g++", "-O2", "-o", bare, src], check=True)
    loop = b.path("starts.sh")
    with open(loop, "w") as f:
        f.write('i=0; while [ $i -lt "$1" ]; do "$2" --version > /dev/null; i=$((i + 1)); done\n')
    print(f"start: {n} processes of each, sequentially")
    tt, _ = b.measure("telsim --version", ["sh", loop, str(n), b.args.telsim])
    tb, _ = b.measure("bare binary", ["sh", loop, str(n), bare])
    print(f"  per process: telsim {1000 * tt / n:.2f} ms, bare {1000 * tb / n:.2f} ms")
    b.ratio("process start: telsim --version / bare binary", tt / tb)


SECTIONS = {"traffic": sec_traffic, "hunt": sec_hunt, "site": sec_site, "scenario": sec_scenario,
            "events": sec_events, "memory": sec_memory, "drawing": sec_drawing, "start": sec_start}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    p.add_argument("--calls", type=int, default=1000000, help="traffic calls (memory: this and 10x)")
    p.add_argument("--draw-steps", type=int, default=1000, help="drawing: steps of the small scenario")
    p.add_argument("--starts", type=int, default=200, help="start: processes per measurement")
    p.add_argument("--telsim", default=os.path.join(ROOT, "build", "tools", "telsim"))
    p.add_argument("--bench", default=os.path.join(HERE, "bench"), help="dir with hunt10.csv, hunt1000.csv, hunt_heap.cpp")
    p.add_argument("--checks", default="", help="full|cheap|off: passed to telsim (default: its own)")
    p.add_argument("--keep", help="keep the generated workloads in this directory")
    args = p.parse_args()
    if not os.access(TIME, os.X_OK):
        sys.exit("bench_scale: needs GNU time (apt-get install -y time)")
    if not os.access(args.telsim, os.X_OK):
        sys.exit(f"bench_scale: no telsim at {args.telsim} (build first)")
    wanted = [s for s in args.only.split(",") if s]
    for s in wanted:
        if s not in SECTIONS:
            sys.exit(f"bench_scale: unknown section '{s}' (have: {', '.join(SECTIONS)})")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or tmp
        os.makedirs(work, exist_ok=True)
        b = Bench(args, work)
        for s in wanted:
            SECTIONS[s](b)
        b.summary()


if __name__ == "__main__":
    main()
