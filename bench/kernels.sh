#!/usr/bin/env bash
# JMH micro-benchmarks of the executor kernels, alone (no Spark): value+gradient, with the fused diagonal, the
# Hessian-vector product, the sample Gram matrix and the explicit Hessian, on one Fashion-MNIST-shaped block, float64
# and float32; the driver's Cholesky (KERNELS=CholeskyBenchmark: blocked on the Vector API against F2J's dpotrf); the
# LIBSVM parser (KERNELS=LibsvmParserBenchmark: its one-pass reading of common lines against its careful one).
#   bench/kernels.sh [JMH options]      e.g. bench/kernels.sh -wi 2 -i 3
#   KERNELS=KernelBenchmark.sampleGram bench/kernels.sh ...   one of them (a JMH regex)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mvn -B -q -pl workers -am install -DskipTests >&2
mvn -B -q -pl workers dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2
cp="workers/target/test-classes:workers/target/classes:$(cat workers/target/test-classpath.txt)"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
exec java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main "${KERNELS:-KernelBenchmark}" "$@"
