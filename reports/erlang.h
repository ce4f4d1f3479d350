// The teletraffic formulas a traffic engineer checks a simulation against (SPEC TQ-4): Erlang B,
// Erlang C, Erlang A (Palm's M/M/n+M, with or without a limit on waiting places) and Engset, all
// computed here from their definitions (no tables), in doubles, stable for large groups.
//
// They live in reports/ because they are a reading of results, like the matcher's reading of a
// trace: nothing in the engine or the SimGrid loop needs them; the CLI prints them beside measured
// figures, `telsim size` answers with them, the tests compare runs with them.
//
// Units: loads in erlangs (arrival rate x mean holding time); times in seconds.
#pragma once

namespace telsim {

// Erlang B: the share of calls blocked when `lines` servers are offered `erlangs` of Poisson
// traffic and blocked calls are cleared (M/M/n/n; any holding-time distribution). The stable
// recursion B(k) = A B(k-1) / (k + A B(k-1)), B(0) = 1.
double erlang_b(int lines, double erlangs);

// Erlang C (M/M/n, unlimited queue, nobody abandons, first come first served): the probability that
// a call waits. 1 when erlangs >= lines (no steady state: the queue grows for ever).
double erlang_c(int lines, double erlangs);

// What a queueing formula predicts for one offered stream. Shares of *offered* calls unless said.
struct QueueFigures {
  bool stable = true;       // false: Erlang C with erlangs >= lines (waits grow without bound)
  double blocking = 0;      // share of offered calls that find every place taken (queue full)
  double p_wait = 0;        // share of calls not blocked that wait at all (SPEC TQ-3 p_wait)
  double abandoned = 0;     // share of offered calls that hang up while waiting
  double wait_mean = 0;     // mean wait in the queue, seconds, over the calls not blocked (0 for a call
                            // served at once; an abandoned call waited until it hung up)
  double service_level = 0; // share of the calls not blocked that are answered after waiting <= t
};

// Erlang C's figures: p_wait = C, wait_mean = C h / (n - A), service_level = 1 - C e^{-(n-A) t / h},
// for `erlangs` offered to `lines` with mean holding time `hold` seconds and target wait `t`.
QueueFigures erlang_c_figures(int lines, double erlangs, double hold, double t);

// Erlang A (Palm's M/M/n+M): Poisson arrivals, `lines` servers with exponential holding times of
// mean `hold`, and callers who hang up after an exponential patience of mean `patience` seconds
// (0 or infinite: nobody abandons, i.e. Erlang C, or M/M/n/n+K with a queue limit). `queue` is the
// number of waiting places (-1: unlimited; 0 gives Erlang B). The stationary distribution of the
// birth-death process (births at the arrival rate, deaths at k/hold for k <= n busy servers and
// n/hold + (k-n)/patience above), summed in logarithms so that overload and large groups neither
// overflow nor underflow; the service level follows the call through the places ahead of it
// (uniformised Markov chain). `t` is the service-level target wait.
QueueFigures erlang_a_figures(int lines, double erlangs, double hold, double patience, long queue, double t);

// Engset (finite sources, blocked calls cleared): `sources` callers, each of which, while idle,
// calls at a rate giving `idle_erlangs` = idle calling rate x mean holding time (beta), offered to
// `lines` servers. Two different figures:
//  - time congestion: the share of *time* all lines are busy, p(n) with p(k) ~ C(N,k) beta^k;
//  - call congestion: the share of *calls* blocked, which is what a simulation's blocked/offered
//    measures. A call is made by an idle source, so it sees the other N-1 sources: call congestion
//    is the time congestion of N-1 sources, smaller than the time congestion.
// Both by the stable recursion E(k) = (N-k+1) beta E(k-1) / (k + (N-k+1) beta E(k-1)).
double engset_time_congestion(int lines, int sources, double idle_erlangs);
double engset_call_congestion(int lines, int sources, double idle_erlangs);

}  // namespace telsim
