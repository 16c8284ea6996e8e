#!/usr/bin/env bash
# Does the window's outside-sender listener keep up with the fastest reference clients? In one JVM,
# rounds in turn: C send() and Go net.Conn.Write sending to a run.Listening verifier, the lab's own
# senders (native, socket-stream) sending to it too, and the lab's in-process runs of the same size. Prints MB/s received and the verifier's CPU
# time per byte (its connection thread's CPU time over the bytes it read): the listener's should be no
# worse than an in-process run's. Compare rows of one run only (shared, noisy machines).
# The clients run at nice 19, as the lab's own sending threads do (Linux): on two cores, twenty busy
# senders at nice 0 take the verifier's core often, and every preemption costs it cache and time per
# byte; BENCH_CLIENT_NICE=0 measures that too.
# Usage: bench/listener.sh   (BENCH_ROUNDS, BENCH_THREADS, BENCH_PACKETS, BENCH_SIZE override 3, 20, 10000, 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${BENCH_ROUNDS:-3}
threads=${BENCH_THREADS:-20}
packets=${BENCH_PACKETS:-10000}
size=${BENCH_SIZE:-100000}
nice=${BENCH_CLIENT_NICE:-19}
out=target/clients-bench
mkdir -p "$out"
command -v cc >/dev/null || { echo "needs cc (apt-get install gcc)" >&2; exit 1; }
command -v go >/dev/null || { echo "needs go (apt-get install golang-go)" >&2; exit 1; }
cc -O2 -pthread -o "$out/c" clients/c/interleave_client.c
(cd clients/go && go build -o "../../$out/go" .)
./mvnw -q -B -ntp -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
"$java" -Xmx2g --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" \
  dev.interleave.bench.ListenerBench "$rounds" "$threads" "$packets" "$size" \
  "C send()=nice -n $nice $out/c --way send" "native (Java, libc send)=remote:native" \
  "native (Java, libc send)=in-process:native" \
  "Go net.Conn.Write=nice -n $nice $out/go --way write" "socket-stream (Java)=remote:socket-stream" \
  "socket-stream (Java)=in-process:socket-stream"
