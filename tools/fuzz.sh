#!/bin/bash
# Builds the libFuzzer targets with clang in build-fuzz/ (-DTELSIM_FUZZ=ON: ASan, UBSan and
# coverage), makes the seed corpora from scenarios/ and runs each target for SECONDS (default 30).
# A finding is left in build-fuzz/artifacts/ and the script fails; fix it, then keep the input in
# tests/fuzz_regressions/{loader,engine}/, where the unit tests replay it.
#   usage: tools/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
build=build-fuzz
have_fuzzer() {
  command -v clang++ >/dev/null && ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1
}
if ! have_fuzzer; then  # Debian's clang and libFuzzer, as tools/setup.sh installs the rest
  echo "fuzz: installing clang and libFuzzer (clang libclang-rt-14-dev)" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang libclang-rt-14-dev >/dev/null || true
fi
have_fuzzer || { echo "fuzz: clang++ and libFuzzer are needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
CC=clang CXX=clang++ cmake -S . -B "$build" -DTELSIM_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 --target fuzz_loader fuzz_engine fuzz_seeds

corpus="$build/corpus"
rm -rf "$corpus" "$build/artifacts" && mkdir -p "$corpus/loader" "$corpus/engine" "$build/artifacts"
mapfile -t files < <(find scenarios -name '*.csv' ! -name '*.trace.csv' | sort)
"$build/fuzz/fuzz_seeds" "$corpus/loader" "$corpus/engine" "${files[@]}"
for d in loader engine; do
  [ -d "tests/fuzz_regressions/$d" ] && cp tests/fuzz_regressions/$d/* "$corpus/$d/" 2>/dev/null || true
done

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
status=0
for target in loader engine; do
  echo "fuzz: $target for ${seconds} s" >&2
  if ! "$build/fuzz/fuzz_$target" "$corpus/$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
       -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/${target}-" -print_final_stats=1 \
       2> "$build/fuzz_$target.log"; then
    status=1
    tail -n 40 "$build/fuzz_$target.log" >&2
    echo "fuzz: $target found a problem; the input is in $build/artifacts/" >&2
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$build/fuzz_$target.log" | sed "s/^/fuzz: $target /" >&2
  fi
done
exit $status
