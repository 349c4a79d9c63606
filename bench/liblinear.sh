#!/usr/bin/env bash
# LIBLINEAR on the same LIBSVM file, for the benchmark table:
#   bench/liblinear.sh DATA LAMBDA OUTDIR [TYPE]
# TYPE is LIBLINEAR's solver: 0 (default) L2-regularized logistic regression, Curvature's --model logistic; 2 the
# L2-loss (squared hinge) SVM, --model svm. Both are primal trust-region Newton.
# Runs Debian's `liblinear-train -s TYPE -c C` (single-threaded) once per stopping
# tolerance, with C = 1/(n LAMBDA) so that its objective is n times Curvature's, timing each process end to end.
# The run marked `load` uses a tolerance so loose that LIBLINEAR stops at its first gradient: its time stands for
# reading the file. Writes OUTDIR/runs.tsv (eps, seconds, model file) for
#   ./curvature benchmark ... --liblinear-runs OUTDIR/runs.tsv
# which evaluates each model with Curvature's objective and adds LIBLINEAR's row to the table.
set -euo pipefail
if [ $# -ne 3 ] && [ $# -ne 4 ]; then
  echo "usage: bench/liblinear.sh DATA LAMBDA OUTDIR [TYPE]   (LAMBDA may be a fraction such as 1/60000; TYPE 0 or 2)" >&2
  exit 2
fi
data=$1 lambda=$2 out=$3 type=${4:-0}
case "$type" in 0|2) ;; *) echo "TYPE must be 0 (logistic) or 2 (squared-hinge SVM), not $type" >&2; exit 2 ;; esac
if ! command -v liblinear-train >/dev/null; then
  echo "liblinear-train not found: apt-get install liblinear-tools" >&2
  exit 1
fi
[ -f "$data" ] || { echo "$data: no such file" >&2; exit 1; }
mkdir -p "$out"
rows=$(grep -c -v '^[[:space:]]*$' "$data")
c=$(awk -v n="$rows" "BEGIN { printf \"%.17g\", 1 / (n * ($lambda)) }")
echo "LIBLINEAR on $data: n = $rows, C = 1/(n lambda) = $c" >&2
tsv="$out/.runs.tsv.tmp"
printf '# eps\tseconds\tmodel\n' > "$tsv"
for eps in load 1e-1 1e-2 1e-3 1e-4 1e-5 1e-6; do
  e=$eps
  [ "$eps" = load ] && e=1e30
  model="liblinear-e$eps.model"
  start=$(date +%s.%N)
  liblinear-train -s "$type" -c "$c" -e "$e" -q "$data" "$out/$model"
  end=$(date +%s.%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  printf '%s\t%s\t%s\n' "$eps" "$seconds" "$model" >> "$tsv"
  echo "  -e $e: $seconds s" >&2
done
mv "$tsv" "$out/runs.tsv"
echo "wrote $out/runs.tsv" >&2
