"""Whole-machine throughput of `cenas.jacobians` with worker processes against one process, measured in the same run.

    python nbs/experiments/bench_workers.py [N]   # the first N NAS-Bench-201 cells (default 512) at the `cpu` preset

Computes the same store twice into fresh temporary folders, with `workers=1` and with one worker per core, prints
wall-clock seconds, networks per second and their ratio, and checks that the two stores hold identical chunk files.
"""
import sys, tempfile, time
from pathlib import Path
from cenas.jacobians import cores, jacobians

if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    tmp, rows = Path(tempfile.mkdtemp()), {}
    for w in (1, cores()):
        t0 = time.perf_counter()
        st = jacobians('nb201', preset='cpu', limit=n, out=tmp/f'w{w}', workers=w, progress=False)
        rows[w] = (time.perf_counter() - t0, st)
    (t1, s1), (tw, sw) = rows[1], rows[cores()]
    same = [p.read_bytes() for p in sorted(s1.path.glob('*.npy'))] == [p.read_bytes() for p in sorted(sw.path.glob('*.npy'))]
    print(f"{n} NAS-Bench-201 cells, cpu preset, {cores()} cores")
    print(f"1 process:      {t1:7.1f} s  {n/t1:6.2f} networks/s")
    print(f"{cores()} workers:      {tw:7.1f} s  {n/tw:6.2f} networks/s")
    print(f"ratio (workers / one process): {t1/tw:.2f}x; identical stores: {same}")
