#!/usr/bin/env bash
# Every reference client (clients/), each way with and without --lock, against the project's own
# `interleave send` (native and socket-stream), all to one `interleave serve` on loopback, in one run:
# the machines are shared and noisy, so compare rows of the same run only. Prints a Markdown table.
# Usage: bench/clients.sh            (BENCH_PACKETS, BENCH_SIZE, BENCH_THREADS override 10000, 100000, 20)
# A client whose toolchain is missing gets a row saying so (clients/README.md says what to install).
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${BENCH_PACKETS:-10000}
size=${BENCH_SIZE:-100000}
threads=${BENCH_THREADS:-20}
command -v python3 >/dev/null || { echo "needs python3 (apt-get install python3)" >&2; exit 1; }
[ -x target/interleave/bin/interleave ] || ./mvnw -q -B -ntp package -DskipTests -Dinterleave.aot.skip=true
bin=target/interleave/bin/interleave
out=target/clients-bench
mkdir -p "$out"

# Build what can be built here.
have() { command -v "$1" >/dev/null; }
declare -A cmd missing
if have cc; then cc -O2 -pthread -o "$out/c" clients/c/interleave_client.c && cmd[c]="$out/c"; else missing[c]="cc (gcc)"; fi
if have x86_64-w64-mingw32-gcc && have wine; then
  x86_64-w64-mingw32-gcc -O2 -o "$out/c.exe" clients/c/interleave_client.c -lws2_32
  WINEDEBUG=-all wine "$out/c.exe" --help >/dev/null 2>&1 || true # makes ~/.wine on a first run
  cmd[win32]="wine $out/c.exe"
else missing[win32]="gcc-mingw-w64-x86-64 and wine64"; fi
if have python3; then cmd[python]="python3 clients/python/interleave_client.py"; fi
if have go; then (cd clients/go && go build -o "../../$out/go" .) && cmd[go]="$out/go"; else missing[go]="golang-go"; fi
if have mcs && have mono; then
  mcs -langversion:7 -out:"$out/dotnet.exe" clients/dotnet/InterleaveClient.cs && cmd[dotnet]="mono $out/dotnet.exe"
else missing[dotnet]="mono-mcs and mono-runtime"; fi

# One verifier for every row.
"$bin" serve --port 0 --connections 0 >/dev/null 2>"$out/serve.err" &
serve=$!
trap 'kill $serve 2>/dev/null || true' EXIT
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on [^ ]*:\([0-9]*\).*/\1/p' "$out/serve.err")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "interleave serve did not start:" >&2; cat "$out/serve.err" >&2; exit 1; }

rows="$out/rows.jsonl"
: >"$rows"
row() { # label way lock command...
  local label=$1 way=$2 lock=$3
  shift 3
  local json
  if json=$(WINEDEBUG=-all "$@" 2>"$out/last.err"); then
    printf '%s\t%s\t%s\t%s\n' "$label" "$way" "$lock" "$json" >>"$rows"
  else
    printf '%s\t%s\t%s\tFAILED: %s\n' "$label" "$way" "$lock" "$(tr '\n' ' ' <"$out/last.err")" >>"$rows"
  fi
}

echo "clients against interleave serve on 127.0.0.1:$port: $threads threads x $packets packets x $size B" >&2
for s in native socket-stream; do
  for lock in no yes; do
    l=(); [ $lock = yes ] && l=(--lock)
    row "interleave send (Java)" "$s" $lock "$bin" send --host 127.0.0.1 --port "$port" --threads "$threads" \
      --packets "$packets" --size "$size" --strategy "$s" "${l[@]}" --json
  done
done
declare -A ways=([c]="send send-nonblocking" [win32]="send send-nonblocking" [python]="sendall send"
                 [go]="write raw-write" [dotnet]="socket-send networkstream-write send-async")
for c in c win32 python go dotnet; do
  if [ -z "${cmd[$c]:-}" ]; then
    printf '%s\t-\t-\tSKIPPED: needs %s\n' "$c" "${missing[$c]:-its toolchain}" >>"$rows"
    continue
  fi
  for w in ${ways[$c]}; do
    for lock in no yes; do
      l=(); [ $lock = yes ] && l=(--lock)
      # shellcheck disable=SC2086 # cmd holds a command and its first arguments
      row "$c" "$w" $lock ${cmd[$c]} 127.0.0.1 "$port" --threads "$threads" --packets "$packets" --size "$size" \
        --way "$w" "${l[@]}"
    done
  done
done

python3 - "$rows" <<'PY'
import json, sys
names = {"c": "C (POSIX)", "win32": "C (Win32, under Wine)", "python": "Python", "go": "Go", "dotnet": "C# (Mono)"}
print("| client | way | lock | torn of N | partial sends | MB/s |")
print("|---|---|---|---:|---:|---:|")
said = {}
for line in open(sys.argv[1]):
    label, way, lock, rest = line.rstrip("\n").split("\t", 3)
    name = names.get(label, label)
    if not rest.startswith("{"):
        print(f"| {name} | {way} | {lock} | {rest} | | |")
        continue
    d = json.loads(rest)
    if "strategy" in d:  # interleave send
        torn, n, partial, mbps, desc = d["torn"], d["packets"], d["partialSends"], d["throughputMBps"], "Java, " + d["strategy"]
        known = d["verdictsKnown"]
    else:
        known = d["verdictsKnown"]
        torn = d["verdicts"]["torn"] if known else None
        n, partial, mbps, desc = d["packets"], d["partialSends"], d["mbPerSecond"], d["description"]
    t = f"{torn:,} of {n:,}" if known else f"unknown of {n:,}"
    p = "not measured" if partial is None else f"{partial:,}"
    print(f"| {name} | {way} | {lock} | {t} | {p} | {mbps:,.0f} |")
    said.setdefault(name, []).append(desc) if desc not in said.get(name, []) else None
print()
print("What each sender said it was (its sender report's description):")
for name, descs in said.items():
    for d in descs:
        print(f"- {name}: {d}")
PY
