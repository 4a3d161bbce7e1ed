#!/usr/bin/env bash
# The signature check of a signed usage report, old way (JSON-built digest, key recovery) against the
# ledger's (typed digest, check against the lease's known signer key) with BouncyCastle and with
# libsecp256k1, alternating in one JVM. Prints µs of CPU per check and ratios. See docs/PERFORMANCE.md.
# Arguments (key=value): reports=20000 leases=1000 rounds=3
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl ledger-service -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="ledger-service/target/test-classes:ledger-service/target/classes:$(cat ledger-service/target/bench-classpath.txt)"
exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.gpuledger.bench.SignatureCheckBench "$@"
