#!/usr/bin/env bash
# A nightly training run as a scheduler (cron, an Airflow BashOperator, an Oozie shell action) runs it: train day
# DAY's model starting from the day before's, with its holdout scored into the report, checkpointing as it goes;
# evaluate it; publish it only when training converged. The exit code is train's, for the scheduler to act on:
#   0 published; 1 bad input (fix the data: retrying will not help); 2 bad usage; 3 not converged within max-iter
#   (model written, not published); 4 numerical failure; 5 cluster or file system failure (retry later: a rerun
#   resumes from the last checkpoint); 143 stopped by SIGTERM (rerun resumes too).
#
#   conf/nightly.sh DAY ROOT        e.g. conf/nightly.sh 2026-11-27 /data/ctr
#
# Layout under ROOT (a local folder here; on HDFS, use hdfs:// paths and `hdfs dfs -test/-mv` for the checks):
#   data/DAY/train.libsvm, data/DAY/holdout.libsvm   the day's data (or .csv / .parquet with the columns in config)
#   models/DAY/{model/,report.json,evaluation.json}  the day's run
#   checkpoints/DAY/                                 the solver's state while it runs
#   models/current                                   the published model's folder, one line
# Settings: the job config (NIGHTLY_CONFIG, default conf/nightly-train.json) holds what stays the same every night;
# the dated paths are flags. CURVATURE names the command (default: ./curvature; on a cluster, a wrapper around
# spark-submit ... curvature-jobs.jar).
set -uo pipefail
if [ $# -ne 2 ]; then
  sed -n '2,19p' "$0" >&2
  exit 2
fi
day=$1
root=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
curvature=${CURVATURE:-"$here/../curvature"}
config=${NIGHTLY_CONFIG:-"$here/nightly-train.json"}
previous=$(date -d "$day -1 day" +%F) || exit 2
run="$root/models/$day"

args=(train --config "$config" --data "$root/data/$day/train.libsvm" --validation "$root/data/$day/holdout.libsvm"
      --output "$run" --checkpoint-dir "$root/checkpoints/$day")
if [ -f "$root/checkpoints/$day/checkpoint.json" ]; then
  args+=(--resume)                                           # an earlier attempt tonight died: go on from it
elif [ -f "$root/models/$previous/model/model.json" ]; then
  args+=(--warm-start "$root/models/$previous/model")          # yesterday's model: a few iterations, not fifty
fi
if [ -f "$run/model/model.json" ]; then
  args+=(--overwrite)                                        # a rerun of tonight (an exit-3 model is not kept)
fi

"$curvature" "${args[@]}"
code=$?
if [ "$code" -ne 0 ]; then
  echo "nightly $day: train exited $code; nothing published" >&2
  exit "$code"
fi

"$curvature" evaluate --model "$run/model" --data "$root/data/$day/holdout.libsvm" \
  --output "$run/evaluation.json" || exit $?

# Publish: replace the pointer atomically (rename), so readers see yesterday's model or today's, never half of one.
echo "$run/model" > "$root/models/.current.tmp" && mv -f "$root/models/.current.tmp" "$root/models/current"
rm -rf "$root/checkpoints/$day"
echo "nightly $day: published $run/model"
