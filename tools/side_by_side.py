#!/usr/bin/python3
"""Runs NTK Explorer's `bench` lines and the matching PyTorch scripts alternately, several rounds, and prints the
median of each and their ratio, so that both see the same load (on a shared machine figures move by 2x from one
minute to the next).

    tools/side_by_side.py                       # Myrtle-5 training epoch and eNTK at n = 200, 3 rounds
    tools/side_by_side.py --what myrtle-train --rounds 5
    tools/side_by_side.py --jar /opt/ntk-explorer/lib/app/ntk-explorer.jar

Needs the built jar (mvn -q package -DskipTests) and Debian's python3-torch and python3-numpy.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# name: (bench arguments, regular expression of the bench line, PyTorch command, regular expression of its median)
CASES = {
    "myrtle-train": (["--only", "myrtle-train"], r"Myrtle-5 training epoch .*?: ([0-9.]+) s",
                     ["torch_train_epoch.py", "--net", "myrtle5", "--n", "1024"], r"median ([0-9.]+) s"),
    "mlp-train": (["--only", "mlp-train"], r"MLP training epoch .*?: ([0-9.]+) s",
                  ["torch_train_epoch.py", "--net", "mlp", "--n", "4096"], r"median ([0-9.]+) s"),
    "myrtle-entk": (["--only", "myrtle-entk", "--cnn-n", "200"], r"Myrtle-5 eNTK .*?n = 200.*?: ([0-9.]+) s",
                    ["torch_entk.py", "--n", "200"], r"median ([0-9.]+) s"),
    "myrtle-entk-500": (["--only", "myrtle-entk", "--cnn-n", "500"], r"Myrtle-5 eNTK .*?n = 500.*?: ([0-9.]+) s",
                        ["torch_entk.py", "--n", "500"], r"median ([0-9.]+) s"),
}


def run(cmd, pattern):
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    m = re.search(pattern, out.stdout)
    if not m:
        sys.exit(f"no figure in the output of {' '.join(cmd)}:\n{out.stdout}\n{out.stderr}")
    return float(m.group(1))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--what", default="myrtle-train,myrtle-entk", help="comma-separated: " + ", ".join(CASES))
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--jar", default=os.path.join(REPO, "target", "ntk-explorer.jar"))
    a = p.parse_args()
    for name in a.what.split(","):
        bench_args, bench_re, torch_cmd, torch_re = CASES[name]
        ours, theirs = [], []
        for r in range(a.rounds):
            ours.append(run(["java", "-jar", a.jar, "bench", "--threads", str(a.threads)] + bench_args, bench_re))
            # The scripts' own interpreter line picks Debian's Python, which has python3-torch.
            theirs.append(run([os.path.join(HERE, torch_cmd[0])] + torch_cmd[1:]
                              + ["--threads", str(a.threads)], torch_re))
            print(f"{name} round {r}: NTK Explorer {ours[-1]:.2f} s, PyTorch {theirs[-1]:.2f} s", flush=True)
        o, t = statistics.median(ours), statistics.median(theirs)
        print(f"{name}: NTK Explorer median {o:.2f} s, PyTorch median {t:.2f} s over {a.rounds} rounds; "
              f"PyTorch / NTK Explorer = {t / o:.2f}", flush=True)


if __name__ == "__main__":
    main()
