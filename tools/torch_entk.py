#!/usr/bin/python3
"""Seconds of the empirical NTK of a Myrtle CNN in PyTorch (CPU) the way a researcher would write it with
functorch: per-example Jacobians with vmap(jacrev), then an einsum over parameters, traced over the logits /C.
For comparison with `ntk-explorer bench --only myrtle-entk` (same network, inputs, float32, threads).

    tools/torch_entk.py --n 200 --threads 2
    tools/torch_entk.py --n 500

Prints each run's seconds and their median. Needs Debian's python3-torch (1.13, with functorch) and python3-numpy.
"""
import argparse
import statistics
import time

import torch
from functorch import jacrev, make_functional, vmap

import torch_common


def entk(fnet, params, x, chunk):
    """K = (1/C) sum_c J_c(x) J_c(x)^T, with the Jacobians of `chunk` examples at a time."""
    def f(p, xi):
        return fnet(p, xi.unsqueeze(0)).squeeze(0)

    jac = [vmap(jacrev(f), (None, 0))(params, x[s:s + chunk]) for s in range(0, x.shape[0], chunk)]
    jac = [torch.cat([j[i] for j in jac]) for i in range(len(params))]
    k = sum(torch.einsum("ic...,jc...->ij", j, j) for j in jac)
    return k / jac[0].shape[1]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arch", default="myrtle5", choices=["myrtle5", "myrtle7", "myrtle10"])
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--chunk", type=int, default=0, help="examples per vmap(jacrev) call (default: all at once)")
    p.add_argument("--runs", type=int, default=3, help="timed runs, after one warm-up run on 10 examples")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    a.chunk = a.chunk or a.n
    torch.set_num_threads(a.threads)
    x, _ = torch_common.sample_images(a.n)
    fnet, params = make_functional(torch_common.myrtle(a.arch, a.width))
    entk(fnet, params, x[:10], a.chunk)
    times = []
    for run in range(a.runs):
        start = time.perf_counter()
        k = entk(fnet, params, x, a.chunk)
        times.append(time.perf_counter() - start)
        print(f"run {run}: {times[-1]:.2f} s (kernel trace {k.trace().item():.4g})", flush=True)
    print(f"PyTorch {torch.__version__} functorch {a.arch} width {a.width} eNTK (n = {a.n}, float32, {a.threads} "
          f"threads): median {statistics.median(times):.2f} s over {len(times)} runs")


if __name__ == "__main__":
    main()
