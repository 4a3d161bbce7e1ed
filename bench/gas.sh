#!/usr/bin/env bash
# Gas of the settlement contracts on a local anvil: anchoring, pushes to 1, 100 and 500 new
# holders, claims, and plain ERC-20 transfers as the baseline. Prints a table; changes nothing.
# Usage: bench/gas.sh   (from anywhere; builds what it needs, about a minute on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath_file="ledger-service/target/gas-bench.classpath"
mvn -B -q -ntp -pl ledger-service -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"
java -cp "ledger-service/target/test-classes:ledger-service/target/classes:$(cat "$classpath_file")" \
  io.gpuledger.bench.GasBench
