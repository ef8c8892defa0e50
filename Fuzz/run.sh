#!/usr/bin/env bash
# Builds every libFuzzer harness in Fuzz/harnesses and runs each for SECONDS (default 60).
# Usage: Fuzz/run.sh [SECONDS] [harness ...]      e.g. Fuzz/run.sh 600 native csv
# Crashes land in Fuzz/crashes/<harness>/; commit them as regression inputs (Fuzz/regressions/<harness>/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; shift || true
scratch=.build-fuzz
swift build -c release --scratch-path "$scratch" --target CorpGraphRender \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >/dev/null
swift build -c release --scratch-path "$scratch" --target CorpGraphIO \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >/dev/null
rel="$scratch/release"
cyaml=$(find "$scratch/checkouts/Yams/Sources/CYaml/include" -maxdepth 0)
objects=$(find "$rel/CorpGraph.build" "$rel/CorpGraphSnapshot.build" "$rel/CorpGraphIO.build" "$rel/Yams.build" "$rel/CYaml.build" -name '*.o')
renderobjects=$(find "$rel/CorpGraphRender.build" -name '*.o' 2>/dev/null || true)
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for f in Fuzz/harnesses/*.swift; do harnesses+=("$(basename "$f" .swift)"); done
fi
mkdir -p "$scratch/bin"
for h in "${harnesses[@]}"; do
  extra=""; libs=""
  if grep -q "import CorpGraphRender" "Fuzz/harnesses/$h.swift"; then extra="$renderobjects"; libs="-lgvc -lcgraph -lcdt"; fi
  swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$rel/Modules" \
    -Xcc -fmodule-map-file="$cyaml/module.modulemap" -Xcc -I"$cyaml" -I Sources/CGraphviz \
    "Fuzz/harnesses/$h.swift" $objects $extra $libs -o "$scratch/bin/fuzz-$h" 2>&1 | grep -v "Cannot export local symbol" || true
  mkdir -p "Fuzz/corpus/$h" "Fuzz/crashes/$h" "$scratch/corpus/$h"
  regressions=()
  [ -d "Fuzz/regressions/$h" ] && regressions=("Fuzz/regressions/$h")
  echo "== fuzz-$h for ${seconds}s"
  # Leak reports come from Foundation/runtime caches (XMLParser, metadata), not from our code: crashes and hangs only.
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$scratch/bin/fuzz-$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="Fuzz/crashes/$h/" -print_final_stats=1 \
    "$scratch/corpus/$h" "Fuzz/corpus/$h" "${regressions[@]}" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Done|.*deadly signal|.*Test unit written)" || true
done
