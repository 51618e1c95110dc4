#!/bin/sh
# make bench: the measurements of BENCHMARKS.md at the reference size. Takes
# a few minutes; writes everything to bench/out/ and the tables to
# bench/out/results.md. Not part of `make test`. BEFORE=path/to/hexform
# times an earlier build in the same runs as this one; LARGE=1 adds the
# whole plan at 100,000 users.
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-go}
OUT=bench/out
RUNS=${RUNS:-10}
BEFORE=${BEFORE:-}
mkdir -p "$OUT"

echo "== machine" | tee "$OUT/machine.txt"
{
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "go: $($GO version)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$OUT/machine.txt"

echo "== build"
$GO build -o bin/hexform ./cmd/hexform
$GO build -o "$OUT/hfbench" ./bench/hfbench
"$OUT/hfbench" files -dir "$OUT"

echo "== go test -bench (load+validate vs yaml.v3, diff, diff scaling, check, render)"
$GO test -run '^$' -bench . -benchmem -count 3 -benchtime 5x ./schema ./reconcile ./internal/gen | tee "$OUT/gotest.txt"

echo "== whole plan: wall clock and peak RSS vs yaml.v3 on the same file"
"$OUT/hfbench" plan -bin bin/hexform ${BEFORE:+-before "$BEFORE"} -dir "$OUT" -runs "$RUNS" | tee "$OUT/plan.md"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v bin/hexform plan -f "$OUT/workspace.yaml" --target "file:$OUT/state.json" --no-color \
    >"$OUT/plan.txt" 2>"$OUT/time-v.txt"
  grep -E 'Elapsed|Maximum resident' "$OUT/time-v.txt" | sed 's/^[[:space:]]*/\/usr\/bin\/time -v: /' | tee -a "$OUT/plan.md"
fi

if [ "${LARGE:-}" = 1 ]; then
  echo "== whole plan at 100,000 users (LARGE=1)"
  "$OUT/hfbench" files -dir "$OUT/large" -scale 1000
  "$OUT/hfbench" plan -bin bin/hexform ${BEFORE:+-before "$BEFORE"} -dir "$OUT/large" -runs 3 | tee -a "$OUT/plan.md"
fi

echo "== file target: apply next to plan of the same file (2,000 users into no state; the reference size onto its state)"
{
  "$OUT/hfbench" apply -bin bin/hexform ${BEFORE:+-before "$BEFORE"} -dir "$OUT/apply-empty" -scale 20 -empty -runs 5
  echo
  "$OUT/hfbench" apply -bin bin/hexform ${BEFORE:+-before "$BEFORE"} -dir "$OUT/apply-current" -scale 100 -runs 5
} | tee "$OUT/apply.md"

echo "== Hex API: requests of plan and apply vs the minimum; apply at 50 ms latency"
"$OUT/hfbench" api -latency 50ms -workers 8 | tee "$OUT/api.md"

{
  cat "$OUT/machine.txt"; echo
  cat "$OUT/plan.md"; echo
  cat "$OUT/apply.md"; echo
  cat "$OUT/api.md"; echo
  grep -E '^(Benchmark|pkg:)' "$OUT/gotest.txt"
} >"$OUT/results.md"
echo "== done: $OUT/results.md"
