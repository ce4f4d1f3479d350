#!/usr/bin/env python3
"""Blocking against offered load: runs `telsim traffic --csv` over a range of loads on one site and
writes a CSV and an SVG plot of the measured blocking (with its 95% confidence interval) beside the
Erlang B curve, because traffic engineers read curves, not rows. Python 3 standard library only.

usage: tools/sweep.py SITE.csv NUMBER LINES [--erlangs 1,2,...] [--talk 176] [--ring 4]
                      [--calls 100000] [--seed 1] [--telsim build/tools/telsim] [--out sweep]
  NUMBER   the offered number (a hunt pilot), LINES its members (for the Erlang B curve)
  --ring   seconds a member rings before answering (the site's answer=auto:S): occupancy per call
           is ring + talk, so E erlangs are E*3600/(ring+talk) calls per hour
writes OUT.csv (erlangs,bhca,offered,blocked,blocking,blocking_ci95,erlang_b) and OUT.svg"""
import argparse
import csv
import io
import os
import subprocess
import sys


def erlang_b(lines, erlangs):
    b = 1.0
    for k in range(1, lines + 1):
        b = erlangs * b / (k + erlangs * b)
    return b


def run(args, erlangs):
    bhca = erlangs * 3600.0 / (args.ring + args.talk)
    cmd = [args.telsim, "traffic", args.site, "--offer", "%s=%.6f" % (args.number, bhca), "--calls",
           str(args.calls), "--talk", str(args.talk), "--seed", str(args.seed), "--csv", "--no-progress"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    row = next(csv.DictReader(io.StringIO(out)))
    ci = float(row["blocking_ci95"]) if row["blocking_ci95"] else 0.0
    return {"erlangs": erlangs, "bhca": bhca, "offered": int(row["offered"]), "blocked": int(row["blocked"]),
            "blocking": float(row["blocking"]), "blocking_ci95": ci, "erlang_b": erlang_b(args.lines, erlangs)}


def svg(args, rows):
    w, h, left, right, top, bottom = 720, 480, 70, 20, 40, 55
    xmax = max(r["erlangs"] for r in rows) * 1.05
    ymax = max(max(r["blocking"] + r["blocking_ci95"] for r in rows), max(r["erlang_b"] for r in rows)) * 1.1 or 1
    sx = lambda x: left + (w - left - right) * x / xmax
    sy = lambda y: h - bottom - (h - top - bottom) * y / ymax
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (w, h),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="22" font-size="15">Blocking against offered load: %s, %d lines, %d calls per point</text>'
           % (left, os.path.basename(args.site), args.lines, args.calls)]
    for i in range(6):  # grid and ticks
        y = ymax * i / 5
        x = xmax * i / 5
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>' % (left, sy(y), w - right, sy(y)))
        out.append('<text x="%.1f" y="%.1f" text-anchor="end">%.3g</text>' % (left - 6, sy(y) + 4, y))
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>' % (sx(x), top, sx(x), h - bottom))
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle">%.3g</text>' % (sx(x), h - bottom + 16, x))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, h - bottom, w - right, h - bottom))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, top, left, h - bottom))
    out.append('<text x="%.1f" y="%d" text-anchor="middle">offered load (erlangs)</text>' % ((left + w - right) / 2, h - 15))
    out.append('<text x="16" y="%.1f" text-anchor="middle" transform="rotate(-90 16 %.1f)">blocking ratio</text>'
               % ((top + h - bottom) / 2, (top + h - bottom) / 2))
    pts = " ".join("%.1f,%.1f" % (sx(xmax * i / 200), sy(erlang_b(args.lines, xmax * i / 200))) for i in range(201))
    out.append('<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="%s"/>' % pts)
    for r in rows:
        x, y, ci = sx(r["erlangs"]), sy(r["blocking"]), r["blocking_ci95"]
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#d62728"/>' % (x, sy(r["blocking"] - ci), x, sy(r["blocking"] + ci)))
        out.append('<circle cx="%.1f" cy="%.1f" r="3.5" fill="#d62728"/>' % (x, y))
    lx, ly = left + 20, top + 20
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#1f77b4" stroke-width="2"/>' % (lx, ly, lx + 24, ly))
    out.append('<text x="%d" y="%d">Erlang B, %d lines</text>' % (lx + 30, ly + 4, args.lines))
    out.append('<circle cx="%d" cy="%d" r="3.5" fill="#d62728"/>' % (lx + 12, ly + 20))
    out.append('<text x="%d" y="%d">telsim traffic (95%% confidence interval)</text>' % (lx + 30, ly + 24))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("site")
    p.add_argument("number")
    p.add_argument("lines", type=int)
    p.add_argument("--erlangs", default=None, help="comma-separated loads (default: 0.2 to 1.4 times LINES)")
    p.add_argument("--talk", type=float, default=176.0)
    p.add_argument("--ring", type=float, default=4.0)
    p.add_argument("--calls", type=int, default=100000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--telsim", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "tools", "telsim"))
    p.add_argument("--out", default="sweep")
    args = p.parse_args()
    loads = ([float(x) for x in args.erlangs.split(",")] if args.erlangs
             else [round(args.lines * f / 10, 3) for f in range(2, 15)])
    rows = []
    for e in loads:
        r = run(args, e)
        rows.append(r)
        print("%8.3f E  blocking %.6f +- %.6f  Erlang B %.6f" % (e, r["blocking"], r["blocking_ci95"], r["erlang_b"]),
              file=sys.stderr)
    with open(args.out + ".csv", "w", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=["erlangs", "bhca", "offered", "blocked", "blocking", "blocking_ci95", "erlang_b"])
        wr.writeheader()
        for r in rows:
            wr.writerow({k: ("%.6f" % v if isinstance(v, float) else v) for k, v in r.items()})
    with open(args.out + ".svg", "w") as f:
        f.write(svg(args, rows))
    print("wrote %s.csv and %s.svg" % (args.out, args.out))


if __name__ == "__main__":
    main()
