"""How much do the joint encoder's results move with its training seed? (experiments/e10_joint_encoder, e11_transfer)

19 trains one joint encoder (seed 0, kept in results/joint_cpu_*). This script trains the same recipe with other seeds
into the cache (`cache_dir('experiments', 'joint_seeds')`; an existing one is read, not retrained) and prints, per
seed: held-out identification per space (top-1, as in 19) and 12's transfer grid at 10,000 training architectures
(gradient boosting, 3,000 test architectures per space, 10 repetitions, Kendall tau mean), for both directions and
all three datasets. Seed 0 is read from results/ and must reproduce 12's tables.
With --search it also repeats 12's NAS-Bench-201 searches for each seed (cold BO on the joint embeddings, and BO
warm-started by the gradient-boosting surrogate trained on every NATS network; 30 runs, 100 evaluations, the same
seeds and cache as 12, so seed 0 only reads 12's runs) and prints the best accuracy after 100 evaluations with its
95% t-interval.
Needs both `cpu`-preset Jacobian stores in the cache (see 19 for the commands); each new seed trains in about 10 min on 2 cores.

    python nbs/experiments/joint_seed_check.py [--search] 0 1 2      # run from the repository root
"""
import argparse, time
from pathlib import Path
import numpy as np, pandas as pd, torch
from cenas.benchmarks import Benchmark
from cenas.core import cache_dir
from cenas.pretrained import PRETRAINED
from cenas.encoder import identification
from cenas.jacobians import jacobians
from cenas.predictors import Surrogate
from cenas.search import simulate, summarize
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
    "Held-out top-1 identification per space and 12's transfer grid at 10,000 training architectures (mean Kendall tau)."
    emb, done = J['emb'], J['done']
    row = {'seed': seed}
    for s in SPACES:
        v = J['val'][s]
        keys = [nb.iso_key(int(i)) for i in v] if s == 'nb201' else None
        row[f'top1 {s}'] = identification(emb[s][v], keys)['top1']
    usable = {'nb201': done['nb201'][~ignores[done['nb201']]], 'nats_sss': done['nats_sss']}  # as in e11_transfer
    torch.set_num_threads(1)
    for src in SPACES:
        tgt = SPACES[1 - SPACES.index(src)]
        for d in DATASETS:
            t = transfer_scores(emb, {s: accs[s][d] for s in SPACES}, src, n_train=[10_000], n_test=3000, reps=10, usable=usable, kind='gbm')
            row[f'{src}->{tgt} {d}'] = t[t.target == tgt].kendall.mean()
    return row

def searches(J:dict, seed:int, accs:dict)->pd.DataFrame:
    "12's NAS-Bench-201 searches (cold BO, BO warm-started from NATS) on one joint encoder's embeddings."
    emb, done, rows = J['emb'], J['done'], []
    cand, src = done['nb201'], done['nats_sss']  # every NATS network trains the prior, as in 12 (none is degenerate)
    for d in DATASETS:
        bench = Benchmark.from_array(accs['nb201'][d][cand], dataset=d)
        prior = Surrogate('gbm', seed=0).fit(emb['nats_sss'][src], accs['nats_sss'][d][src]).predict(emb['nb201'][cand])
        for method, kw in (('BO cold', {}), ('BO warm (transfer prior)', dict(prior=prior, prior_top=100))):
            t = simulate('bo', emb['nb201'][cand], bench, 100, runs=30, n_jobs=2, cache=cache_dir('experiments', 'e11_transfer')/'search', block=10, **kw)
            rows.append(summarize(t.assign(method=method), budgets=(100,)).assign(seed=seed, dataset=d))
    return pd.concat(rows, ignore_index=True)

def main(seeds, search=False):
    nb = NB201()
    ignores = nb.ignores
    accs = {s: {d: Benchmark(s, d).acc for d in DATASETS} for s in SPACES}
    rows, found = [], []
    for seed in seeds:
        t0 = time.perf_counter()
        J = joint(seed)
        rows.append(summary(J, seed, nb, ignores, accs))
        if search: found.append(searches(J, seed, accs))
        print(f'seed {seed}: {time.perf_counter() - t0:.0f} s', flush=True)
    t = pd.DataFrame(rows).set_index('seed')
    with pd.option_context('display.width', 200, 'display.max_columns', 20): print(t.round(3))
    if len(t) > 1: print('\nmean ± sd over seeds:\n' + (t.mean().round(3).astype(str) + ' ± ' + t.std().round(3).astype(str)).to_string())
    if search:
        f = pd.concat(found, ignore_index=True)
        f['after 100'] = f['mean'].map('{:.2f}'.format) + ' [' + f.ci_low.map('{:.2f}'.format) + ', ' + f.ci_high.map('{:.2f}'.format) + ']'
        print('\nNAS-Bench-201, best test accuracy after 100 evaluations, mean [95% t-interval] over 30 runs:')
        with pd.option_context('display.width', 250, 'display.max_columns', 10): print(f.pivot_table(index=['seed', 'method'], columns='dataset', values='after 100', aggfunc='first', sort=False))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('seeds', type=int, nargs='*', default=[0, 1, 2]); p.add_argument('--search', action='store_true')
    a = p.parse_args(); main(a.seeds, search=a.search)
