"""Peak resident memory of one Jacobian path, in a fresh process (experiments/e01_jacobian_speed).

    python nbs/experiments/peak_rss.py C N B K PATH [CELLS]

Computes the raw view Jacobians of the first CELLS NAS-Bench-201 cells that see their input (default 2) at the given
sizes along PATH ('default', 'before issue 19', 'default layout', 'compiled blocks' or 'reference loop'), one torch
thread, and prints the process's peak resident set size in MiB (the last token of its output): VmHWM, which starts
afresh at exec, unlike getrusage's ru_maxrss, which a child inherits from the process that forked it.
"""
import re, sys
from pathlib import Path
import torch
from cenas.core import item_seed
from cenas.data import image_batch
from cenas.jacobians import init_jacobians
from cenas.spaces import NB201, ReLUConvBN, ResBlock

def views(nb, i, x, C, N, K, path):
    "The path's (K, B, D) raw Jacobians of cell i, built as view_jacobians builds them."
    seeds = [item_seed(0, nb.name, i, k) for k in range(K)]
    if path == 'reference loop':  # fresh network per view, parameter gradients, default layout
        for s in seeds:
            torch.manual_seed(s)
            xx = x.clone().requires_grad_(True)
            nb.network(i, C=C, N=N, prune=False).train()(xx).sum().backward()
        return
    nets = [nb.network(i, C=C, N=N, prune=path != 'before issue 19') for _ in range(2)]
    if path == 'compiled blocks':
        for m in nets[1].modules():
            if isinstance(m, (ReLUConvBN, ResBlock)): m.compile(dynamic=False)
    init_jacobians(nets[0], x, seeds, False if path == 'default layout' else None, nets[1])

if __name__ == '__main__':
    C, N, B, K = (int(a) for a in sys.argv[1:5])
    path, cells = sys.argv[5], int(sys.argv[6]) if len(sys.argv) > 6 else 2
    torch.set_num_threads(1)
    nb, x = NB201(), image_batch(B, seed=0)
    for i in [i for i in range(len(nb)) if not nb.ignores[i]][:cells]: views(nb, i, x, C, N, K, path)
    hwm = re.search(r'VmHWM:\s+(\d+) kB', Path('/proc/self/status').read_text())
    print(f'peak RSS MiB {int(hwm[1]) / 1024:.1f}')
