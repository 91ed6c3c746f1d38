#!/usr/bin/env bash
# Fetches Apache Kafka's broker jars (kafka_2.13, see pom.xml) from Maven Central into a cache:
#   ${CHATBI_KAFKA_HOME:-~/.cache/chatbi/kafka-<version>}/libs
# Prints the cache directory. Does nothing when the jars are already there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
home="${CHATBI_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/chatbi/kafka-$version}"
if [ ! -f "$home/libs/.complete" ]; then
  command -v mvn >/dev/null || { echo "mvn is not installed (apt-get install -y maven)" >&2; exit 1; }
  rm -rf "$home/libs"
  mkdir -p "$home/libs"
  mvn -q -B -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$home/libs" >&2
  ls "$home/libs"/kafka_2.13-*.jar >/dev/null
  touch "$home/libs/.complete"
fi
echo "$home"
