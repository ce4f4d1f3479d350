#!/usr/bin/python3
"""Blocking against offered load for one hunt group: runs `telsim traffic --csv` over a range of
loads on a site and writes a CSV and a plot (PNG and SVG, drawn with matplotlib) of the measured
blocking with its 95% confidence interval beside the Erlang B curve for the group's size, because
traffic engineers read curves, not rows.

usage: tools/sweep.py SITE.csv NUMBER [--erlangs 2,4,...] [--talk 176] [--calls 100000] [--seed 1]
                      [--telsim build/tools/telsim] [--out sweep]
  NUMBER   the hunt group's pilot number; its size (the Erlang B curve's lines) and its members'
           ring time (answer=auto:S: a call occupies a member ring + talk seconds, so E erlangs are
           E*3600/(ring+talk) calls per hour) are read from the site file and its includes
writes OUT.csv (erlangs,bhca,offered,blocked,blocking,blocking_ci95,erlang_b), OUT.png and OUT.svg

For a group with a queue, --figure service_level (or p_wait, wait_mean, abandoned_share) draws that
figure instead, on a linear axis, beside the formula telsim prints for the site (Erlang C or A, read
from its formula_* column at each point); --patience, --patience-dist and --service-level are passed on."""
import argparse
import csv
import io
import os
import re
import subprocess
import sys
import time


def erlang_b(lines, erlangs):
    """Erlang B by the recurrence B(n) = A B(n-1) / (n + A B(n-1)), stable for large groups."""
    b = 1.0
    for n in range(1, lines + 1):
        b = erlangs * b / (n + erlangs * b)
    return b


def option_words(text):
    """`key=value` options as telsim reads them: a value runs until the next key= word."""
    options, key = {}, None
    for word in text.split():
        m = re.match(r"^([a-z][a-z-]*)=(.*)$", word)
        if m:
            key = m.group(1)
            options[key] = m.group(2)
        elif key:
            options[key] += " " + word
    return options


def site_rows(path, seen=None):
    """Setup rows of a site file and of the files it includes, in order."""
    seen = seen or set()
    path = os.path.normpath(path)
    if path in seen:
        sys.exit("sweep: %s includes itself" % path)
    seen.add(path)
    rows = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        lines = [l for l in f if l.strip() and not l.lstrip().startswith("#")]
    for row in csv.reader(lines):
        if len(row) != 4 or row == ["at", "party", "action", "argument"] or row[0].strip():
            continue
        party, action, argument = (x.strip() for x in row[1:])
        if party == "site" and action == "include":
            rows += site_rows(os.path.join(os.path.dirname(path), argument), seen)
        else:
            rows.append((party, action, argument))
    return rows


def hunt_group(site, number):
    """(members, ring seconds) of hunt group NUMBER in the site."""
    rows = site_rows(site)
    hunts = [a for p, act, a in rows if p == number and act == "hunt"]
    if not hunts:
        sys.exit("sweep: %s defines no hunt group %s" % (site, number))
    members = option_words(hunts[0]).get("members", "").split()
    rings = set()
    for p, act, a in rows:
        if p in members and act == "station":
            m = re.match(r"auto:([0-9.]+)$", option_words(a).get("answer", ""))
            if not m:
                sys.exit("sweep: member %s does not answer by itself (answer=auto:S): no traffic is carried" % p)
            rings.add(float(m.group(1)))
    if len(rings) != 1:
        sys.exit("sweep: the members of %s ring for different times %s; one ring time is needed" % (number, sorted(rings)))
    return len(members), rings.pop()


FORMULA_COLUMN = {"service_level": "formula_service_level", "p_wait": "formula_p_wait",
                  "wait_mean": "formula_wait_mean", "abandoned_share": "formula_abandoned"}


def run(args, erlangs):
    bhca = erlangs * 3600.0 / (args.ring + args.talk)
    cmd = [args.telsim, "traffic", args.site, "--offer", "%s=%.6f" % (args.number, bhca), "--calls",
           str(args.calls), "--talk", str(args.talk), "--seed", str(args.seed), "--csv", "--no-progress",
           "--patience", str(args.patience), "--patience-dist", args.patience_dist,
           "--service-level", str(args.service_level)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    row = next(csv.DictReader(io.StringIO(out)))
    if args.figure != "blocking":
        f = args.figure
        num = lambda k: float(row[k]) if row.get(k) else float("nan")
        return {"erlangs": erlangs, "bhca": bhca, "offered": int(row["offered"]), f: num(f),
                f + "_ci95": num(f + "_ci95"), "formula": row["formula"], "formula_value": num(FORMULA_COLUMN[f])}
    ci = float(row["blocking_ci95"]) if row["blocking_ci95"] else 0.0
    return {"erlangs": erlangs, "bhca": bhca, "offered": int(row["offered"]), "blocked": int(row["blocked"]),
            "blocking": float(row["blocking"]), "blocking_ci95": ci, "erlang_b": erlang_b(args.lines, erlangs)}


def plot_figure(args, rows):
    """A waiting figure on a linear axis with its interval, beside the queueing formula's values."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    f = args.figure
    fig, ax = plt.subplots(figsize=(8, 5.2), dpi=110)
    with_formula = [r for r in rows if r["formula"] and r["formula_value"] == r["formula_value"]]
    if with_formula:
        ax.plot([r["erlangs"] for r in with_formula], [r["formula_value"] for r in with_formula], color="#1f5fbf",
                linewidth=2, marker=".", label="%s, %d lines" % (with_formula[0]["formula"], args.lines))
    ax.errorbar([r["erlangs"] for r in rows], [r[f] for r in rows],
                yerr=[0 if r[f + "_ci95"] != r[f + "_ci95"] else r[f + "_ci95"] for r in rows],
                fmt="o", color="#d9700a", ecolor="#d9700a", elinewidth=1.4, capsize=4, markersize=5,
                label="telsim traffic, 95% confidence interval")
    ax.grid(True, color="#dddddd")
    ax.set_xlabel("offered load (erlangs)")
    ax.set_ylabel(f.replace("_", " ") + (" (s)" if f == "wait_mean" else ""))
    ax.set_title("%s, hunt group %s: %d members, talk %g s, patience %g s (%s), %d calls per point"
                 % (os.path.basename(args.site), args.number, args.lines, args.talk, args.patience,
                    args.patience_dist, args.calls), fontsize=10)
    ax.legend(loc="best")
    fig.tight_layout()
    fig.savefig(args.out + ".png")
    fig.savefig(args.out + ".svg")
    plt.close(fig)


def plot(args, rows):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator

    fig, ax = plt.subplots(figsize=(8, 5.2), dpi=110)
    lo, hi = min(r["erlangs"] for r in rows), max(r["erlangs"] for r in rows)
    xs = [lo + (hi - lo) * i / 300 for i in range(301)]
    ax.plot(xs, [erlang_b(args.lines, x) for x in xs], color="#1f5fbf", linewidth=2,
            label="Erlang B, %d lines" % args.lines)
    seen = [r for r in rows if r["blocked"] > 0]
    # A log axis has no zero: a load where no call was blocked is drawn at the axis' foot.
    none = [r for r in rows if r["blocked"] == 0]
    if seen:
        ax.errorbar([r["erlangs"] for r in seen], [r["blocking"] for r in seen],
                    yerr=[[min(r["blocking_ci95"], r["blocking"] * 0.999) for r in seen],
                          [r["blocking_ci95"] for r in seen]],
                    fmt="o", color="#d9700a", ecolor="#d9700a", elinewidth=1.4, capsize=4, markersize=5,
                    label="telsim traffic, 95% confidence interval")
    ax.set_yscale("log")
    floor = min([r["blocking"] for r in seen] + [erlang_b(args.lines, lo)]) / 3
    ax.set_ylim(bottom=max(floor, 1e-7))
    if none:
        ax.plot([r["erlangs"] for r in none], [ax.get_ylim()[0]] * len(none), "v", color="#d9700a",
                markersize=7, clip_on=False, label="no call blocked")
    ax.yaxis.set_major_locator(LogLocator(base=10))
    ax.yaxis.set_minor_locator(LogLocator(base=10, subs=(2, 5)))
    percent = FuncFormatter(lambda v, _: "%s%%" % ("%.6f" % (v * 100)).rstrip("0").rstrip("."))
    ax.yaxis.set_major_formatter(percent)
    ax.yaxis.set_minor_formatter(percent)
    ax.tick_params(axis="y", which="minor", labelsize=7)
    ax.grid(True, which="major", color="#cccccc")
    ax.grid(True, which="minor", color="#eeeeee")
    ax.set_xlabel("offered load (erlangs)")
    ax.set_ylabel("blocked calls (log scale)")
    ax.set_title("%s, hunt group %s: %d members, ring %g s + talk %g s, %d calls per point"
                 % (os.path.basename(args.site), args.number, args.lines, args.ring, args.talk, args.calls),
                 fontsize=10)
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(args.out + ".png")
    fig.savefig(args.out + ".svg")
    plt.close(fig)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("site")
    p.add_argument("number")
    p.add_argument("--erlangs", default=None, help="comma-separated loads (default: 0.2 to 1.4 times the group size)")
    p.add_argument("--talk", type=float, default=176.0)
    p.add_argument("--calls", type=int, default=100000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--telsim", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "tools", "telsim"))
    p.add_argument("--out", default="sweep")
    p.add_argument("--figure", default="blocking", choices=["blocking"] + sorted(FORMULA_COLUMN))
    p.add_argument("--patience", type=float, default=60.0)
    p.add_argument("--patience-dist", default="fixed", choices=["fixed", "exp"])
    p.add_argument("--service-level", type=float, default=20.0)
    args = p.parse_args()
    args.lines, args.ring = hunt_group(args.site, args.number)
    loads = ([float(x) for x in args.erlangs.split(",")] if args.erlangs
             else [round(args.lines * f / 10, 3) for f in range(2, 15)])
    rows, start = [], time.monotonic()
    for i, e in enumerate(loads):
        r = run(args, e)
        rows.append(r)
        spent = time.monotonic() - start
        rate = args.calls * (i + 1) / spent if spent > 0 else 0
        eta = spent / (i + 1) * (len(loads) - i - 1)
        if args.figure != "blocking":
            print("[%d/%d] %7.3f E  %s %.6f +- %.6f  %s %.6f  | %.0f calls/s, ETA %.0f s"
                  % (i + 1, len(loads), e, args.figure, r[args.figure], r[args.figure + "_ci95"], r["formula"] or "no formula",
                     r["formula_value"], rate, eta), file=sys.stderr)
            continue
        print("[%d/%d] %7.3f E  blocking %.6f +- %.6f  Erlang B %.6f  | %.0f calls/s, ETA %.0f s"
              % (i + 1, len(loads), e, r["blocking"], r["blocking_ci95"], r["erlang_b"], rate, eta), file=sys.stderr)
    if args.figure != "blocking":
        with open(args.out + ".csv", "w", newline="") as f:
            wr = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            wr.writeheader()
            for r in rows:
                wr.writerow({k: ("%.6f" % v if isinstance(v, float) else v) for k, v in r.items()})
        plot_figure(args, rows)
        print("wrote %s.csv, %s.png and %s.svg" % (args.out, args.out, args.out))
        return
    with open(args.out + ".csv", "w", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=["erlangs", "bhca", "offered", "blocked", "blocking", "blocking_ci95", "erlang_b"])
        wr.writeheader()
        for r in rows:
            wr.writerow({k: ("%.6f" % v if isinstance(v, float) else v) for k, v in r.items()})
    plot(args, rows)
    print("wrote %s.csv, %s.png and %s.svg" % (args.out, args.out, args.out))


if __name__ == "__main__":
    main()
