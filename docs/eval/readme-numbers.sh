#!/usr/bin/env bash
# The README's metrics table: FID/KID (fmnist features) of the trained DCGAN, of its untrained
# (step-0) generator and of 10,000 real training images, each against the 10,000 test images.
# Usage: docs/eval/readme-numbers.sh RUN_DIR WORK_DIR   (RUN_DIR: a DCGAN run on fashion-mnist, seed 42)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
run="$1"; work="$2"
mkdir -p "$work/untrained"
jar="$(ls "$here"/target/gan4j-*.jar | head -n 1)"
# the untrained generator: the run's config, the weights G has before its first step
cp "$run/config.json" "$work/untrained/"
java -cp "$jar:$here/target/lib/*" "$here/docs/eval/InitialGenerator.java" "$work/untrained/generator.pt"
# 10,000 real training images, written by Python's standard library (a file from another tool)
python3 "$here/docs/eval/write_idx.py" /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz \
  "$work/fmnist-train-10k-idx3-ubyte" 10000
"$here/gan4j" eval --run "$run" --n 10000 --out "$work/dcgan.json"
"$here/gan4j" eval --run "$work/untrained" --n 10000 --out "$work/untrained.json"
"$here/gan4j" eval --samples "$work/fmnist-train-10k-idx3-ubyte" --dataset fashion-mnist --n 10000 --out "$work/real-train.json"
