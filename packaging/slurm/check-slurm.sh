#!/usr/bin/env bash
# Cluster check, run by .ci/run after `mvn -B verify` (it needs target/ and root): installs Debian's slurm-wlm and
# munge, starts a one-node Slurm cluster on localhost (munged, slurmctld and slurmd in the foreground, with their
# key, config, state, spool and logs in a temporary folder and ports nobody listens on), submits
# packaging/slurm/sweep.sbatch as a 3-task array for a small spec, waits for it, merges the shards, runs the same
# spec as one process, and checks that the merged results.csv (without its seconds column) and fits.json equal the
# unsharded run's. It prints both timings. Then it submits packaging/slurm/kernel.sbatch as a 3-task array and its
# dependent merge job, for an empirical NTK and an infinite NTK, and checks with cmp that each merged kernel.npy (and
# its companion files) equals the kernel computed by one unsharded `kernel` process, byte for byte. Last it submits
# sweep.sbatch with --kernel-blocks 3 and a dependent solve.sbatch, and checks that the solved results.csv and
# fits.json equal those of one process without blocks. On exit, however it exits, it cancels its job, stops the daemons it
# started by their process ids and removes the folder; the packages stay installed. Where the packages cannot be
# installed (not root, no apt, no network) it says so and exits 0, skipped.
#
#   packaging/slurm/check-slurm.sh [--spec SPEC] [--threads T]
#     --spec SPEC   spec file or preset to sweep (default: a small scaling spec, 6 units)
#     --threads T   threads of the unsharded run (default 1, as each array task gets one CPU)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

note() { echo "check-slurm: [${SECONDS}s] $*"; }
fail() { echo "check-slurm: FAILED: $*" >&2; exit 1; }
skip() { echo "check-slurm: SKIPPED: $*; the Slurm integration test did not run"; exit 0; }

spec_arg="" threads=1
while [ $# -gt 0 ]; do
  case "$1" in
    --spec) spec_arg=$2; shift ;;
    --threads) threads=$2; shift ;;
    *) echo "usage: $0 [--spec SPEC] [--threads T]" >&2; exit 2 ;;
  esac
  shift
done

[ -f target/ntk-explorer.jar ] && [ -d target/lib ] || fail "no target/ntk-explorer.jar: build first (mvn -B verify)"
[ "$(id -u)" = 0 ] || skip "not root, and installing slurm-wlm and munge needs root"
command -v apt-get >/dev/null || skip "no apt-get: this check installs Slurm from Debian's packages"

work="" policy_made=0 job="" pids=()
cleanup() {
  set +e
  if [ -n "$job" ]; then
    scancel "$job" 2>/dev/null
    for _ in $(seq 30); do [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break; sleep 1; done
  fi
  # Newest first: slurmd, slurmctld, then munged, which the other two need to the end.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null
    for _ in $(seq 20); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.5; done
    kill -9 "${pids[i]}" 2>/dev/null
    wait "${pids[i]}" 2>/dev/null
  done
  [ "$policy_made" = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ -n "$work" ] && rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need=()
for p in slurm-wlm munge; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  # The packages' own services must not start: this check runs its own daemons with its own key and config. A
  # policy-rc.d that refuses is Debian's way to say so; it is removed again right after.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_made=1
  fi
  note "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || skip "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
    || skip "apt-get could not install ${need[*]}"
  if [ "$policy_made" = 1 ]; then rm -f /usr/sbin/policy-rc.d; policy_made=0; fi
fi
for c in munged mungekey slurmctld slurmd sbatch squeue scontrol; do
  command -v "$c" >/dev/null || fail "$c is missing after installing slurm-wlm and munge"
done

work=$(mktemp -d /tmp/ntk-slurm.XXXXXX)
chmod 755 "$work"
mkdir -m 700 "$work/munge-key"
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log"

# Two free ports, so that a Slurm already on the machine (or a second check) is not disturbed.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=$((20000 + RANDOM % 20000))
while listening "$port" || listening $((port + 1)); do port=$((port + 2)); done

note "starting munged, slurmctld and slurmd in $work (ports $port, $((port + 1)))"
mungekey --create --keyfile="$work/munge-key/munge.key" || fail "mungekey could not create a key"
socket=$work/munge/munge.socket
munged -F --force --socket="$socket" --key-file="$work/munge-key/munge.key" --log-file="$work/log/munged.log" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/munged.seed" >>"$work/log/munged.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.2; done
[ -S "$socket" ] || { cat "$work/log/munged.log" >&2; fail "munged did not start"; }

host=$(hostname -s)
cpus=$(nproc)
mem_mb=$(awk '/^MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)
export SLURM_CONF=$work/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=ntkcheck
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -f "$SLURM_CONF" >>"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >>"$work/log/slurmd.out" 2>&1 &
pids+=($!)
daemon_logs() { tail -n 20 "$work"/log/*.log "$work"/log/*.out >&2 || true; }
state=""
for _ in $(seq 60); do
  state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || { daemon_logs; fail "the node did not become idle (state '$state')"; }
note "cluster up: node $host, $cpus CPUs, partition check"

if [ -n "$spec_arg" ]; then
  spec=$spec_arg
  case "$spec" in /*) ;; *) [ -f "$spec" ] && spec=$ROOT/$spec ;; esac
else
  spec=$work/spec.json
  cat >"$spec" <<'EOF'
{"study": "scaling", "classes": [0, 1], "nGrid": [32, 64, 128], "nTest": 100, "seeds": 2, "depth": 1,
 "width": 32, "epochs": 2, "batchSize": 16, "learningRate": 0.1, "probeSize": 20,
 "learners": ["network", "entk-init", "infinite-ntk", "nngp"]}
EOF
fi
export NTK_EXPLORER="java -jar $ROOT/target/ntk-explorer.jar"

note "sbatch --array=0-2 --cpus-per-task=1 packaging/slurm/sweep.sbatch $spec"
t0=$(date +%s.%N)
job=$(sbatch --parsable --array=0-2 --cpus-per-task=1 --mem=2G --output="$work/log/task-%a.out" \
  packaging/slurm/sweep.sbatch "$spec" "$work/sweep") || { daemon_logs; fail "sbatch refused the template"; }
job=${job%%;*}
deadline=$((SECONDS + 1200))
while [ -n "$(squeue -h -j "$job" 2>/dev/null)" ]; do
  [ $SECONDS -lt $deadline ] || { daemon_logs; fail "array job $job did not finish in 20 minutes"; }
  sleep 1
done
t1=$(date +%s.%N)
array_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
for k in 0 1 2; do
  echo "--- task $k:"; tr '\r' '\n' <"$work/log/task-$k.out" | grep -vE '^ *$|\[[# ]*\] +[0-9]+%' || true
done
tasks=$(scontrol -o show job "$job")
note "array job $job:" $(grep -o 'JobState=[A-Z_]*' <<<"$tasks" | sort | uniq -c)
bad=$(grep -v 'JobState=COMPLETED .*ExitCode=0:0' <<<"$tasks" || true)
[ -z "$bad" ] || { daemon_logs; fail "not every task completed with exit code 0: $bad"; }

t2=$(date +%s.%N)
java -jar target/ntk-explorer.jar merge "$work"/sweep/shard-* --out "$work/merged" >"$work/merge.txt" 2>&1 \
  || { cat "$work/merge.txt" >&2; fail "merge exited non-zero"; }
t3=$(date +%s.%N)
tail -n 1 "$work/merge.txt"
java -jar target/ntk-explorer.jar run "$spec" --out "$work/whole" --threads "$threads" >"$work/whole.txt" 2>&1 \
  || { cat "$work/whole.txt" >&2; fail "the unsharded run exited non-zero"; }
t4=$(date +%s.%N)

without_seconds() { sed 's/,[^,]*$//' "$1" | sort; }
cmp -s <(without_seconds "$work/whole/results.csv") <(without_seconds "$work/merged/results.csv") || {
  diff <(without_seconds "$work/whole/results.csv") <(without_seconds "$work/merged/results.csv") | head -20 >&2
  fail "merged results.csv differs from the unsharded run's"
}
cmp -s "$work/whole/fits.json" "$work/merged/fits.json" || {
  diff "$work/whole/fits.json" "$work/merged/fits.json" | head -20 >&2
  fail "merged fits.json differs from the unsharded run's"
}
rows=$(($(wc -l <"$work/merged/results.csv") - 1))
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
note "timing: 3-task array $array_s s (submit to last task done, 1 CPU each, $cpus CPUs in the node)," \
  "merge $(secs "$t2" "$t3") s; one process (--threads $threads) $(secs "$t3" "$t4") s"
note "OK: merged results.csv ($rows rows) and fits.json equal the unsharded run's"

# One kernel over the cluster: 3 row-blocks as an array, the merge as a job that depends on it, against one process.
wait_job() {
  local deadline=$((SECONDS + 1200))
  while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
    [ $SECONDS -lt $deadline ] || { daemon_logs; fail "job $1 did not finish in 20 minutes"; }
    sleep 1
  done
  local states bad
  states=$(scontrol -o show job "$1")
  bad=$(grep -v 'JobState=COMPLETED .*ExitCode=0:0' <<<"$states" || true)
  [ -z "$bad" ] || { daemon_logs; tail -n 5 "$work"/log/kernel-*.out >&2 || true; fail "job $1 did not complete: $bad"; }
}
kernel_check() {
  local name=$1
  shift
  local kdir=$work/$name
  note "sbatch --array=0-2 packaging/slurm/kernel.sbatch $kdir $*, then --dependency=afterok merge"
  local t0 t1 t2 t3
  t0=$(date +%s.%N)
  job=$(sbatch --parsable --array=0-2 --cpus-per-task=1 --mem=2G --output="$work/log/kernel-$name-%a.out" \
    packaging/slurm/kernel.sbatch "$kdir" "$@") || { daemon_logs; fail "sbatch refused kernel.sbatch"; }
  job=${job%%;*}
  local merge_job
  merge_job=$(sbatch --parsable --dependency=afterok:"$job" --cpus-per-task=1 --mem=2G \
    --output="$work/log/kernel-$name-merge.out" packaging/slurm/kernel.sbatch --merge "$kdir") \
    || { daemon_logs; fail "sbatch refused the merge job of kernel.sbatch"; }
  merge_job=${merge_job%%;*}
  wait_job "$job"
  job=$merge_job
  wait_job "$merge_job"
  job=""
  t1=$(date +%s.%N)
  tail -n 1 "$work/log/kernel-$name-merge.out"
  t2=$(date +%s.%N)
  java -jar target/ntk-explorer.jar kernel "$@" --out "$work/$name-whole" >"$work/$name-whole.txt" 2>&1 \
    || { cat "$work/$name-whole.txt" >&2; fail "the unsharded kernel exited non-zero"; }
  t3=$(date +%s.%N)
  for f in kernel.npy inputs.npy labels.npy model.json; do
    cmp "$work/$name-whole/$f" "$kdir/kernel/$f" || fail "$name: the merged $f differs from the unsharded kernel's"
  done
  if [ -f "$work/$name-whole/params.npz" ]; then
    cmp "$work/$name-whole/params.npz" "$kdir/kernel/params.npz" || fail "$name: the merged params.npz differs"
  fi
  note "timing ($name): 3 blocks and merge $(secs "$t0" "$t1") s (submit to merge done); one process $(secs "$t2" "$t3") s"
  note "OK: the 3-block $name kernel.npy ($(stat -c %s "$kdir/kernel/kernel.npy") bytes) equals the unsharded one byte for byte"
}
kernel_options=(--dataset fashion-mnist-sample --classes 0,1 --n 300 --seed 1 --depth 2 --width 64)
kernel_check entk "${kernel_options[@]}" --kind empirical
kernel_check infinite-ntk "${kernel_options[@]}" --kind infinite-ntk --dtype float64

# A run's infinite-width kernels as row blocks inside the sweep: 3 shards with --kernel-blocks 3, then solve.sbatch
# (merge and run --resume) as a job that depends on the array, against one process without blocks. Small panels
# (-Dntkexplorer.kernelPanelValues, in every process) give these small kernels 1, 2 and 3 blocks (n = 32, 64, 128).
blocks_spec=$work/blocks-spec.json
cat >"$blocks_spec" <<'JSON'
{"study": "scaling", "classes": [0, 1], "nGrid": [32, 64, 128], "nTest": 100, "seeds": 2, "depth": 1,
 "width": 32, "epochs": 2, "batchSize": 16, "learningRate": 0.1, "probeSize": 20,
 "learners": ["network", "entk-init", "infinite-ntk", "nngp"]}
JSON
export NTK_EXPLORER="java -Dntkexplorer.kernelPanelValues=3200 -jar $ROOT/target/ntk-explorer.jar"
note "sbatch --array=0-2 packaging/slurm/sweep.sbatch $blocks_spec ... --kernel-blocks 3, then solve.sbatch"
t0=$(date +%s.%N)
job=$(sbatch --parsable --array=0-2 --cpus-per-task=1 --mem=2G --output="$work/log/blocks-%a.out" \
  packaging/slurm/sweep.sbatch "$blocks_spec" "$work/blocks" --kernel-blocks 3) \
  || { daemon_logs; fail "sbatch refused sweep.sbatch with --kernel-blocks"; }
job=${job%%;*}
solve_job=$(sbatch --parsable --dependency=afterok:"$job" --cpus-per-task=1 --mem=2G \
  --output="$work/log/blocks-solve.out" packaging/slurm/solve.sbatch "$work/blocks") \
  || { daemon_logs; fail "sbatch refused solve.sbatch"; }
solve_job=${solve_job%%;*}
wait_job "$job"
job=$solve_job
wait_job "$solve_job"
job=""
t1=$(date +%s.%N)
tail -n 2 "$work/log/blocks-solve.out"
$NTK_EXPLORER run "$blocks_spec" --out "$work/blocks-whole" --threads "$threads" >"$work/blocks-whole.txt" 2>&1 \
  || { cat "$work/blocks-whole.txt" >&2; fail "the run without blocks exited non-zero"; }
t2=$(date +%s.%N)
cmp -s <(without_seconds "$work/blocks-whole/results.csv") <(without_seconds "$work/blocks/merged/results.csv") || {
  diff <(without_seconds "$work/blocks-whole/results.csv") <(without_seconds "$work/blocks/merged/results.csv") \
    | head -20 >&2
  fail "the solved results.csv of the blocked sweep differs from the run without blocks"
}
cmp "$work/blocks-whole/fits.json" "$work/blocks/merged/fits.json" \
  || fail "the solved fits.json of the blocked sweep differs from the run without blocks"
blocks=$(find "$work/blocks/merged/kernel-blocks" -name block.json | wc -l)
[ "$blocks" = 12 ] || fail "the merged folder holds $blocks kernel blocks, not 12"
note "timing (kernel blocks): array and solve $(secs "$t0" "$t1") s (submit to solve done); one process $(secs "$t1" "$t2") s"
note "OK: 3 shards with 12 kernel blocks, merged and solved, give the results.csv and fits.json of the run without blocks"
