#!/usr/bin/env bash
# The rule-engine benchmarks of issue #6, each next to its baseline in the same JMH run:
#
#   enable       RulesEnableBenchmark: all 24 rules enabled through the public API (enableRule per rule, catalog
#                order) on a fresh copy of a store holding ATT&CK Enterprise 18.1 + the OpenCTI test bundles,
#                single shot (target <= 10 s); baseline recomputeInMemory: a new Reasoner over the same premises,
#                every rule enabled, no journal. 2 forks, 2 warm-up + 5 measured shots each. 20 s quiet, 2 min loaded.
#   incremental  RulesIncrementalBenchmark derive/retract: one new `uses` relationship (campaign or intrusion set
#                to a sub-technique) asserted into / retracted from a bare Reasoner holding ATT&CK with all rules
#                enabled, sampled (target p99 <= 1 ms, fsync excluded); baseline recomputeAfterChange: everything
#                derived again after that change. 6 forks. About 2.5 minutes.
#   e2e          RulesIncrementalBenchmark importOne/deleteOne, for information: the same change end to end through
#                importObjects / delete, rules all or none, data directory on disk (fsync included) or in /dev/shm
#                (fsync next to free). 8 forks. About 3-4 minutes.
#
#   coverage     CoverageBenchmark: ATT&CK coverage of G0016, G0007 and G0034 on ATT&CK with every rule enabled,
#                sampled (target p99 <= 5 ms), on a long-lived AttackAnalytics and on a new one per call; baseline
#                recomputeFromAllFacts: every stored relationship read and the same coverage derived. About 3.5 min.
#
# Usage, from anywhere (build first: ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests):
#   benchmarks/rules-bench.sh [enable|incremental|e2e|coverage|all]   default: all, in one JMH run
#   SMOKE=1 benchmarks/rules-bench.sh [part]                  1 short iteration each, only to prove the benchmarks
#                                                             work (numbers mean nothing); results go to /tmp
# Results: benchmarks/results/rules-<commit>.json for all, rules-<part>-<commit>.json for one part (JMH JSON; p50/p99
# of the sampled benchmarks are in primaryMetric.scorePercentiles); the console log beside it in /tmp. Run nothing
# else on the machine meanwhile if you can.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests" >&2; exit 1; }
rev=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo -dirty)
part=${1:-all}

if [ -n "${SMOKE:-}" ]; then
  out=/tmp
  args=(-wi 0 -i 1 -w 1s -r 1s)
  tag=smoke-$rev
else
  out=benchmarks/results
  args=()
  tag=$rev
fi

case $part in
  enable) pattern='RulesEnableBenchmark' ;;
  incremental) pattern='RulesIncrementalBenchmark\.(derive|retract|recomputeAfterChange)$' ;;
  e2e) pattern='RulesIncrementalBenchmark\.(importOne|deleteOne)$' ;;
  coverage) pattern='CoverageBenchmark' ;;
  all) pattern='Rules(EnableBenchmark|IncrementalBenchmark)|CoverageBenchmark' ;;
  *)
    echo "usage: $0 [enable|incremental|e2e|coverage|all]" >&2
    exit 2
    ;;
esac
if [ "$part" = all ]; then
  json=$out/rules-$tag.json
else
  json=$out/rules-$part-$tag.json
fi
log=${TMPDIR:-/tmp}/rules-bench-$part-$tag.log

echo "rules benchmarks ($part) at $rev, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
echo "+ java -jar $jar '$pattern' ${args[*]} -rf json -rff $json   (log: $log)"
java -jar "$jar" "$pattern" "${args[@]}" -rf json -rff "$json" 2>&1 | tee "$log"
