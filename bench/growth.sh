#!/usr/bin/env bash
# The growth benchmark: how throughput, live heap, restart, the first batch after it and a billing rebuild
# move as the store fills. See docs/PERFORMANCE.md ("Growth") and GrowthBench.
# Arguments (key=value): checkpoints=0,10,25,50 (millions of reports) leases=10000 clients=4 batchSize=1000
# windowSeconds=20 dataDir=target/growth-bench (PostgreSQL's data goes in its pgdata/, removed at the end)
# reserveGb=5 (disk left free for others) sampleReports=100000 ledgerJavaOpts="-Xmx2g ..." pg.NAME=VALUE
set -euo pipefail
cd "$(dirname "$0")/.."
# The ledger runs as its packaged jar, in a process of its own.
mvn -B -q -ntp -pl ledger-service -am -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="ledger-service/target/test-classes:ledger-service/target/classes:$(cat ledger-service/target/bench-classpath.txt)"
exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.gpuledger.bench.GrowthBench "$@"
