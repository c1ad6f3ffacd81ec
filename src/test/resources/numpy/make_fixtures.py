"""Generates the NumPy-written fixtures next to this script. Run once by hand (numpy 2.x); tests only read them.

    python3 src/test/resources/numpy/make_fixtures.py
"""
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(here, name)


np.save(path("f8_3x4.npy"), (np.arange(12, dtype="<f8") / 4 - 1).reshape(3, 4))
np.save(path("f4_2x3x2.npy"), (np.arange(12, dtype="<f4") * 0.5).reshape(2, 3, 2))
np.save(path("i4_5.npy"), np.array([-2, -1, 0, 1, 2147483647], dtype="<i4"))
np.save(path("i8_scalar.npy"), np.array(-9000000000, dtype="<i8"))
np.save(path("u1_2x3.npy"), np.array([[0, 1, 127], [128, 254, 255]], dtype="u1"))
np.save(path("be_f8_2x2.npy"), np.array([[1.5, -2.25], [1e300, 0.0]], dtype=">f8"))
np.save(path("be_i4_3.npy"), np.array([1, -1, 65536], dtype=">i4"))
np.save(path("fortran_2x3.npy"), np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)))
with open(path("v2_f8_2.npy"), "wb") as f:
    np.lib.format.write_array(f, np.array([3.0, 4.0]), version=(2, 0))
np.savez(path("stored.npz"), W0=(np.arange(6, dtype="<f8") / 8).reshape(2, 3), b0=np.array([1, 2, 3], dtype="<i4"))
np.savez_compressed(path("deflated.npz"), X=np.arange(24, dtype="u1").reshape(2, 2, 3, 2), Y=np.array([0, 1], dtype="<i8"))
