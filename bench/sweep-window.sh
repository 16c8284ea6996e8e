#!/usr/bin/env bash
# The heap of a sweep in the window (issue 8's benchmark, not a test): the real lab window, JavaFX's
# Headless platform, runs a 7 threads x 6 sizes x 4 ways of writing x 10 trials sweep from its Sweep view
# and prints the heap in use after full GCs (launched, the ended sweep shown, its largest trial opened in
# the lab) and the peak during the sweep. 2 MB per trial by default (a few minutes);
# SWEEP_BENCH_BYTES=20000000 measures the default budget (about 8 minutes here).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
# The heap the window starts with (bin/interleave), capped at 1 GiB as gui-perf's case b.
"$java" -Xms512m -Xmx1g -Dglass.platform=Headless -Dprism.order=sw --enable-native-access=ALL-UNNAMED \
  -Djava.util.prefs.userRoot=target/bench-prefs -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" dev.interleave.ui.SweepWindowBench
