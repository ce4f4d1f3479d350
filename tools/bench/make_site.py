#!/usr/bin/env python3
"""Writes the benchmark site of README.md: a linear hunt group, pilot 100, of MEMBERS stations
numbered from 20000 that answer after 4 s of ringing.
usage: make_site.py MEMBERS > huntM.csv"""
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
members = [str(20000 + i) for i in range(int(sys.argv[1]))]
print("# title: linear hunt group of %d stations that answer after 4 s (traffic benchmark site)" % len(members))
print("at,party,action,argument")
print(',100,hunt,"members=%s algorithm=linear"' % " ".join(members))
for m in members:
    print(",%s,station,answer=auto:4" % m)
