#!/usr/bin/env bash
# The usage-path benchmark: accepted reports/s through POST /v1/usage:batch, batch and single-call
# latencies, and the ratio to plain JDBC inserts in the same run. See docs/PERFORMANCE.md.
# Arguments (key=value) pass through: seconds=60 rounds=3 warmupSeconds=90 leases=1000 clients=4 batchSize=1000 singleSeconds=20 singleRate=500
# billing=PREPAID: every lease prepaid, its tenant topped up first (compare with a postpaid run, alternating)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl ledger-service -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="ledger-service/target/test-classes:ledger-service/target/classes:$(cat ledger-service/target/bench-classpath.txt)"
# The JVM's own defaults, as ./ledger starts the service (a quarter of the machine's memory for the
# heap): cached leases hold their recent reports, bounded by ledger.aggregate-cache-bytes.
exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.gpuledger.bench.UsageThroughputBench "$@"
