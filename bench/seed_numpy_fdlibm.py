#!/usr/bin/env python3
"""Runs ../shared/bench/seed_numpy.py unchanged except for its three elementary functions: np.tanh, np.exp and
np.log are replaced by fdlibm's (the functions java.lang.StrictMath specifies).

Why: the training loop is chaotic in its first iterations (Adagrad with eps 1e-8 turns gradients below 1e-4 into
steps of up to lr), so a one-ulp difference in one tanh grows about 100x per iteration and two implementations
whose elementary functions differ in the last bit part after ~10 iterations. numpy's own tanh/exp/log are SIMD
kernels that depend on the CPU (SVML on AVX512_SKX, others on AVX2+FMA3, libm without SIMD). bench/exactness.sh
uses this script to show how far one last bit takes a run: the Java core reproduces numpy's AVX512_SKX kernels
(dev.charrnn.nn.NumpyMath) and matches plain seed_numpy.py bit for bit on such a CPU; a core built on fdlibm
would match this script bit for bit instead (charrnn's did, before NumpyMath).

tanh and log are fdlibm's C code called through the JDK's libjava (found from JAVA_HOME or `java` on PATH);
exp (pure Java in JDK 17, not in libjava) is fdlibm's e_exp.c algorithm transcribed here.

  seed_numpy_fdlibm.py CORPUS [any seed_numpy.py arguments]
"""
import ctypes, math, os, runpy, shutil, struct, sys

import numpy as np


def _libjava():
    home = os.environ.get("JAVA_HOME")
    if not home:
        java = shutil.which("java")
        if not java:
            sys.exit("seed_numpy_fdlibm.py: needs a JDK (JAVA_HOME or java on PATH)")
        home = os.path.dirname(os.path.dirname(os.path.realpath(java)))
    ctypes.CDLL(os.path.join(home, "lib", "server", "libjvm.so"), mode=ctypes.RTLD_GLOBAL)
    return ctypes.CDLL(os.path.join(home, "lib", "libjava.so"))


_lib = _libjava()


def _jni(name):
    # JNIEXPORT jdouble Java_java_lang_StrictMath_NAME(JNIEnv*, jclass, jdouble): neither pointer is used.
    f = getattr(_lib, "Java_java_lang_StrictMath_" + name)
    f.restype = ctypes.c_double
    f.argtypes = (ctypes.c_void_p, ctypes.c_void_p, ctypes.c_double)
    return lambda x: f(None, None, x)


_tanh = _jni("tanh")
_log = _jni("log")


def _hi(x):
    return struct.unpack("<q", struct.pack("<d", x))[0] >> 32


def _with_hi(x, hi):
    lo = struct.unpack("<Q", struct.pack("<d", x))[0] & 0xFFFFFFFF
    return struct.unpack("<d", struct.pack("<Q", ((hi & 0xFFFFFFFF) << 32) | lo))[0]


_LN2HI = (6.93147180369123816490e-01, -6.93147180369123816490e-01)
_LN2LO = (1.90821492927058770002e-10, -1.90821492927058770002e-10)
_P1, _P2, _P3 = 1.66666666666666019037e-01, -2.77777777770155933842e-03, 6.61375632143793436117e-05
_P4, _P5 = -1.65339022054652515390e-06, 4.13813679705723846039e-08


def _exp(x):
    """fdlibm e_exp.c (StrictMath.exp), for the finite arguments softmax gives it."""
    hx = _hi(x)
    xsb = 1 if hx < 0 else 0
    hx &= 0x7FFFFFFF
    if hx >= 0x40862E42 or x != x:  # |x| >= 709.78, inf, nan: not reached by softmax (x <= 0, finite)
        return math.exp(x) if x == x else x
    k, hi, lo = 0, 0.0, 0.0
    if hx > 0x3FD62E42:
        if hx < 0x3FF0A2B2:
            hi = x - _LN2HI[xsb]
            lo = _LN2LO[xsb]
            k = 1 - xsb - xsb
        else:
            k = int(1.44269504088896338700e+00 * x + (-0.5 if xsb else 0.5))
            t = float(k)
            hi = x - t * _LN2HI[0]
            lo = t * _LN2LO[0]
        x = hi - lo
    elif hx < 0x3E300000:
        return 1.0 + x
    t = x * x
    c = x - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
    if k == 0:
        return 1.0 - ((x * c) / (c - 2.0) - x)
    y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi)
    if k >= -1021:
        return _with_hi(y, _hi(y) + (k << 20))
    return _with_hi(y, _hi(y) + ((k + 1000) << 20)) * 2.0 ** -1000


def _elementwise(f):
    def apply(a):
        arr = np.asarray(a, dtype=np.float64)
        out = np.array([f(float(v)) for v in arr.ravel()], dtype=np.float64).reshape(arr.shape)
        return out if arr.ndim else np.float64(out)
    return apply


np.tanh = _elementwise(_tanh)
np.exp = _elementwise(_exp)
np.log = _elementwise(_log)

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    seed = os.environ.get("SEED_NUMPY", os.path.join(here, "..", "..", "shared", "bench", "seed_numpy.py"))
    sys.argv = [seed] + sys.argv[1:]
    runpy.run_path(seed, run_name="__main__")
