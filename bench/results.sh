#!/usr/bin/env bash
# The commands behind the README's "Results", one section per table:
#   bench/results.sh SECTION...     SECTION: binary cold enet enet-std multi linear warm diagnose cluster subsampled tall wide
#                                    blas (or all: every one but blas, which needs OpenBLAS installed)
# Each writes under work/results/SECTION/ and prints its table's inputs; run on a quiet machine, nothing else
# building. Needs the Fashion-MNIST files (./curvature generate --fashion-mnist --output work/data), liblinear-tools
# and r-cran-glmnet for the peers, and about 20 GB of memory for the largest runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=work/results
train=work/data/fmnist-train.binary.libsvm
multi=work/data/fmnist-train.multi.libsvm
mkdir -p "$out"

# Seconds of wall time of a command (its output to a log).
wall() {
  local log=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" > "$log" 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

fit_seconds() {   # the fit's seconds from a train report
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["fitSeconds"], r["iterations"], r["passes"], r["status"])' "$1"
}

binary() {
  bench/liblinear.sh "$train" 1/60000 "$out/binary/liblinear"
  ./curvature benchmark --data "$train" --reg-param 1/60000 --solvers tron,newton-cg,lbfgs,newton,auto,mllib \
    --float32 tron --liblinear-runs "$out/binary/liblinear/runs.tsv" --output "$out/binary/bench"
}

# The cold train job as users run it, interleaved with LIBLINEAR's cold process, five times each. LIBLINEAR runs at
# -e 1e-4, the first tolerance of its decade grid whose model reaches gap 1e-6, and at a tolerance so loose that it
# stops at its first gradient (its reading). Curvature runs at --tol 1e-6 and at 1e-4 (by the same rule, its first
# decade tolerance that reaches gap 1e-6). Its fit to gap 1e-6 is read from the report's history, the gap against
# the objective of an untimed --tol 1e-9 run. Medians in the README.
cold() {
  mkdir -p "$out/cold"
  local c fstar
  c=$(awk 'BEGIN { printf "%.17g", 1 / (60000 * (1/60000)) }')
  ./curvature train --data "$train" --solver tron --reg-param 1/60000 --tol 1e-9 --overwrite \
    --output "$out/cold/reference" > "$out/cold/reference.log" 2>&1
  fstar=$(python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))["objective"]))' \
    "$out/cold/reference/report.json")
  printf 'run\ttol\tcurvature_wall\tload\tfit\tfit_to_gap_1e-6\tgap\titerations\tpasses\tliblinear_wall\tliblinear_reading\n' \
    > "$out/cold/runs.tsv"
  for i in 1 2 3 4 5; do
    local cw6 cw4 lw lr
    cw6=$(wall "$out/cold/train-1e-6-$i.log" ./curvature train --data "$train" --solver tron --reg-param 1/60000 \
      --tol 1e-6 --overwrite --output "$out/cold/tron-1e-6")
    lw=$(wall "$out/cold/liblinear-$i.log" liblinear-train -s 0 -c "$c" -e 1e-4 "$train" "$out/cold/liblinear.model")
    cw4=$(wall "$out/cold/train-1e-4-$i.log" ./curvature train --data "$train" --solver tron --reg-param 1/60000 \
      --tol 1e-4 --overwrite --output "$out/cold/tron-1e-4")
    lr=$(wall "$out/cold/liblinear-load-$i.log" liblinear-train -s 0 -c "$c" -e 1e30 "$train" \
      "$out/cold/liblinear-load.model")
    for tol in 1e-6 1e-4; do
      local w=$cw6
      [ "$tol" = 1e-4 ] && w=$cw4
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$tol" "$w" \
        "$(cold_fit "$out/cold/tron-$tol/report.json" "$fstar")" "$lw" "$lr" | tee -a "$out/cold/runs.tsv"
    done
  done
}

# load, fit, fit to relative gap 1e-6 (the first iteration at or below it, from the history), final gap, iterations,
# passes of a train report, tab-separated; FSTAR is the reference objective
cold_fit() {
  python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
fstar = float(sys.argv[2])
gap = lambda f: (f - fstar) / abs(fstar)
reached = [h["seconds"] for h in r["history"] if gap(h["objective"]) <= 1e-6]
print("\t".join([f'{r["loadSeconds"]:.2f}', f'{r["fitSeconds"]:.2f}',
                 f'{reached[0]:.2f}' if reached else "not reached", f'{gap(r["objective"]):.1e}',
                 str(r["iterations"]), str(r["passes"])]))
PY
}

# Elastic net on binary Fashion-MNIST as the issue states it: alpha 0.5, lambda 1e-4, no intercept, against MLlib's
# OWL-QN and glmnet (R) at two convergence thresholds.
enet() {
  mkdir -p "$out/enet"
  ./curvature benchmark --data "$train" --reg-param 1e-4 --elastic-net 0.5 --solvers prox-newton,auto,owlqn,mllib \
    --max-iter 1000 --output "$out/enet/bench"
  for thresh in 1e-7 1e-9; do
    Rscript bench/glmnet.R "$train" 0.5 1e-4 "$thresh" | tee -a "$out/enet/glmnet.tsv"
  done
}

# Standardized elastic net (every Spark ML estimator's default): the benchmark against MLlib's OWL-QN with
# standardization on, then cold train jobs at lambda 1e-2, 1e-4 and 1e-6, each with and without --standardize and
# --fit-intercept, prox-newton to the default tolerance (one line each: iterations, passes, status, fit seconds).
enet_std() {
  mkdir -p "$out/enet-std"
  ./curvature benchmark --data "$train" --reg-param 1e-4 --elastic-net 0.5 --standardize \
    --solvers prox-newton,auto,mllib --max-iter 1000 --output "$out/enet-std/bench"
  for lambda in 1e-2 1e-4 1e-6; do
    for intercept in "" --fit-intercept; do
      for standardize in "" --standardize; do
        ./curvature train --data "$train" --reg-param "$lambda" --elastic-net 0.5 --solver prox-newton --max-iter 300 \
          $intercept $standardize --output "$out/enet-std/run" --overwrite --quiet > /dev/null || true
        python3 -c "import json, sys; r = json.load(open(sys.argv[1])); print(sys.argv[2], r['iterations'],
          r['passes'], r['status'], round(r['fitSeconds'], 2), sep='\t')" "$out/enet-std/run/report.json" \
          "lambda=$lambda ${intercept:-no-intercept} ${standardize:-unstandardized}" | tee -a "$out/enet-std/cold.tsv"
      done
    done
  done
}

multi() {
  # f* given (tron to relative gradient 1e-6 in an earlier run) instead of a reference solve of several minutes;
  # MLlib gets 300 iterations (about 3 minutes): the table compares the time each needs to MLlib's final gap.
  ./curvature benchmark --data "$multi" --model multinomial --reg-param 1/60000 --solvers tron,mllib \
    --f-star 0.365667845018 --max-iter 300 --output "$out/multi/bench"
}

# Sub-sampled Hessian Newton-CG against the exact Newton-CG and tron: binary (CG well preconditioned, few CG steps)
# and 10 classes (diagonal preconditioner, many CG steps, where a tenth of a pass per step pays), time to gap 1e-6.
subsampled() {
  ./curvature benchmark --data "$train" --reg-param 1/60000 --solvers tron,newton-cg,subsampled-newton-cg \
    --output "$out/subsampled/binary"
  ./curvature benchmark --data "$multi" --model multinomial --reg-param 1/60000 \
    --solvers subsampled-newton-cg,tron --f-star 0.365667845018 --output "$out/subsampled/multi"
  [ -e work/data/day1 ] || ./curvature generate --rows 1000000 --features 100000 --nnz-per-row 20 --parts 2 \
    --output work/data/day1
  ./curvature benchmark --data work/data/day1 --reg-param 1e-6 --solvers tron,newton-cg,subsampled-newton-cg,lbfgs \
    --output "$out/subsampled/generated"
}

# Least squares, dense and sparse, against MLlib's LinearRegression: both of its solvers on the dense set (normal
# equations need d <= 4096), l-bfgs on the wide sparse one.
linear() {
  mkdir -p "$out/linear"
  [ -e work/data/linear-dense ] || ./curvature generate --model linear --rows 50000 --features 1000 \
    --nnz-per-row 1000 --parts 2 --output work/data/linear-dense
  [ -e work/data/linear-sparse ] || ./curvature generate --model linear --rows 1000000 --features 100000 \
    --nnz-per-row 20 --parts 2 --output work/data/linear-sparse
  for solver in normal l-bfgs; do
    ./curvature benchmark --data work/data/linear-dense --model linear --reg-param 1e-4 --fit-intercept \
      --mllib-solver "$solver" --solvers auto,tron,mllib --output "$out/linear/dense-$solver"
  done
  ./curvature benchmark --data work/data/linear-sparse --model linear --reg-param 1e-6 --fit-intercept \
    --mllib-solver l-bfgs --solvers auto,tron,lbfgs,mllib --output "$out/linear/sparse-l-bfgs"
}

# Day over day: yesterday's rows plus 5% new ones (row i depends only on the seed and i), today's model trained cold
# and warm-started from yesterday's.
warm() {
  mkdir -p "$out/warm"
  [ -e work/data/day1 ] || ./curvature generate --rows 1000000 --features 100000 --nnz-per-row 20 --parts 2 \
    --output work/data/day1
  [ -e work/data/day2 ] || ./curvature generate --rows 1050000 --features 100000 --nnz-per-row 20 --parts 2 \
    --output work/data/day2
  for solver in ${WARM_SOLVERS:-tron lbfgs}; do
    ./curvature train --data work/data/day1 --num-features 100000 --reg-param 1e-6 --solver "$solver" --quiet \
      --overwrite --output "$out/warm/day1-$solver" > "$out/warm/day1-$solver.log" 2>&1
    ./curvature train --data work/data/day2 --num-features 100000 --reg-param 1e-6 --solver "$solver" --quiet \
      --overwrite --output "$out/warm/day2-cold-$solver" > "$out/warm/day2-cold-$solver.log" 2>&1
    ./curvature train --data work/data/day2 --num-features 100000 --reg-param 1e-6 --solver "$solver" --quiet \
      --warm-start "$out/warm/day1-$solver/model" --overwrite --output "$out/warm/day2-warm-$solver" \
      > "$out/warm/day2-warm-$solver.log" 2>&1
    for run in day1 day2-cold day2-warm; do
      printf '%s\t%s\t%s\n' "$solver" "$run" "$(fit_seconds "$out/warm/$run-$solver/report.json")" \
        | tee -a "$out/warm/runs.tsv"
    done
  done
}

# The curvature at the binary model of the cold runs, and at the 10-class one (30 Lanczos steps each).
diagnose() {
  mkdir -p "$out/diagnose"
  [ -e "$out/cold/tron/model" ] || cold
  ./curvature diagnose --model "$out/cold/tron/model" --data "$train" --steps 30 \
    --output "$out/diagnose/binary.json" > "$out/diagnose/binary.log" 2>&1
  if [ -e "$out/multi/tron/model" ]; then
    ./curvature diagnose --model "$out/multi/tron/model" --data "$multi" --steps 30 \
      --output "$out/diagnose/multi.json" > "$out/diagnose/multi.log" 2>&1
  fi
  cat "$out/diagnose/"*.log
}

# Sparse sets against LIBLINEAR and MLlib: a tall click-log-like set (4,000,000 x 100,000, 25 binary Zipf-popular
# features a row, 100 million nonzeros, lambda = 1/n) and a wide one (100,000 x 1,000,000, 20 nonzeros a row,
# lambda = 1e-5). LIBLINEAR reads each file once per tolerance (the tall file takes it 25 s).
tall() {
  mkdir -p "$out/tall"
  [ -e work/data/tall-4m.libsvm ] || ./curvature generate --rows 4000000 --features 100000 --nnz-per-row 25 --binary \
    --output work/data/tall-4m.libsvm
  bench/liblinear.sh work/data/tall-4m.libsvm 1/4000000 "$out/tall/liblinear"
  CURVATURE_DRIVER_MEMORY=20g ./curvature benchmark --data work/data/tall-4m.libsvm --reg-param 1/4000000 \
    --solvers tron,newton-cg,lbfgs,auto,mllib --max-iter 300 --liblinear-runs "$out/tall/liblinear/runs.tsv" \
    --output "$out/tall/bench"
}

wide() {
  mkdir -p "$out/wide"
  [ -e work/data/wide-1e5.libsvm ] || ./curvature generate --rows 100000 --features 1000000 --nnz-per-row 20 \
    --output work/data/wide-1e5.libsvm
  bench/liblinear.sh work/data/wide-1e5.libsvm 1/100000 "$out/wide/liblinear"
  ./curvature benchmark --data work/data/wide-1e5.libsvm --reg-param 1/100000 --solvers tron,newton-cg,lbfgs,auto,mllib \
    --liblinear-runs "$out/wide/liblinear/runs.tsv" --output "$out/wide/bench"
}

# The JVM kernels (netlib's VectorBLAS under the Gram's dgemm panels, F2J LAPACK for the Cholesky) against OpenBLAS
# on the same machine, one after the other: needs Debian's libopenblas0-pthread installed (its libblas.so.3 is put
# first with LD_LIBRARY_PATH, whatever the alternatives say); -Dcurvature.blas=java keeps the kernels on the JVM.
blas() {
  local openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread
  [ -e "$openblas/libblas.so.3" ] || { echo "blas: apt-get install libopenblas0-pthread first" >&2; return 1; }
  mkdir -p "$out/blas"
  for i in 1 2; do
    LD_LIBRARY_PATH="$openblas" ./curvature benchmark --data "$train" --reg-param 1/60000 --solvers tron,newton,auto \
      --f-star 0.090495652101453050 --output "$out/blas/openblas-$i"
    LD_LIBRARY_PATH="$openblas" JAVA_OPTS="-Dcurvature.blas=java" ./curvature benchmark --data "$train" \
      --reg-param 1/60000 --solvers tron,newton,auto --f-star 0.090495652101453050 --output "$out/blas/java-$i"
  done
}

# Pass costs on a standalone cluster (Master + 2 Workers of 1 core on this machine) against local[2].
cluster() {
  mkdir -p "$out/cluster"
  ./curvature benchmark --data "$train" --reg-param 1/60000 --profile-only --master 'local[2]' \
    --output "$out/cluster/local"
  trap 'bench/standalone-cluster.sh stop "$out/cluster/spark"' EXIT
  bench/standalone-cluster.sh start "$out/cluster/spark"
  bench/standalone-cluster.sh submit "$out/cluster/spark" benchmark \
    --data "$(pwd)/$train" --reg-param 1/60000 --profile-only --output "$(pwd)/$out/cluster/standalone"
  bench/standalone-cluster.sh stop "$out/cluster/spark"
  trap - EXIT
}

[ $# -gt 0 ] || { echo "usage: bench/results.sh {binary|cold|enet|enet-std|multi|linear|warm|diagnose|cluster|subsampled|tall|wide|blas|all}..." >&2; exit 2; }
for section in "$@"; do
  if [ "$section" = all ]; then
    set -- binary cold enet enet_std multi linear warm diagnose cluster subsampled tall wide
    for s in "$@"; do "$s"; done
    break
  fi
  case "$section" in
    binary|cold|enet|multi|linear|warm|diagnose|cluster|subsampled|tall|wide|blas) "$section" ;;
    enet-std) enet_std ;;
    *) echo "unknown section $section" >&2; exit 2 ;;
  esac
done
