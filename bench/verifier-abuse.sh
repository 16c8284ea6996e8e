#!/usr/bin/env bash
# StreamVerifier throughput on hostile streams beside the normal ones, in one run (issue 10, "CPU
# amplification"): intact 100,000-B frames, random garbage, and crafted streams that keep many packets
# open (colliding payload bytes, split headers) and then make every byte a look-ahead decision.
# Rates are per CPU second of the bench process (the machine may be shared). Aim: every crafted
# case at least 1/10 of the rate of its plain counterpart. Usage: bench/verifier-abuse.sh [open]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
"$java" -Xmx2g -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" dev.interleave.bench.VerifierAbuseBench "$@"
