#!/usr/bin/env python3
"""Vectorised NumPy closed form of the infinite-width ReLU NNGP and NTK of an MLP, the comparison for
`bench --only infinite-ntk` (docs/science.md, Infinite-width kernels).

Same inputs as the bench line: n random unit-norm rows of dimension d, sigma_w^2 = 2, sigma_b = 0.1, float64,
train x train, both kernels. Prints the median kernel time of --reps runs (input generation not timed).

    /usr/bin/python3 tools/infinite_ntk_numpy.py --n 4096 --d 784 --depth 2 --reps 3
"""
import argparse
import statistics
import time

import numpy as np


def relu_kernels(x, depth, sw2, sb2):
    d = x.shape[1]
    sigma = sw2 * (x @ x.T) / d + sb2
    diag = np.diag(sigma).copy()
    theta = sigma.copy()
    for _ in range(depth):
        norm = np.sqrt(np.outer(diag, diag))
        cos = np.clip(sigma / norm, -1.0, 1.0)
        angle = np.arccos(cos)
        t = norm * (np.sqrt(1.0 - cos * cos) + (np.pi - angle) * cos) / (2 * np.pi)
        t_dot = (np.pi - angle) / (2 * np.pi)
        sigma = sw2 * t + sb2
        theta = sigma + sw2 * t_dot * theta
        diag = sw2 * diag / 2 + sb2  # T(s, s) = s/2 for relu
    return sigma, theta


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=4096)
    p.add_argument("--d", type=int, default=784)
    p.add_argument("--depth", type=int, default=2)
    p.add_argument("--reps", type=int, default=3)
    a = p.parse_args()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((a.n, a.d))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    times = []
    for _ in range(a.reps):
        start = time.perf_counter()
        nngp, ntk = relu_kernels(x, a.depth, 2.0, 0.01)
        times.append(time.perf_counter() - start)
        assert np.isfinite(ntk).all()
    print(f"NumPy {np.__version__} infinite NNGP+NTK (n={a.n}, d={a.d}, depth {a.depth}, float64, relu): "
          f"{statistics.median(times):.2f} s (median of {a.reps})")


if __name__ == "__main__":
    main()
