#!/usr/bin/env python3
"""The Erlang B formula: the share of calls blocked when LINES servers are offered ERLANGS of
Poisson traffic and blocked calls are cleared. Computed by the recurrence
B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1)), which never overflows (the textbook form with A^n / n!
does for large groups).
usage: erlang_b.py LINES ERLANGS"""
import sys


def erlang_b(lines, erlangs):
    b = 1.0
    for n in range(1, lines + 1):
        b = erlangs * b / (n + erlangs * b)
    return b


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print("%.6f" % erlang_b(int(sys.argv[1]), float(sys.argv[2])))
