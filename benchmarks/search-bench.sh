#!/usr/bin/env bash
# The search benchmarks of issue #5, each next to its baseline in the same JMH run:
#
#   index   SearchIndexBenchmark: 1,000,000 SearchWorkload objects as CREATE events into a fresh on-disk
#           LuceneSearchIndex until searchable, in objects/s (target >= 20,000); baseline: the same objects as
#           TinkerGraph vertices. 1 fork per engine, 1 warm-up + 3 measured invocations. About 10 minutes.
#   query   SearchQueryBenchmark: text (one term, two terms; type + marking filter) and lookups (IPv4, domain,
#           SHA-256, STIX id) over 1,000,000 objects, sampled: p50/p99 in the JSON (targets: text p50 <= 1 ms and
#           p99 <= 15 ms, lookup p99 <= 1 ms); engines lucene, tinkergraph, tinkergraph-indexed (Gremlin text
#           predicates and has steps). 18 forks. The first lucene fork builds the index into
#           $CTI_BENCH_CACHE/cti-bench-search-1000000-42-w1 (default /tmp; a few minutes); later forks and runs
#           reuse it. Delete that folder to rebuild it.
#           About 30-45 minutes, most of it building TinkerGraph per fork and unindexed Gremlin scans.
#   import  SearchImportBenchmark: #4's 200,000-object bundle imported with the journal on into graph + search
#           (read-your-writes, then awaitSearchable) and into the graph alone, on TinkerGraph and JanusGraph in
#           memory; objects/s = 200,001 / seconds per operation (target >= 20,000 with search). About 20 minutes,
#           mostly JanusGraph.
#
# Usage, from anywhere (build first: ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests):
#   benchmarks/search-bench.sh [index|query|import|all]      default: all, in that order
#   SMOKE=1 benchmarks/search-bench.sh [part]                 tiny sizes and short iterations, only to prove the
#                                                             benchmarks work (numbers mean nothing); results go
#                                                             to /tmp, not to results/
# Results: benchmarks/results/search-<part>-<commit>.json (JMH JSON; p50/p99 of the query benchmark are in
# primaryMetric.scorePercentiles). Run nothing else on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests" >&2; exit 1; }
rev=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo -dirty)
cache=${CTI_BENCH_CACHE:-${TMPDIR:-/tmp}}
part=${1:-all}

if [ -n "${SMOKE:-}" ]; then
  out=/tmp
  short=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
  index_args=("${short[@]}" -p objects=20000 -opi 20000)
  query_args=("${short[@]}" -p objects=20000)
  import_args=("${short[@]}" -p objects=20000)
  tag=smoke-$rev
else
  out=benchmarks/results
  index_args=()
  query_args=()
  import_args=()
  tag=$rev
fi

run() {
  echo "+ $*"
  "$@"
}

echo "search benchmarks at $rev, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
case $part in
  index | all)
    run java -jar "$jar" SearchIndexBenchmark "${index_args[@]}" \
      -rf json -rff "$out/search-index-$tag.json"
    ;;&
  query | all)
    CTI_BENCH_CACHE=$cache run java -jar "$jar" SearchQueryBenchmark "${query_args[@]}" \
      -rf json -rff "$out/search-query-$tag.json"
    ;;&
  import | all)
    run java -jar "$jar" SearchImportBenchmark "${import_args[@]}" \
      -rf json -rff "$out/search-import-$tag.json"
    ;;
  index | query) ;;
  *)
    echo "usage: $0 [index|query|import|all]" >&2
    exit 2
    ;;
esac
