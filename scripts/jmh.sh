#!/usr/bin/env bash
# Runs the JMH micro-benchmarks in load-tests/src/main/java/io/pulse/loadtest/jmh after building them;
# arguments go to JMH, e.g.  scripts/jmh.sh SketchBenchmark   or   scripts/jmh.sh SketchBenchmark -p held=1000000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAVA_HOME="$("$ROOT/scripts/find-jdk.sh" 21)"
export JAVA_HOME
"$ROOT/mvnw" -B -ntp -q -f "$ROOT/pom.xml" -pl load-tests -am install -DskipTests
exec "$JAVA_HOME/bin/java" -cp "$ROOT/load-tests/target/classes:$(cat "$ROOT/load-tests/target/bench-classpath.txt")" \
  org.openjdk.jmh.Main "$@"
