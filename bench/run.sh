#!/usr/bin/env bash
# The benchmark in one command (see docs/benchmarks.md): grows corpora of 1 000, 10 000 and 100 000 documents
# from a real course, indexes each, loads the same topics into PostgreSQL full-text search on the same
# server, drives both with the same queries at 4 and 32 clients (two mixes: heading words of the course, and the
# judged queries of the dev courses in ../shared/eval, every answer computed), prints the tables and writes
# bench/results.md and bench/growth.png. Then serves the largest corpus with a 512 MB heap as a check.
#   bench/run.sh [COURSE] [extra options of 'kb bench run', e.g. --docs 0,1000 --duration 5s]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
course="${1:-$here/../shared/corpus/istio-kubernetes}"
shift || true
cd "$here"
./kb --version >/dev/null   # builds target/kb.jar when needed
KB_JAVA_OPTS="${KB_BENCH_JAVA_OPTS:--Xmx3g}" ./kb bench run --from "$course" --work bench "$@"

largest="$(ls -d bench/data-* 2>/dev/null | grep -E 'data-[0-9]+$' | sort -t- -k2 -n | tail -n 1 || true)"
if [[ -n "$largest" && "${KB_BENCH_SKIP_HEAP_CHECK:-}" != "1" ]]; then
  size="${largest##*-}"
  echo "== serving $size documents with -Xmx512m"
  KB_JAVA_OPTS="-Xmx512m" ./kb serve --offline --port 7079 --course-id bench --data-dir "$largest" "bench/corpus-$size" \
    > bench/serve-512m.log 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    curl -fs localhost:7079/health >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || { echo "kb serve stopped:"; tail -n 5 bench/serve-512m.log; exit 1; }
    sleep 1
  done
  ok=0
  for q in sidecar kubectl "virtual service" ingress runAsNonRoot gateway helm mtls; do
    curl -fs "localhost:7079/api/v1/search?course=bench&q=$(printf %s "$q" | sed 's/ /%20/g')" >/dev/null && ok=$((ok + 1))
  done
  if command -v wrk >/dev/null 2>&1; then   # sustained load, computing every answer (Debian package wrk)
    wrk -t2 -c32 -d20s -H "Cache-Control: no-cache" "http://localhost:7079/api/v1/search?course=bench&q=sidecar%20injection" \
      | grep -E "Latency|Requests/sec|Non-2xx|Socket errors" || true
  fi
  jpid="$(pgrep -f 'kb.jar serve --offline --port 7079' | head -n 1 || true)"
  heap="$(jcmd "$jpid" GC.heap_info 2>/dev/null | grep -Eo 'used [0-9]+K' | head -n 1 || true)"
  echo "served $ok/8 searches over $size documents with -Xmx512m (heap: ${heap:-unknown})"
fi
