#!/usr/bin/python3
"""A peer for the traffic benchmark: the linear hunt group of README.md written in SimPy 2, the way
a traffic engineer would without telsim. One process per call: it looks for the first idle member
(a scan), holds it for the ring time and an exponential talk time, then frees it; with no member
idle the call is blocked.
usage: hunt_simpy.py MEMBERS ERLANGS CALLS SEED [RING] [TALK]
prints: offered blocked blocking"""
import random
import sys

from SimPy.Simulation import Process, activate, hold, initialize, simulate

if len(sys.argv) < 5:
    sys.exit(__doc__)
MEMBERS, ERLANGS, CALLS, SEED = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
RING = float(sys.argv[5]) if len(sys.argv) > 5 else 4.0
TALK = float(sys.argv[6]) if len(sys.argv) > 6 else 176.0

rng = random.Random(SEED)
arrivals_per_second = ERLANGS / (RING + TALK)  # each call occupies a member RING + TALK on average
free = [True] * MEMBERS
count = {"offered": 0, "blocked": 0}


class Call(Process):
    def life(self):
        count["offered"] += 1
        member = next((m for m in range(MEMBERS) if free[m]), None)
        if member is None:
            count["blocked"] += 1
            return
        free[member] = False
        yield hold, self, RING                          # ringing until the member answers
        yield hold, self, rng.expovariate(1.0 / TALK)   # talking
        free[member] = True


class Callers(Process):
    def arrive(self):
        for _ in range(CALLS):
            call = Call()
            activate(call, call.life())
            yield hold, self, rng.expovariate(arrivals_per_second)


initialize()
callers = Callers()
activate(callers, callers.arrive())
simulate(until=1e15)
print(count["offered"], count["blocked"], "%.6f" % (count["blocked"] / count["offered"]))
