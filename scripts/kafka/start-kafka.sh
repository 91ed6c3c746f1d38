#!/usr/bin/env bash
# Starts a throwaway single-node Kafka broker (KRaft, no ZooKeeper) on 127.0.0.1 with a free port,
# waits until it accepts connections, and prints how to reach and stop it:
#   scripts/kafka/start-kafka.sh [data-dir]      # data dir defaults to a new temp dir
#   KAFKA_BROKERS=127.0.0.1:PORT  KAFKA_PID=PID  KAFKA_DIR=DIR
#   kill $KAFKA_PID                              # stop; rm -rf $KAFKA_DIR to forget it
# The jars come from fetch-kafka.sh (Maven Central, cached). Tests start their own broker through
# libs/transport/src/kafka/testing/kafka-test-broker.ts, which does the same from TypeScript.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="$("$here/fetch-kafka.sh")"
dir="${1:-$(mktemp -d -t chatbi-kafka-XXXXXX)}"
mkdir -p "$dir/data"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port="$(free_port)"
controller="$(free_port)"
cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
controller.quorum.voters=1@127.0.0.1:$controller
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=12
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=3000
auto.create.topics.enable=false
PROPS

java_opts=(-Xms256m -Xmx768m -Dlog4j.configuration="file:$here/log4j.properties" -cp "$home/libs/*")
java "${java_opts[@]}" kafka.tools.StorageTool format --ignore-formatted -t "$(node -e 'console.log(require("crypto").randomBytes(16).toString("base64url").slice(0,22).replace(/^-/,"A"))')" -c "$dir/server.properties" >/dev/null
nohup java "${java_opts[@]}" kafka.Kafka "$dir/server.properties" >"$dir/broker.log" 2>&1 &
pid=$!
echo "$pid" > "$dir/broker.pid"
for _ in $(seq 1 600); do
  if grep -q "Kafka Server started" "$dir/broker.log" 2>/dev/null; then
    echo "KAFKA_BROKERS=127.0.0.1:$port"
    echo "KAFKA_PID=$pid"
    echo "KAFKA_DIR=$dir"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { echo "the broker exited; its log:" >&2; tail -30 "$dir/broker.log" >&2; exit 1; }
  sleep 0.1
done
echo "the broker did not start within 60 s; its log is $dir/broker.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
