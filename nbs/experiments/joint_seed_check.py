"""How much do the joint encoder's results move with its training seed? (experiments/19_joint_encoder, 12_transfer)

19 trains one joint encoder (seed 0, kept in results/joint_cpu_*). This script trains the same recipe with other seeds
into the cache (`cache_dir('experiments', 'joint_seeds')`; an existing one is read, not retrained) and prints, per
seed: held-out identification per space (top-1, as in 19) and 12's transfer grid at 10,000 training architectures
(gradient boosting, 3,000 test architectures per space, 10 repetitions, Kendall tau mean), for both directions and
all three datasets. Seed 0 is read from results/ and must reproduce 12's tables.
Needs both `cpu`-preset Jacobian stores in the cache (see 19 for the commands); each new seed trains in about 8 min on 2 cores.

    python nbs/experiments/joint_seed_check.py 0 1 2      # run from the repository root
"""
import sys, time
from pathlib import Path
import numpy as np, pandas as pd, torch
from cenas.benchmarks import Benchmark
from cenas.core import cache_dir
from cenas.encoder import PRETRAINED, identification
from cenas.jacobians import jacobians
from cenas.spaces import NB201
from cenas.transfer import load_joint, train_joint, transfer_scores

SPACES, DATASETS = ('nb201', 'nats_sss'), ('cifar10', 'cifar100', 'imagenet16')
RESULTS = Path(__file__).parent/'results'

def joint(seed:int)->dict:
    "The joint encoder of `seed`: 19's for seed 0, else trained once into the cache."
    path = RESULTS/'joint_cpu' if seed == 0 else cache_dir('experiments', 'joint_seeds')/f'joint_cpu_seed{seed}'
    if not Path(f'{path}_embeddings.safetensors').exists():
        torch.set_num_threads(2)
        stores = {s: jacobians(s, preset='cpu', chunks=[], progress=False) for s in SPACES}  # opened, nothing computed
        train_joint(stores, path, seed=seed, **PRETRAINED)
    J = load_joint(path)
    if J['meta']['seed'] != seed or J['meta']['options'] != PRETRAINED: raise ValueError(f"{path} was not trained with seed {seed} and the shipped recipe")
    return J

def summary(J:dict, seed:int, nb:NB201, ignores:np.ndarray, accs:dict)->dict:
    emb, done = J['emb'], J['done']
    row = {'seed': seed}
    for s in SPACES:
        v = J['val'][s]
        keys = [nb.iso_key(int(i)) for i in v] if s == 'nb201' else None
        row[f'top1 {s}'] = identification(emb[s][v], keys)['top1']
    usable = {'nb201': done['nb201'][~ignores[done['nb201']]], 'nats_sss': done['nats_sss']}  # as in 12_transfer
    torch.set_num_threads(1)
    for src in SPACES:
        tgt = SPACES[1 - SPACES.index(src)]
        for d in DATASETS:
            t = transfer_scores(emb, {s: accs[s][d] for s in SPACES}, src, n_train=[10_000], n_test=3000, reps=10, usable=usable, kind='gbm')
            row[f'{src}->{tgt} {d}'] = t[t.target == tgt].kendall.mean()
    return row

def main(seeds):
    nb = NB201()
    ignores = np.array([nb.ignores_input(i) for i in range(len(nb))])
    accs = {s: {d: Benchmark(s, d).acc for d in DATASETS} for s in SPACES}
    rows = []
    for seed in seeds:
        t0 = time.perf_counter()
        rows.append(summary(joint(seed), seed, nb, ignores, accs))
        print(f'seed {seed}: {time.perf_counter() - t0:.0f} s', flush=True)
    t = pd.DataFrame(rows).set_index('seed')
    with pd.option_context('display.width', 200, 'display.max_columns', 20): print(t.round(3))
    if len(t) > 1: print('\nmean ± sd over seeds:\n' + (t.mean().round(3).astype(str) + ' ± ' + t.std().round(3).astype(str)).to_string())

if __name__ == '__main__':
    main([int(s) for s in sys.argv[1:]] or [0, 1, 2])
