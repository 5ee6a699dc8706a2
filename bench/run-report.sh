#!/usr/bin/env bash
# The benchmark report: builds bench/target/benchmarks.jar, runs a quick pass of every benchmark, the latency
# harness (one and several appending threads), the Kafka ship and mirror harnesses and the 10,000,000-entry memory
# check, and rewrites docs/benchmarks.md and docs/benchmarks-*.svg.
# About 40 minutes on a 2-core machine, after waiting (up to 10 minutes) for its CPUs to be idle.
# Usage: bench/run-report.sh [docs-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -cp bench/target/benchmarks.jar io.experienceledger.bench.Report "${1:-docs}"
