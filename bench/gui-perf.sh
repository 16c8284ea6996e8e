#!/usr/bin/env bash
# GUI frame-rate benchmark (issue 3's performance targets): runs the lab window under Xvfb with an
# autorun and prints the window's frame figures when the run ends. A benchmark that prints figures,
# not a test: it passes or fails nothing.
#   (a) 1,000,000 packets x 1,000 B, native, 20 threads   (target: fps >= 55, no pulse over 50 ms)
#   (b) 10,000,000 packets x 100 B, native, 20 threads, -Xmx1g (target: heap stays under 1 GiB)
# Figures (PerfMonitor): runFps = frames per second over the run, minFps = the slowest full second,
# worstPulseMs = the longest gap between two frames during the run, peakHeapMiB = most heap in use at
# the once-a-second samples; fps/maxPulseMs are the last full second's; then each second's fps and
# longest pulse, to tell the first run's warm-up (JIT) from the steady state.
# The first run starts 4 s after launch (GUI_PERF_DELAY_MS), as a person's first Run would come: by then
# the window's warm-up (an unseen engine run and offscreen views, about 2 s) is done; an earlier Run cancels it.
# GUI_PERF_RUNS=3 repeats each case in the same window (a second apart) and prints each run: the first run
# of a process pays for what the JIT still compiles, later runs show the steady state. bin/interleave uses
# the AOT cache the build trained; GUI_PERF_OPTS=-XX:AOTMode=off measures without it.
# Usage: bench/gui-perf.sh [a|b]...   (default: a b). Env: GUI_PERF_WINDOW=1400x900, GUI_PERF_RUNS, GUI_PERF_OPTS,
# GUI_PERF_LOG=file keeps the window's output (e.g. with GUI_PERF_OPTS=-Djavafx.pulseLogger=true).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/interleave/bin/interleave ] || ./mvnw -q -B package -DskipTests
command -v xvfb-run >/dev/null || { echo "gui-perf: needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }
window=${GUI_PERF_WINDOW:-1400x900}
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(a b)

run_case() {
  local name=$1 knobs=$2 log
  log=$(mktemp)
  # A preferences node of its own: the person's remembered knobs (e.g. a read throttle) stay out of it.
  xvfb-run -a -s "-screen 0 1600x1000x24" env INTERLEAVE_JAVA_OPTS="-Xms512m -Xmx1g \
      -Dinterleave.prefs.node=dev/interleave-gui-perf -Dinterleave.window=$window \
      -Dinterleave.autorun=$knobs -Dinterleave.autorun.delay=${GUI_PERF_DELAY_MS:-4000} -Dinterleave.perf=true -Dinterleave.perf.log=true \
      -Dinterleave.exit=true -Dinterleave.autorun.repeat=${GUI_PERF_RUNS:-1} -Dinterleave.notifications=false -Dinterleave.perf.trace=true ${GUI_PERF_OPTS:-}" \
      target/interleave/bin/interleave >"$log" 2>&1 || true
  if ! grep -q 'perf: ' "$log"; then
    echo "$name: no perf line (see $log)"
    return
  fi
  python3 - "$name" "$log" <<'PY'
import re, sys
name, log = sys.argv[1], sys.argv[2]
runs, seconds = [], []
for line in open(log, encoding="utf-8", errors="replace"):
    # search, not match: the pulse logger (GUI_PERF_OPTS) prints on the same lines.
    m = re.search(r"perf-second: fps=([0-9.]+) maxPulseMs=([0-9.]+)", line)
    if m:
        seconds.append(f"{m.group(1)}@{m.group(2)}")
    elif (p := re.search(r"(?:^|\])perf: (.*)", line)):
        runs.append((dict(kv.split("=", 1) for kv in p.group(1).split() if "=" in kv), seconds))
        seconds = []
print(name)
for i, (f, secs) in enumerate(runs, 1):
    print(f"  run {i}: runFps={f.get('runFps','?')} minFps={f.get('minFps','?')} worstPulseMs={f['worstPulseMs']}"
          f" (last second: fps={f['fps']} maxPulseMs={f['maxPulseMs']}) worstWorkMs={f['worstWorkMs']}"
          f" peakHeapMiB={f['peakHeapMiB']} of {f['heapMaxMiB']}")
    print(f"    each second, fps@max pulse ms: {' '.join(secs)}")
PY
  if [ -n "${GUI_PERF_LOG:-}" ]; then
    # One file per case when several run: GUI_PERF_LOG.a, GUI_PERF_LOG.b.
    if [ ${#cases[@]} -gt 1 ]; then mv "$log" "$GUI_PERF_LOG.${name%% *}"; else mv "$log" "$GUI_PERF_LOG"; fi
  else
    rm -f "$log"
  fi
}

for c in "${cases[@]}"; do
  case $c in
    a) run_case "a 1,000,000 x 1,000 B native 20 threads" "threads=20,packets=1000000,size=1000,strategy=native,lock=false,throttle=0" ;;
    b) run_case "b 10,000,000 x 100 B native 20 threads" "threads=20,packets=10000000,size=100,strategy=native,lock=false,throttle=0" ;;
    *) echo "unknown case '$c' (a or b)" >&2; exit 2 ;;
  esac
done
