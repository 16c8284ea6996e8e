#!/usr/bin/env bash
# Packet-grid repaint times (FX thread, Headless platform, software pipeline) for 1,000,000,
# 10,000,000 and 700,000 packets (cells not whole pixels) in 1000 x 1000 px: median / p99 / max ms.
# Aim: a 1,000,000-cell repaint under 8 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
"$java" -Xmx2g -Dglass.platform=Headless -Dprism.order=sw \
  -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" dev.interleave.bench.GridBench
