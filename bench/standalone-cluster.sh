#!/usr/bin/env bash
# A Spark standalone cluster on this machine (loopback), from the Spark jars Maven resolved for Curvature: one Master
# and two Workers as separate JVMs, and spark-submit of Curvature's application jar to it. CI runs exactly this
# (jobs/src/test/.../StandaloneClusterIT); the README's "Submit to a cluster" shows the same commands.
#
#   bench/standalone-cluster.sh start DIR             SPARK_HOME in DIR, Master and 2 Workers; their PIDs in DIR/pids
#   bench/standalone-cluster.sh submit DIR ARGS...    spark-submit jobs/target/curvature-jobs.jar ARGS (client mode)
#   bench/standalone-cluster.sh executors DIR         PIDs of the executors running now
#   bench/standalone-cluster.sh stop DIR              stop every process start started, by PID
#
# Settings (environment): CURVATURE_MASTER_PORT (7077), CURVATURE_WORKER_CORES (1), CURVATURE_WORKER_MEMORY (2g),
# CURVATURE_EXECUTOR_MEMORY (1g). Build first: mvn -B -DskipTests package.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  sed -n '2,14p' "$0" >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
port=${CURVATURE_MASTER_PORT:-7077}
master="spark://127.0.0.1:$port"
jar="$root/jobs/target/curvature-jobs.jar"
classpath_file="$root/jobs/target/classpath.txt"
mapfile -t java_options < <(grep -v '^#' "$root/conf/java-options" | grep -v '^[[:space:]]*$')

# Spark's scripts need a SPARK_HOME whose jars/ holds Spark: the jars Maven resolved (Curvature's own classes reach
# the executors in the application jar, not here).
spark_home() {
  local home="$dir/spark-home"
  if [ ! -d "$home/jars" ]; then
    mkdir -p "$home/jars" "$home/conf"
    tr ':' '\n' < "$classpath_file" | while read -r j || [ -n "$j" ]; do
      case "$j" in *.jar) ln -sf "$j" "$home/jars/" ;; esac
    done
  fi
  echo "$home"
}

# Waits until a log shows a line, or fails after 60 s.
wait_for() {
  local log=$1 pattern=$2
  for _ in $(seq 1 600); do
    grep -q "$pattern" "$log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$pattern' in $log:" >&2
  tail -20 "$log" >&2
  return 1
}

# The executors of this cluster: children of its Workers (lines 2 and 3 of DIR/pids), not of any other on the machine.
executors() {
  [ -f "$dir/pids" ] || return 0
  tail -n +2 "$dir/pids" | while read -r worker; do
    pgrep -P "$worker" -f 'CoarseGrainedExecutorBackend' || true
  done
}

case "$command" in
  start)
    home=$(spark_home)
    export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
    : > "$dir/pids"
    java -Xmx512m "${java_options[@]}" -cp "$home/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port 0 > "$dir/master.log" 2>&1 &
    echo $! >> "$dir/pids"
    wait_for "$dir/master.log" "I have been elected leader"
    for w in 1 2; do
      mkdir -p "$dir/worker-$w"
      java -Xmx512m "${java_options[@]}" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker "$master" \
        --host 127.0.0.1 --cores "${CURVATURE_WORKER_CORES:-1}" --memory "${CURVATURE_WORKER_MEMORY:-2g}" \
        --webui-port 0 --work-dir "$dir/worker-$w" > "$dir/worker-$w.log" 2>&1 &
      echo $! >> "$dir/pids"
    done
    for w in 1 2; do
      wait_for "$dir/worker-$w.log" "Successfully registered with master"
    done
    echo "$master"
    ;;
  submit)
    shift 2
    home=$(spark_home)
    export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
    executor_options="${java_options[*]}"
    exec java -Xmx2g "${java_options[@]}" -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
      -cp "$home/jars/*" org.apache.spark.deploy.SparkSubmit \
      --master "$master" --deploy-mode client --class io.curvature.jobs.CurvatureMain \
      --properties-file "$root/conf/cluster.conf" \
      --executor-memory "${CURVATURE_EXECUTOR_MEMORY:-1g}" \
      --conf "spark.executor.extraJavaOptions=$executor_options" \
      ${CURVATURE_SUBMIT_CONF:-} \
      "$jar" "$@"
    ;;
  executors)
    executors
    ;;
  stop)
    if [ -f "$dir/pids" ]; then
      # Executors are children of the Workers: stop them first, then the Workers and the Master.
      for pid in $(executors); do
        kill "$pid" 2>/dev/null || true
      done
      while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$dir/pids"
      sleep 1
      while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$dir/pids"
      rm -f "$dir/pids"
    fi
    ;;
  *)
    echo "unknown command '$command': start, submit, executors or stop" >&2
    exit 2
    ;;
esac
