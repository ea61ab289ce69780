#!/usr/bin/env bash
# JMH benchmarks of the in-process hot paths (analysis, query building, highlighting, a whole search).
#   bench/jmh.sh [JMH options, e.g. -p query=sidecar -f 1]      KB_BENCH_COURSE=path/to/course to use a real course
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
course="${KB_BENCH_COURSE:-src/test/resources/courses/fixture-course}"
exec java -Dkb.bench.course="$course" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.openjdk.jmh.Main "$@"
