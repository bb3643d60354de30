#!/usr/bin/env bash
# Coverage-guided fuzzing of the three parsers that read outside input (see FUZZING.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]      TARGET: csv, libsvm, model (default: all three)
#
# Builds Fuzz/ (a separate package over this one) with libFuzzer and AddressSanitizer, then
# runs each target for SECONDS (default 600), one after another, from a copy of its seed corpus
# in Fuzz/Corpus/. Found inputs and crashes stay under .build-fuzz/; a crash stops the script
# with the reproducer's path. Reproduce one with: .build-fuzz/release/FuzzCSV CRASH-FILE
# FUZZ_SKIP_BUILD=1 runs the binaries already built (sources may be mid-edit).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv libsvm model)

build=.build-fuzz
[ -n "${FUZZ_SKIP_BUILD:-}" ] || ( cd Fuzz && swift build -c release --build-path "../$build" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -v "Cannot export local symbol" )

# The Swift runtime's backtracer would symbolize every crash for up to 30 s; libFuzzer and
# ASan print their own reports.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

for target in "${targets[@]}"; do
  case "$target" in
    csv) executable=FuzzCSV; maxLength=4096 ;;
    libsvm) executable=FuzzLIBSVM; maxLength=4096 ;;
    model) executable=FuzzModelFile; maxLength=16384 ;;
    *) echo "fuzz.sh: unknown target '$target' (csv, libsvm or model)" >&2; exit 2 ;;
  esac
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  cp -n Fuzz/Corpus/"$target"/* "$corpus"/
  echo "== $executable: ${seconds}s, corpus $corpus"
  "$build/release/$executable" "$corpus" -max_total_time="$seconds" -max_len="$maxLength" \
    -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 -artifact_prefix="$artifacts" 2>&1 \
    | grep -v "^#[0-9]*.*\(NEW\|REDUCE\|pulse\)" || { echo "fuzz.sh: $executable found a crash; see $artifacts" >&2; exit 1; }
done
