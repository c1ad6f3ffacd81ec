"""Shared pieces of the PyTorch comparison scripts: the bundled sample's images and the networks of NTK Explorer.

The networks follow the app's definitions: every dense or convolution layer computes s_w * (a W) + s_b * b, with
s_w = sigma_w / sqrt(fan_in) and s_b = sigma_b under NTK parameterisation (weights and biases drawn from N(0, 1)),
and s_w = s_b = 1 under standard parameterisation (weights drawn with std sigma_w / sqrt(fan_in)).
"""
import gzip
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONVS_PER_STAGE = {"myrtle5": (2, 1, 1), "myrtle7": (2, 2, 2), "myrtle10": (3, 3, 3)}


def sample_images(n, dtype=torch.float32):
    """The first n training images of sample-data/, standardised over all pixels, as n x 1 x 28 x 28."""
    with gzip.open(os.path.join(REPO, "sample-data", "train-images-idx3-ubyte.gz"), "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)[:n].astype(np.float64)
    with gzip.open(os.path.join(REPO, "sample-data", "train-labels-idx1-ubyte.gz"), "rb") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:n].astype(np.int64)
    raw = (raw - raw.mean()) / raw.std()
    return torch.tensor(raw, dtype=dtype), torch.tensor(labels)


class Layer(torch.nn.Module):
    """A bias-carrying dense or 3x3 same-padded convolution layer with the parameterisation's multipliers."""

    def __init__(self, fan_in, shape, bias_size, conv, sigma_w, sigma_b, ntk, generator):
        super().__init__()
        w_std = 1.0 if ntk else sigma_w / math.sqrt(fan_in)
        b_std = 1.0 if ntk else sigma_b
        self.weight = torch.nn.Parameter(torch.randn(*shape, generator=generator) * w_std)
        self.bias = torch.nn.Parameter(torch.randn(bias_size, generator=generator) * b_std)
        self.sw = sigma_w / math.sqrt(fan_in) if ntk else 1.0
        self.sb = sigma_b if ntk else 1.0
        self.conv = conv

    def forward(self, x):
        if self.conv:
            return F.conv2d(x, self.weight * self.sw, self.bias * self.sb, padding=1)
        return x @ (self.weight * self.sw) + self.bias * self.sb


def myrtle(arch="myrtle5", width=32, channels=1, outputs=10, sigma_w=math.sqrt(2), sigma_b=0.1, ntk=True, seed=0):
    g = torch.Generator().manual_seed(seed)
    layers = []
    c = channels
    stages = CONVS_PER_STAGE[arch]
    for s, count in enumerate(stages):
        for _ in range(count):
            layers += [Layer(c * 9, (width, c, 3, 3), width, True, sigma_w, sigma_b, ntk, g), torch.nn.ReLU()]
            c = width
        if s < len(stages) - 1:
            layers.append(torch.nn.AvgPool2d(2))
    layers += [torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(),
               Layer(c, (c, outputs), outputs, False, sigma_w, sigma_b, ntk, g)]
    return torch.nn.Sequential(*layers)


def mlp(depth=2, width=512, inputs=784, outputs=10, sigma_w=math.sqrt(2), sigma_b=0.1, ntk=True, seed=0):
    g = torch.Generator().manual_seed(seed)
    layers = [torch.nn.Flatten()]
    d = inputs
    for _ in range(depth):
        layers += [Layer(d, (d, width), width, False, sigma_w, sigma_b, ntk, g), torch.nn.ReLU()]
        d = width
    layers.append(Layer(d, (d, outputs), outputs, False, sigma_w, sigma_b, ntk, g))
    return torch.nn.Sequential(*layers)
