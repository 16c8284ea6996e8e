#!/usr/bin/env bash
# The article on this machine: every strategy, 20 threads x 10,000 packets x 100,000 B, unlocked and
# locked, each printed as one row of the README's table. Usage: bench/article.sh [packets] [size]
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${1:-10000}
size=${2:-100000}
[ -x target/interleave/bin/interleave ] || ./mvnw -q -B package -DskipTests
bin=target/interleave/bin/interleave
echo "| strategy | lock | intact | torn | partial sends | would-block | refused writes | throughput |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for s in native native-nonblocking socket-stream channel channel-nonblocking async-channel socket-per-thread; do
  for lock in "" "--lock"; do
    json=$("$bin" run --strategy "$s" $lock --threads 20 --packets "$packets" --size "$size" --json 2>/dev/null) || true
    python3 - "$json" <<'PY'
import json, sys
try:
    r = json.loads(sys.argv[1])
except Exception:
    print("| (failed) | | | | | | | |"); sys.exit(0)
print(f"| {r['strategy']} | {'yes' if r['lock'] else 'no'} | {r['intact']:,} | {r['torn']:,} | "
      f"{r['partialSends']:,} | {r['wouldBlocks']:,} | {r['rejectedWrites']:,} | {r['throughputMBps']:,.0f} MB/s |")
PY
  done
done
