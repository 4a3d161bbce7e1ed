#!/usr/bin/env bash
# The epoch-close benchmark: one epoch over 100,000 leases paying 10,000 addresses, in a JVM whose
# heap is capped at 512 MB, against the plain SQL aggregation of the same amounts. See docs/PERFORMANCE.md.
# Arguments: [leases=100000] [accounts=10000] [rounds=3] [prepaid: every second lease prepaid]
# Or: mix [leases=100000] [accounts=10000]: capacity fees, SLA windows and a reward pool in one epoch,
# every amount checked against an independent computation.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl ledger-service -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="ledger-service/target/test-classes:ledger-service/target/classes:$(cat ledger-service/target/bench-classpath.txt)"
exec java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$cp" io.gpuledger.bench.EpochCloseBench "$@"
