#!/usr/bin/env bash
# `interleave serve` under hostile peers (issue 10). Starts serve on loopback, opens 64 simultaneous
# connections of every hostile kind (a Hello claiming 2^32 packets then FIN; 20,000 forged headers
# 65,536 ids apart; 1,000,000 tiny frames with the back channel never read; idle after the Hello;
# open packets with colliding prefixes (CPU); 10,000 packets torn with 64 segments each), checks that a
# 65th connection is accepted and told why it is refused, samples serve's RSS all along, then verifies a
# good 20 x 10,000 x 100,000 B native run through the same serve, and prints the figures: peak RSS,
# accepting, the good run's verdict, serve's threads and descriptors before and after.
# Goal: peak RSS under 512 MiB, accepting throughout, the good run exact.
#
# serve runs from the launcher as users run it (target/interleave/bin/interleave, built here without
# tests), so with the launcher's JVM options for serve; the peers and the good run from the classes.
#
#   bench/abuse.sh
#   CPU_OPEN=4096 bench/abuse.sh    # the crafted CPU stream's open packets (default 64; see issue 10)
#   IDLE_TIMEOUT=60 bench/abuse.sh  # serve's --idle-timeout (default here 10 s, to keep the bench short)
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
./mvnw -q -B -o -DskipTests -Dinterleave.aot.skip=true package test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/test-cp.txt)"
serve=(target/interleave/bin/interleave)
idle=${IDLE_TIMEOUT:-10}
work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null || true; kill "$sampler_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"${serve[@]}" serve --port 0 --idle-timeout "$idle" >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on [^:]*:\([0-9]*\).*/\1/p' "$work/serve.err" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "serve did not start:"; cat "$work/serve.err"; exit 1; }

threads() { sed -n 's/^Threads:[[:space:]]*//p' "/proc/$serve_pid/status"; }
fds() { ls "/proc/$serve_pid/fd" | wc -l; }
rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$serve_pid/status"; }
sleep 1
threads_before=$(threads); fds_before=$(fds); rss_before=$(rss_kib)
( while kill -0 "$serve_pid" 2>/dev/null; do rss_kib >>"$work/rss"; sleep 0.1; done ) &
sampler_pid=$!

echo "serve (pid $serve_pid) on 127.0.0.1:$port, --idle-timeout $idle s"
echo "== 64 hostile connections =="
"$java" -cp "$cp" dev.interleave.bench.AbusePeers 127.0.0.1 "$port" 64 "${CPU_OPEN:-64}" "${CPU_TAIL:-65536}" \
  | tee "$work/peers.out"
rss_hostile=$(sort -n "$work/rss" | tail -1)

echo "== the good run: 20 threads x 10,000 x 100,000 B, native =="
set +e
"$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.interleave.Main send --host 127.0.0.1 --port "$port" \
  --strategy native --threads 20 --packets 10000 --size 100000 --json >"$work/good.json" 2>"$work/good.err"
good_code=$?
set -e
sleep 2
threads_after=$(threads); fds_after=$(fds)
kill "$sampler_pid" 2>/dev/null || true
rss_peak=$(sort -n "$work/rss" | tail -1)

python3 - "$work/good.json" "$good_code" <<'EOF'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"good run: no result (exit {sys.argv[2]}): {e}")
    sys.exit(0)
exact = (r["outcome"] == "COMPLETED" and r["verdictsKnown"] and r["missing"] == 0 and r["duplicates"] == 0
         and r["intact"] + r["torn"] == r["packets"] and r["bytesReceived"] == r["bytesSent"])
print(f"good run: {r['outcome']}, verdicts known {r['verdictsKnown']}: intact {r['intact']:,}, torn {r['torn']:,}, "
      f"missing {r['missing']:,}, duplicates {r['duplicates']:,}; {r['bytesReceived']:,} of {r['bytesSent']:,} bytes; "
      f"{r['seconds']:.1f} s -> {'EXACT' if exact else 'NOT EXACT'}" + (f" ({r['failure']})" if r.get('failure') else ""))
EOF
echo "serve's lines: $(grep -c '^connection ' "$work/serve.out") connections reported; ends: $(sed -n 's/^connection [0-9]* from [^ ]*: \([A-Z_]*\).*/\1/p' "$work/serve.out" | sort | uniq -c | tr '\n' ' ')"
grep -m1 ': IDLE_TIMEOUT' "$work/serve.out" | sed 's/^/  e.g. /' || true
if grep -q 'accepted and refused' "$work/peers.out"; then accepting="yes (a 65th connection was told why it was refused)"; else accepting="NO"; fi
printf 'RSS: %d MiB at rest, peak %d MiB during the hostile peers, peak %d MiB overall (goal: under 512 MiB)\n' \
  $((rss_before / 1024)) $((rss_hostile / 1024)) $((rss_peak / 1024))
echo "accepting under load: $accepting"
echo "serve threads: $threads_before before, $threads_after after; file descriptors: $fds_before before, $fds_after after"
grep -E 'OutOfMemory|Exception' "$work/serve.err" | head -3 || true
