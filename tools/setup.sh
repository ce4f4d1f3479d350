#!/bin/sh
# Installs what telsim needs to build and test, from Debian's packages (chromium: the HTML report's
# browser test, tests/html_test.cc; time and python3-simpy: the benchmarks tools/bench.sh and
# tools/bench_scale.py); does nothing when all of it
# is already there. Run as root or with sudo available.
set -e
packages="cmake g++ make pkg-config libsimgrid-dev libboost-program-options-dev libboost-regex-dev libfccp-dev
googletest libgtest-dev libgmock-dev graphviz libgraphviz-dev libxml2-dev python3-matplotlib
help2man dpkg-dev chromium
time python3-simpy"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "setup: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
