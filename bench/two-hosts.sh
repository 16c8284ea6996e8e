#!/usr/bin/env bash
# Two hosts over a real network path, on one machine: two network namespaces joined by a veth pair,
# `interleave serve` in one, `interleave send` in the other, for a few path settings. Prints, per
# setting, what the sender and the verifier each concluded and the throughput.
#
# Path settings: no limit; a tbf rate limit on the sender's side (1 Gbit/s, 100 Mbit/s); a delay, made
# by a user-space relay in the verifier's namespace (this kernel has no netem). A relay forwards the
# bytes in order (it may merge or split chunks, which TCP does anyway), so the verdicts stay the
# sender's: it only stretches the path.
#
# Usage: sudo bench/two-hosts.sh [strategy] [packets] [size]    (defaults: native 2000 100000)
# Needs root (namespaces, veth, tc), iproute2 and python3. Cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "bench/two-hosts.sh needs root: it makes network namespaces, a veth pair and tc qdiscs." >&2
  exit 1
fi
for tool in ip tc python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install iproute2 python3)" >&2; exit 1; }
done
[ -x target/interleave/bin/interleave ] || ./mvnw -q -B package -DskipTests -Dinterleave.aot.skip=true
bin=$PWD/target/interleave/bin/interleave
strategy=${1:-native}
packets=${2:-2000}
size=${3:-100000}
threads=20

V=il-verifier S=il-sender
VA=10.77.0.1 SA=10.77.0.2
cleanup() {
  ip netns pids $V 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns pids $S 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del $V 2>/dev/null || true
  ip netns del $S 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add $V
ip netns add $S
ip link add il-v type veth peer name il-s
ip link set il-v netns $V
ip link set il-s netns $S
ip -n $V addr add $VA/24 dev il-v
ip -n $S addr add $SA/24 dev il-s
for ns in $V $S; do ip -n $ns link set lo up; done
ip -n $V link set il-v up
ip -n $S link set il-s up

# A relay that delays every chunk by DELAY_MS, in order: listens on RELAY_PORT, forwards to 127.0.0.1:PORT
# (both directions, so the back channel is delayed too).
relay_py='
import asyncio, sys, time
listen_host, listen_port, target_port, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]) / 1000
async def pump(reader, writer):
    queue = asyncio.Queue()
    async def feed():
        while True:
            data = await reader.read(1 << 16)
            await queue.put((time.monotonic() + delay, data))
            if not data:
                return
    async def drain():
        while True:
            due, data = await queue.get()
            await asyncio.sleep(max(0, due - time.monotonic()))
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()
    await asyncio.gather(feed(), drain())
async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    await asyncio.gather(pump(client_reader, server_writer), pump(server_reader, client_writer), return_exceptions=True)
    server_writer.close(); client_writer.close()
async def main():
    server = await asyncio.start_server(handle, listen_host, listen_port)
    async with server:
        await server.serve_forever()
asyncio.run(main())
'

port=11200
relay_port=11201
printf "%-22s %-10s %-28s %-28s %10s\n" path strategy "sender says" "verifier says" "MB/s"
run_setting() {
  local name=$1 rate=$2 delay_ms=$3
  tc -n $S qdisc del dev il-s root 2>/dev/null || true
  if [ "$rate" != none ]; then
    tc -n $S qdisc add dev il-s root tbf rate "$rate" burst 256kb latency 100ms
  fi
  local serve_out; serve_out=$(mktemp)
  ip netns exec $V "$bin" serve --bind "$([ "$delay_ms" = 0 ] && echo $VA || echo 127.0.0.1)" --port $port \
      --connections 1 --json >"$serve_out" 2>/dev/null &
  local serve_pid=$!
  local relay_pid=
  local dest_port=$port
  if [ "$delay_ms" != 0 ]; then
    ip netns exec $V python3 -c "$relay_py" $VA $relay_port $port "$delay_ms" &
    relay_pid=$!
    dest_port=$relay_port
  fi
  for _ in $(seq 50); do   # wait until the verifier (and relay) listen
    ip netns exec $V ss -ltn | grep -q ":$dest_port " && break
    sleep 0.2
  done
  local send_out; send_out=$(mktemp)
  ip netns exec $S "$bin" send --host $VA --port $dest_port --strategy "$strategy" --threads $threads \
      --packets "$packets" --size "$size" --json >"$send_out" 2>/dev/null || true
  wait $serve_pid 2>/dev/null || true
  [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null
  python3 - "$name" "$strategy" "$send_out" "$serve_out" <<'PY'
import json, sys
name, strategy = sys.argv[1:3]
send, serve = (open(f).read() for f in sys.argv[3:5])
def says(j):
    if not j.strip():
        return "no result"
    r = json.loads(j.strip().splitlines()[-1])
    return f"{r.get('verdict')}: {r.get('torn', 0):,} torn of {r.get('packets') or 0:,}"
mbps = json.loads(send)["throughputMBps"] if send.strip() else 0
print(f"{name:<22} {strategy:<10} {says(send):<28} {says(serve):<28} {mbps:>10,.1f}")
PY
  rm -f "$serve_out" "$send_out"
}

run_setting "veth, no limit" none 0
run_setting "tbf 1 Gbit/s" 1gbit 0
run_setting "tbf 100 Mbit/s" 100mbit 0
run_setting "relay, 20 ms delay" none 20
