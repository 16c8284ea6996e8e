#!/usr/bin/env bash
# `run` throughput against iperf3 single-stream loopback, measured in the same script (the machines
# are shared and noisy, so only the ratio means much). 100,000 B packets, 1 and 20 threads.
# Usage: bench/throughput.sh [strategy ...]   (default: native socket-stream channel)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v iperf3 >/dev/null || { echo "needs iperf3 (apt-get install iperf3)" >&2; exit 1; }
[ -x target/interleave/bin/interleave ] || ./mvnw -q -B package -DskipTests
bin=target/interleave/bin/interleave
strategies=("$@")
[ ${#strategies[@]} -gt 0 ] || strategies=(native socket-stream channel)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
iperf3 -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
sleep 0.5
iperf=$(iperf3 -c 127.0.0.1 -p "$port" -t 5 -J | python3 -c 'import json,sys; print(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/8/1e6)')
printf "iperf3 single stream, loopback: %.0f MB/s\n" "$iperf"
printf "%-22s %8s %12s %8s %8s\n" strategy threads MB/s ratio torn
for s in "${strategies[@]}"; do
  for t in 1 20; do
    packets=$(( t == 1 ? 40000 : 40000 ))
    json=$("$bin" run --strategy "$s" --threads "$t" --packets "$packets" --size 100000 --json 2>/dev/null)
    python3 - "$json" "$iperf" "$s" "$t" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); iperf = float(sys.argv[2])
print(f"{sys.argv[3]:<22} {sys.argv[4]:>8} {r['throughputMBps']:>12,.0f} {r['throughputMBps']/iperf:>8.2f} {r['torn']:>8,}")
PY
  done
done
