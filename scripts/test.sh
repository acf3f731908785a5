#!/usr/bin/env bash
# The project's single test command: starts the external services the integration tests need
# (PostgreSQL, Redis, RabbitMQ, Kafka - see scripts/services.sh), runs the full Maven build with
# all tests, and stops again whatever services it started. Extra arguments go to Maven, e.g.
#   scripts/test.sh -pl eventbus-core -am
# Exits with Maven's exit code.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

cleanup() {
  echo
  echo "==> [test.sh] stopping services started for this run"
  "$ROOT/scripts/services.sh" stop || echo "==> [test.sh] WARNING: scripts/services.sh stop failed" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> [test.sh] starting services (PostgreSQL, Redis, RabbitMQ, Kafka)"
"$ROOT/scripts/services.sh" start

echo "==> [test.sh] running: mvn -B -ntp verify $*"
set +e
mvn -B -ntp verify "$@"
rc=$?
set -e

echo   # maven may leave the cursor mid-line (trailing colour reset)
echo "==> [test.sh] maven finished with exit code $rc"
exit "$rc"
