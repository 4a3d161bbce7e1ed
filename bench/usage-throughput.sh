#!/usr/bin/env bash
# The usage-path benchmark: accepted reports/s through POST /v1/usage:batch, batch and single-call
# latencies, and the ratio to plain JDBC inserts in the same run. See docs/PERFORMANCE.md.
# Arguments (key=value) pass through: seconds=60 rounds=3 warmupSeconds=90 leases=1000 clients=4 batchSize=1000 singleSeconds=20 singleRate=500
# signed=true: as many leases again whose meter signs each report; each round also sends them signed reports
# (half as many as the plain ones accepted, signed before it is timed) for as long, and prints their rate as
# a ratio of the plain reports' in that round
# billing=PREPAID: every lease prepaid, its tenant topped up first (compare with a postpaid run, alternating)
# instances=2: two ledgers on the one database, each client's batches to its own (spread=batch: each
# batch to the next instance); prints how many requests were run again after losing a race
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl ledger-service -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="ledger-service/target/test-classes:ledger-service/target/classes:$(cat ledger-service/target/bench-classpath.txt)"
# The JVM's own defaults, as ./ledger starts the service (a quarter of the machine's memory for the
# heap): cached leases hold every report they recorded, so a capped heap measures the collector.
exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.gpuledger.bench.UsageThroughputBench "$@"
