#!/usr/bin/env bash
# Cold import of MITRE ATT&CK Enterprise 18.1 into an empty store through the command line, JVM start
# included: the issue #4 target is at most 5 s. Runs RUNS times (default 5) and prints each wall time and
# the median. Runs ./cti as a user would (JVM options as ./cti sets them; CTI_JAVA_OPTS overrides).
# Build first: ./mvnw -B -ntp -q -pl cti-server -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
bundle=${BUNDLE:-../shared/data/mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz}
times=()
for i in $(seq "$runs"); do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  ./cti import --data "$dir" "$bundle" > "$dir.out"
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms  $(cat "$dir.out")"
  rm -rf "$dir" "$dir.out"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "median of $runs: ${sorted[$(( runs / 2 ))]} ms"
