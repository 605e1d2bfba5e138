"""Whole-machine throughput of `cenas.jacobians` with worker processes and on a local Ray instance, against one process,
measured in the same run.

    python nbs/experiments/bench_workers.py [N]   # the first N NAS-Bench-201 cells (default 512) at the `cpu` preset

Computes the same store three times into fresh temporary folders: in one process (`workers=1`), with one worker process
per core, and as Ray tasks on a local Ray instance (`executor='ray'`, one task per chunk of 64 cells, one CPU each; skipped
when Ray is not installed). Prints wall-clock seconds (the Ray row with and without starting the instance), networks per
second and the ratios to one process, and checks that every store holds the same chunk files, byte for byte.
"""
import sys, tempfile, time
from pathlib import Path
from cenas.jacobians import cores, jacobians

def timed(n:int, out:Path, **kw)->tuple:
    "Wall seconds to compute the first n cells into `out`, and the store."
    t0 = time.perf_counter()
    st = jacobians('nb201', preset='cpu', limit=n, out=out, chunk=64, progress=False, **kw)
    return time.perf_counter() - t0, st

def chunks(st)->list: return [p.read_bytes() for p in sorted(st.path.glob('*.npy'))]

if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    tmp, rows = Path(tempfile.mkdtemp()), {}
    rows['1 process'] = timed(n, tmp/'one', workers=1)
    rows[f'{cores()} worker processes'] = timed(n, tmp/'pool', workers=cores())
    try:
        from cenas.core import ray_init
        t0 = time.perf_counter(); ray_init(); start = time.perf_counter() - t0
        secs, st = timed(n, tmp/'ray', executor='ray')
        rows[f'Ray, local instance ({cores()} CPUs)'] = (secs, st)
        rows['Ray, including its start'] = (secs + start, st)
    except ImportError as e: print(f"Ray rows skipped: {e}")
    base, ref = rows['1 process'][0], chunks(rows['1 process'][1])
    print(f"{n} NAS-Bench-201 cells, cpu preset, chunks of 64, {cores()} cores")
    for name, (secs, st) in rows.items():
        print(f"{name:<32} {secs:7.1f} s  {n/secs:6.2f} networks/s  {base/secs:5.2f}x one process  identical store: {chunks(st) == ref}")
