#!/usr/bin/env bash
# Makes the example runs the window opens at start, shipped in sample-data/runs/: each is the real output of one of
# the program's quick presets, made by its own command line. Run it again after changing a preset:
#
#     mvn -B -q package -DskipTests && tools/make-example-runs.sh [PRESET ...]
#
# With no argument it makes the default examples below. Each run replaces the folder of the same name. To keep the
# repository small, only what the window shows is kept of kernels/: each network's last probe kernel (the heatmap's)
# and the probe labels; the .lock, checkpoints/ and run.log a finished run leaves are removed too.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=${JAR:-target/ntk-explorer.jar}  # JAR=... runs a copy, so that rebuilding target/ does not pull the jar from under a long run
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(scaling-myrtle-quick scaling-mlp-quick dynamics-mlp-quick)

mkdir -p sample-data/runs
for preset in "${presets[@]}"; do
  out=sample-data/runs/$preset
  tmp=$(mktemp -d)/$preset
  echo "== $preset -> $out"
  java -jar "$jar" run "$preset" --out "$tmp"
  rm -rf "$tmp/checkpoints" "$tmp/.lock" "$tmp/run.log"
  if [ -d "$tmp/kernels" ]; then
    for net in $(ls "$tmp/kernels" | sed -n 's/^\(seed[0-9]*-n[0-9]*\)-epoch[0-9]*\.npy$/\1/p' | sort -u); do
      ls "$tmp/kernels/$net"-epoch*.npy | sort | head -n -1 | xargs -r rm -f
    done
  fi
  rm -rf "$out"
  mv "$tmp" "$out"
  echo "$(du -sh "$out" | cut -f1) in $out"
done
