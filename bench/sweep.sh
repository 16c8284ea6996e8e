#!/usr/bin/env bash
# The sweep engine's costs (not a test): trials per second for tiny cells (the overhead per trial),
# what an in-process verifier's start and close cost, and the heap a finished 7 x 6 x 4-strategy
# sweep of 10 trials per cell keeps (its records and each cell's last trial). A few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
# The heap the window starts with (bin/interleave); G1 as there.
"$java" -Xms512m --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" dev.interleave.bench.SweepBench
