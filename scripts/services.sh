#!/usr/bin/env bash
# Starts / stops the external services the integration tests need:
#
#   PostgreSQL  127.0.0.1:5432  (user postgres, trust auth over TCP, database "test")
#   Redis       127.0.0.1:6379
#   RabbitMQ    127.0.0.1:5672  (guest/guest)
#   Kafka       127.0.0.1:9092  (Apache Kafka 4.x, KRaft, single combined broker+controller,
#                                jars resolved from Maven Central via scripts/kafka/pom.xml)
#
#   Chromium    /usr/bin/chromium and /usr/bin/chromedriver (Debian packages, installed if absent;
#               the console's browser test starts its own headless browser)
#
# Usage: scripts/services.sh start|stop|status
#        scripts/services.sh kafka-tool <main-class> [args...]   (run a Kafka CLI class, e.g.
#            org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list)
#
# A service whose port already answers is left alone. Only services this script started are
# recorded in target/services/started.txt, and "stop" stops exactly those, then removes the file.
# Targets a fresh Debian 12 machine (root): missing packages are installed with apt-get.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/target/services"
STATE_FILE="$STATE_DIR/started.txt"
KAFKA_DIR="$ROOT/target/kafka"
KAFKA_POM="$ROOT/scripts/kafka/pom.xml"
KAFKA_CP_FILE="$KAFKA_DIR/classpath.txt"
KAFKA_CP_STAMP="$KAFKA_DIR/classpath.pom.sha256"

# Seconds to wait for each service to come up.
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-60}"
RABBIT_WAIT_SECONDS="${SERVICES_RABBIT_WAIT_SECONDS:-90}"

log() { echo "[services] $*"; }
die() { echo "[services] ERROR: $*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; please install: $*"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -q
    APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  $SUDO apt-get install -y -q --no-install-recommends "$@"
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1
}

# wait_port <port> <service-name> <seconds> [pid-that-must-stay-alive]
wait_port() {
  local port="$1" name="$2" secs="$3" pid="${4:-}" i
  for ((i = 0; i < secs; i++)); do
    if port_open "$port"; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "[services] ERROR: $name (pid $pid) exited before 127.0.0.1:$port answered" >&2
      return 1
    fi
    sleep 1
  done
  echo "[services] ERROR: $name did not come up on 127.0.0.1:$port within ${secs}s" >&2
  return 1
}

record() {
  mkdir -p "$STATE_DIR"
  echo "$*" >>"$STATE_FILE"
}

unrecord() {
  [ -f "$STATE_FILE" ] || return 0
  local tmp="$STATE_FILE.tmp"
  grep -v -E "^$1( |\$)" "$STATE_FILE" >"$tmp" || true
  mv "$tmp" "$STATE_FILE"
}

recorded() {
  [ -f "$STATE_FILE" ] && grep -q -E "^$1( |\$)" "$STATE_FILE"
}

ensure_java_maven() {
  if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
    apt_install openjdk-17-jdk-headless maven
  fi
}

# The console's browser test (ConsoleBrowserIT) drives Debian's headless Chromium through the
# system chromedriver. Nothing to start or stop: only installed when absent.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
  fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
pg_version() {
  ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1
}

pg_allow_trust() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  [ -f "$hba" ] || die "postgresql: $hba not found"
  if grep -q -E '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba" \
     && [ "$(grep -E '^[[:space:]]*host' "$hba" | head -n 1 | awk '{print $4" "$5}')" = "127.0.0.1/32 trust" ]; then
    return 0
  fi
  log "postgresql: allowing trust auth for 127.0.0.1 and ::1 in $hba"
  local tmp
  tmp="$(mktemp)"
  {
    echo "# Added by scripts/services.sh (test environment): trust local TCP connections"
    echo "host    all             all             127.0.0.1/32            trust"
    echo "host    all             all             ::1/128                 trust"
    cat "$hba"
  } >"$tmp"
  cat "$tmp" >"$hba"   # keep owner/permissions of the original file
  rm -f "$tmp"
}

pg_ensure_test_db() {
  local strict="$1"
  if ! command -v psql >/dev/null 2>&1; then
    [ "$strict" = 1 ] && die "postgresql: psql not found"
    log "postgresql: psql not found, cannot check database 'test'"; return 0
  fi
  local exists
  if ! exists="$(PGCONNECT_TIMEOUT=5 psql -w -U postgres -h 127.0.0.1 -d postgres -tAc "select 1 from pg_database where datname = 'test'" 2>&1)"; then
    [ "$strict" = 1 ] && die "postgresql: cannot connect as postgres@127.0.0.1: $exists"
    log "postgresql: WARNING cannot connect as postgres@127.0.0.1 ($exists); not checking database 'test'"
    return 0
  fi
  if [ "$exists" != "1" ]; then
    log "postgresql: creating database 'test'"
    PGCONNECT_TIMEOUT=5 psql -w -U postgres -h 127.0.0.1 -d postgres -q -c 'create database test'
  fi
}

start_postgres() {
  if port_open 5432; then
    log "postgresql: 127.0.0.1:5432 already answers, leaving it alone"
    pg_ensure_test_db 0
    return 0
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(pg_version)" ]; then
    apt_install postgresql
  fi
  local ver
  ver="$(pg_version)"
  [ -n "$ver" ] || die "postgresql: no cluster found under /etc/postgresql"
  pg_allow_trust "$ver"
  if port_open 5432; then
    # the package's postinst started it: make it pick up the pg_hba.conf change
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main reload || log "postgresql: WARNING reload failed"
  else
    log "postgresql: starting cluster $ver/main"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start || log "postgresql: WARNING pg_ctlcluster start failed"
  fi
  record "postgresql $ver"
  wait_port 5432 postgresql "$WAIT_SECONDS" || die "postgresql failed to start (see /var/log/postgresql/)"
  pg_ensure_test_db 1
  log "postgresql: up on 127.0.0.1:5432 (started by us)"
}

stop_postgres() {
  local ver="${1:-$(pg_version)}"
  log "postgresql: stopping cluster $ver/main"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main stop || log "postgresql: WARNING stop failed"
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------
start_redis() {
  if port_open 6379; then
    log "redis: 127.0.0.1:6379 already answers, leaving it alone"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server
  fi
  if ! port_open 6379; then
    log "redis: starting redis-server"
    $SUDO mkdir -p /var/lib/redis /var/log/redis
    $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log </dev/null || log "redis: WARNING redis-server failed"
  fi
  record redis
  wait_port 6379 redis "$WAIT_SECONDS" || die "redis failed to start (see /var/log/redis/ci.log)"
  log "redis: up on 127.0.0.1:6379 (started by us)"
}

stop_redis() {
  log "redis: shutting down"
  redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
  local i
  for ((i = 0; i < 20; i++)); do port_open 6379 || return 0; sleep 0.5; done
  log "redis: WARNING still answering on 6379"
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------------------------
start_rabbitmq() {
  if port_open 5672; then
    log "rabbitmq: 127.0.0.1:5672 already answers, leaving it alone"
    return 0
  fi
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    apt_install rabbitmq-server
  fi
  if ! port_open 5672; then
    log "rabbitmq: starting rabbitmq-server -detached (can take ~20 s)"
    mkdir -p "$STATE_DIR"
    $SUDO rabbitmq-server -detached </dev/null >>"$STATE_DIR/rabbitmq-start.log" 2>&1 \
      || log "rabbitmq: WARNING rabbitmq-server -detached failed"
  fi
  record rabbitmq
  wait_port 5672 rabbitmq "$RABBIT_WAIT_SECONDS" \
    || die "rabbitmq failed to start (see /var/log/rabbitmq/ and $STATE_DIR/rabbitmq-start.log)"
  log "rabbitmq: up on 127.0.0.1:5672 (started by us)"
}

stop_rabbitmq() {
  log "rabbitmq: stopping"
  $SUDO rabbitmqctl stop >/dev/null 2>&1 || log "rabbitmq: WARNING rabbitmqctl stop failed"
}

# ---------------------------------------------------------------------------------------------
# Kafka (KRaft, single node, from Maven Central jars)
# ---------------------------------------------------------------------------------------------
java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# Resolves (downloading on first use) the Kafka runtime classpath; cached until the pom changes.
kafka_classpath() {
  mkdir -p "$KAFKA_DIR"
  local sum cp ok=1 jar
  sum="$(sha256sum "$KAFKA_POM" | awk '{print $1}')"
  if [ -s "$KAFKA_CP_FILE" ] && [ "$(cat "$KAFKA_CP_STAMP" 2>/dev/null)" = "$sum" ]; then
    cp="$(cat "$KAFKA_CP_FILE")"
    while read -r jar || [ -n "$jar" ]; do
      [ -z "$jar" ] || [ -f "$jar" ] || { ok=0; break; }
    done < <(tr ':' '\n' <"$KAFKA_CP_FILE")
    if [ "$ok" = 1 ]; then echo "$cp"; return 0; fi
  fi
  log "kafka: resolving Kafka jars from Maven Central (scripts/kafka/pom.xml)" >&2
  rm -f "$KAFKA_CP_FILE" "$KAFKA_CP_STAMP"
  if ! mvn -B -q -ntp -Dstyle.color=never -f "$KAFKA_POM" dependency:build-classpath \
        -Dmdep.includeScope=runtime -Dmdep.outputFile="$KAFKA_CP_FILE" >"$KAFKA_DIR/mvn-classpath.log" 2>&1 \
     || [ ! -s "$KAFKA_CP_FILE" ]; then
    cat "$KAFKA_DIR/mvn-classpath.log" >&2
    die "kafka: could not resolve the Kafka classpath with Maven"
  fi
  echo "$sum" >"$KAFKA_CP_STAMP"
  cat "$KAFKA_CP_FILE"
}

write_kafka_config() {
  local data="$KAFKA_DIR/data" logs="$KAFKA_DIR/logs"
  cat >"$KAFKA_DIR/server.properties" <<EOF
# Generated by scripts/services.sh - single-node KRaft broker for tests.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  cat >"$KAFKA_DIR/log4j2.properties" <<EOF
# Generated by scripts/services.sh - broker logs go to $logs/server.log
status = warn
name = KafkaTestBroker
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $logs/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.controller.name = org.apache.kafka.controller
logger.controller.level = INFO
EOF
  cat >"$KAFKA_DIR/tools-log4j2.properties" <<'EOF'
# Generated by scripts/services.sh - logging for Kafka CLI tools (warnings to stderr)
status = warn
name = KafkaTools
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
EOF
}

# Kafka cluster ids are 16 random bytes, base64url without padding (as Uuid.randomUuid(),
# which also avoids a leading '-'); generated here to save a JVM start of "StorageTool random-uuid".
kafka_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c 1-22)"
    case "$id" in -*) ;; *) echo "$id"; return 0 ;; esac
  done
}

# True if $1 is the pid of the Kafka broker this script launched.
is_our_kafka() {
  local pid="$1"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] \
    && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -F "kafka.Kafka $KAFKA_DIR/server.properties"
}

start_kafka() {
  if port_open 9092; then
    log "kafka: 127.0.0.1:9092 already answers, leaving it alone"
    return 0
  fi
  # A broker of ours that is recorded but not answering (e.g. hung) is replaced.
  if recorded kafka; then
    stop_kafka "$(grep -E '^kafka ' "$STATE_FILE" | head -n 1 | awk '{print $2}')"
    unrecord kafka
  fi
  if port_open 9093; then
    die "kafka: 127.0.0.1:9093 (KRaft controller port) is already in use by another process"
  fi
  local t0=$SECONDS cp java
  cp="$(kafka_classpath)"
  java="$(java_bin)"
  rm -rf "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  write_kafka_config

  local cluster_id
  cluster_id="$(kafka_cluster_id)"
  log "kafka: formatting KRaft storage (cluster id $cluster_id)"
  if ! "$java" -Xmx256m -Dlog4j2.configurationFile="file:$KAFKA_DIR/tools-log4j2.properties" -cp "$cp" \
        kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
        >"$KAFKA_DIR/logs/format.log" 2>&1; then
    cat "$KAFKA_DIR/logs/format.log" >&2
    die "kafka: storage format failed"
  fi

  log "kafka: starting broker (logs: $KAFKA_DIR/logs/server.log)"
  nohup "$java" -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="file:$KAFKA_DIR/log4j2.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs" \
    -cp "$cp" kafka.Kafka "$KAFKA_DIR/server.properties" \
    </dev/null >>"$KAFKA_DIR/logs/kafka.out" 2>&1 &
  local pid=$!
  echo "$pid" >"$KAFKA_DIR/kafka.pid"
  record "kafka $pid"

  local i ready=0
  for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if grep -q -F "Kafka Server started" "$KAFKA_DIR/logs/server.log" 2>/dev/null && port_open 9092; then
      ready=1; break
    fi
    sleep 0.5
  done
  if [ "$ready" != 1 ]; then
    if kill -0 "$pid" 2>/dev/null; then
      echo "[services] ERROR: kafka did not become ready on 127.0.0.1:9092 within ${WAIT_SECONDS}s; last log lines:" >&2
    else
      echo "[services] ERROR: kafka broker exited during startup; last log lines:" >&2
    fi
    tail -n 40 "$KAFKA_DIR/logs/server.log" "$KAFKA_DIR/logs/kafka.out" >&2 2>/dev/null || true
    stop_kafka "$pid"
    unrecord kafka
    exit 1
  fi
  log "kafka: up on 127.0.0.1:9092 (pid $pid, started by us in $((SECONDS - t0))s)"
}

# True while process $1 exists and is not a zombie.
pid_alive() {
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

stop_kafka() {
  local pid="${1:-}"
  if ! is_our_kafka "$pid"; then
    log "kafka: pid ${pid:-?} is not running (or is not our broker), nothing to stop"
    return 0
  fi
  log "kafka: stopping broker (pid $pid)"
  kill "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 60; i++)); do
    pid_alive "$pid" || { log "kafka: stopped"; return 0; }
    sleep 0.5
  done
  log "kafka: still running after 30s, sending SIGKILL"
  kill -9 "$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do pid_alive "$pid" || return 0; sleep 0.5; done
  log "kafka: WARNING pid $pid did not exit"
}

kafka_tool() {
  [ "$#" -ge 1 ] || die "usage: $0 kafka-tool <main-class> [args...]"
  local cp
  cp="$(kafka_classpath)"
  mkdir -p "$KAFKA_DIR"
  [ -f "$KAFKA_DIR/tools-log4j2.properties" ] || write_kafka_config
  exec "$(java_bin)" -Xmx256m -Dlog4j2.configurationFile="file:$KAFKA_DIR/tools-log4j2.properties" -cp "$cp" "$@"
}

# ---------------------------------------------------------------------------------------------
cmd_start() {
  local t0=$SECONDS
  ensure_java_maven
  ensure_chromium
  start_postgres
  start_redis
  start_rabbitmq
  start_kafka
  log "all services up ($((SECONDS - t0))s)"
}

cmd_stop() {
  if [ ! -f "$STATE_FILE" ]; then
    log "nothing was started by this script, nothing to stop"
    return 0
  fi
  local name arg
  # The list is read on fd 3: rabbitmqctl and friends read stdin and would swallow the rest of it.
  while read -r name arg <&3; do
    case "$name" in
      kafka) stop_kafka "$arg" ;;
      postgresql) stop_postgres "$arg" ;;
      redis) stop_redis ;;
      rabbitmq) stop_rabbitmq ;;
      "") ;;
      *) log "WARNING unknown entry in $STATE_FILE: $name" ;;
    esac
  done 3< <(tac "$STATE_FILE")
  rm -f "$STATE_FILE"
  log "stopped everything this script had started"
}

cmd_status() {
  local entry
  for entry in postgresql:5432 redis:6379 rabbitmq:5672 kafka:9092; do
    if port_open "${entry#*:}"; then echo "${entry%%:*}: up (127.0.0.1:${entry#*:})"
    else echo "${entry%%:*}: down (127.0.0.1:${entry#*:})"; fi
  done
  if [ -f "$STATE_FILE" ]; then echo "started by this script:"; sed 's/^/  /' "$STATE_FILE"; fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kafka-tool) shift; kafka_tool "$@" ;;
  *) echo "usage: $0 start|stop|status|kafka-tool <main-class> [args...]" >&2; exit 2 ;;
esac
