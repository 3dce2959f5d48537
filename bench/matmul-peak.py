"""Single-precision matmul throughput of numpy/OpenBLAS: the machine's practical compute ceiling.

Usage: matmul-peak.py [N] [REPEATS]  (defaults 2048 and 7). Prints one JSON line:
{"n", "results": [{"threads", "gflops_best", "gflops_median", "seconds"}], "kernels": [...], "numpy"}
Threads are limited with threadpoolctl. The OpenBLAS kernel ("architecture") is what threadpoolctl reports
for each loaded OpenBLAS: OPENBLAS_CORETYPE, when set, overrides OpenBLAS's own CPU detection.
"""
import json
import os
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def measure(n, repeats, threads):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = a @ b  # warm-up: first call pays for thread start-up and page faults
    times, cpu = [], []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    flops = 2.0 * n * n * n
    times.sort()
    return {
        "gflops_best": flops / times[0] / 1e9,
        "gflops_median": flops / times[len(times) // 2] / 1e9,
        "seconds": times,
        # flops per CPU-second (what a thread achieves while it actually runs) times the threads: the rate the
        # threads would reach with the cores to themselves; other work on a shared machine lowers it much
        # less than the wall-clock figure (spinning OpenBLAS threads count as CPU time, so it errs low)
        "gflops_cpu_estimate": flops / sorted(cpu)[len(cpu) // 2] / 1e9 * threads,
    }


def main(argv):
    n = int(argv[0]) if argv else 2048
    repeats = int(argv[1]) if len(argv) > 1 else 7
    results = []
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            results.append({"threads": threads, **measure(n, repeats, threads)})
    kernels = [
        {"library": os.path.basename(p["filepath"]), "version": p.get("version"), "architecture": p.get("architecture")}
        for p in threadpool_info()
        if p["internal_api"] == "openblas"
    ]
    env = {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS_")}
    print(json.dumps({"load_average": os.getloadavg(), "n": n, "results": results, "kernels": kernels, "numpy": np.__version__, "env": env}))


if __name__ == "__main__":
    main(sys.argv[1:])
