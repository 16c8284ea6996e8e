#!/usr/bin/env bash
# StreamVerifier throughput on one core, in memory (JMH): intact 100,000-B frames and a stream with
# every 4th frame torn. Prints MB/s. Aim: at least 4 GB/s intact.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
"$java" -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" dev.interleave.bench.VerifierBench 2>&1 \
  | grep -E "^StreamVerifier|^Benchmark|VerifierBench.verify"
