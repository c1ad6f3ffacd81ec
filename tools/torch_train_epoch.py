#!/usr/bin/python3
"""Seconds of one training epoch in PyTorch (CPU), for comparison with `ntk-explorer bench --only myrtle-train`
and `--only mlp-train`: same network, n, batch size, float32, plain SGD on the MSE of one-hot targets.

    tools/torch_train_epoch.py --net myrtle5 --n 1024 --threads 2     # Myrtle-5, width 32
    tools/torch_train_epoch.py --net mlp --n 4096 --width 512          # MLP, depth 2

Prints each epoch's seconds and their median. Needs Debian's python3-torch and python3-numpy.
"""
import argparse
import statistics
import time

import torch

import torch_common


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--net", default="myrtle5", choices=["myrtle5", "myrtle7", "myrtle10", "mlp"])
    p.add_argument("--width", type=int, default=None, help="channels (default 32) or MLP units (default 512)")
    p.add_argument("--depth", type=int, default=2, help="MLP hidden layers")
    p.add_argument("--n", type=int, default=1024)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=5, help="timed epochs, after one warm-up epoch")
    p.add_argument("--lr", type=float, default=0.5)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x, labels = torch_common.sample_images(a.n)
    y = torch.nn.functional.one_hot(labels, 10).float()
    if a.net == "mlp":
        net = torch_common.mlp(a.depth, a.width or 512)
        x = x.reshape(a.n, -1)
    else:
        net = torch_common.myrtle(a.net, a.width or 32)
    opt = torch.optim.SGD(net.parameters(), lr=a.lr)
    times = []
    for epoch in range(a.epochs + 1):
        order = torch.randperm(a.n)
        start = time.perf_counter()
        total = 0.0
        for s in range(0, a.n, a.batch):
            idx = order[s:s + a.batch]
            opt.zero_grad()
            loss = ((net(x[idx]) - y[idx]) ** 2).mean()
            loss.backward()
            opt.step()
            total += loss.item()
        seconds = time.perf_counter() - start
        if epoch > 0:
            times.append(seconds)
        print(f"epoch {epoch}{' (warm-up)' if epoch == 0 else ''}: {seconds:.3f} s, mean loss "
              f"{total / ((a.n + a.batch - 1) // a.batch):.4f}", flush=True)
    print(f"PyTorch {torch.__version__} {a.net} training epoch (n = {a.n}, batch {a.batch}, float32, "
          f"{a.threads} threads): median {statistics.median(times):.3f} s over {len(times)} epochs")


if __name__ == "__main__":
    main()
