"""Acquisition pilot for BO on NAS-Bench-201: Thompson sampling (`acq='ts'`) against LogEI and random search, same seeds.

    python nbs/experiments/bench_acquisitions.py [DATASET] [RUNS] [JOBS]   # default: cifar10, 30 runs (seeds 0..RUNS-1), budget 200, 1 process
    python nbs/experiments/bench_acquisitions.py --steps             # seconds per BO step at 200 observations, LogEI vs Thompson

BO on the shipped `cpu`-preset contrastive embeddings and on the one-hot code, with the search settings of
experiments/e04 (`refit_every=20, fit_iters=20`), and on the contrastive embeddings also LogEI with every view as a GP row
(`views='all'`), each acquisition on the same seeds as random search. Prints the
mean best accuracy found at 10/25/50/100/200 evaluations with its 95% Student-t interval, the wall time per
configuration, and how well each GP's predictions covered the accuracies its picks then revealed (`calibration`, over
the first 5 runs of 100 evaluations: coverage of the 90% interval, log predictive density, sd of the standardised errors). Finished blocks of 10 runs are cached under `cache_dir('experiments', 'bench_acquisitions')`, so an
interrupted run resumes and a rerun only reads.
"""
import sys, time, warnings
import numpy as np, pandas as pd, torch
from cenas.benchmarks import Benchmark
from cenas.core import cache_dir
from cenas.pretrained import load_embeddings
from cenas.search import _BO, bo_search, calibration, simulate, summarize

BUDGETS = (10, 25, 50, 100, 200)

def run(dataset:str='cifar10', runs:int=30, jobs:int=1)->pd.DataFrame:
    "Every configuration's runs on `dataset`: `simulate`'s tidy table with methods labelled."
    bench = Benchmark('nb201', dataset)
    feats = {'contrastive': load_embeddings('nb201'), 'one-hot': bench.space.encode()}
    cache, parts = cache_dir('experiments', 'bench_acquisitions'), []
    for name, X in feats.items():
        for acq in ('logei', 'ts'):
            t0 = time.perf_counter()
            parts.append(simulate('bo', X, bench, 200, runs=runs, cache=cache, block=10, acq=acq, refit_every=20, fit_iters=20)
                         .assign(method=f'BO {acq}, {name}'))
            print(f'BO {acq}, {name}: {time.perf_counter() - t0:.0f} s', flush=True)
        if name == 'contrastive':  # every view a GP row with its architecture's accuracy: the GP learns how much the views disagree
            t0 = time.perf_counter()
            parts.append(simulate('bo', X, bench, 200, runs=runs, cache=cache, block=10, n_jobs=jobs, acq='logei', views='all', refit_every=20, fit_iters=20)
                         .assign(method='BO logei, contrastive, every view a GP row'))
            print(f'BO logei, contrastive, every view a GP row: {time.perf_counter() - t0:.0f} s', flush=True)
    parts.append(simulate('random', None, bench, 200, runs=runs, cache=cache, block=10))
    return pd.concat(parts, ignore_index=True)

def calibrations(dataset:str='cifar10', runs:int=5, budget:int=100)->pd.DataFrame:
    "Mean calibration of each configuration's GP over `runs` seeded searches of `budget` evaluations."
    bench = Benchmark('nb201', dataset)
    feats = {'contrastive': load_embeddings('nb201'), 'one-hot': bench.space.encode()}
    rows = [dict(method=f'BO {acq}, {name}', **calibration(bo_search(X, bench, budget, seed=s, acq=acq, refit_every=20, fit_iters=20)))
            for name, X in feats.items() for acq in ('logei', 'ts') for s in range(runs)]
    rows += [dict(method='BO logei, contrastive, every view a GP row', **calibration(bo_search(feats['contrastive'], bench, budget, seed=s, views='all',
                                                                                               refit_every=20, fit_iters=20))) for s in range(runs)]
    return pd.DataFrame(rows).groupby('method')[['coverage', 'lpd', 'z_sd']].mean()

def step_seconds(X, bench, acq:str, n_obs:int=200, repeats:int=5)->dict:
    "Median wall seconds of one BO step over all candidates at `n_obs` observations: a step between refits, and a refit step."
    bo = _BO(X, bench, n_obs + 2*repeats + 2, seed=0, acq=acq, refit_every=20, fit_iters=20)
    bo.observe(np.random.default_rng(1).choice(len(bench.acc), n_obs, replace=False))
    bo.observe(bo.propose(refit=True))  # fit once (and, for Thompson, build the random features), untimed
    t = {'between refits': [], 'refit': []}
    for _ in range(repeats):
        for kind, refit in (('between refits', False), ('refit', True)):
            t0 = time.perf_counter(); bo.observe(bo.propose(refit=refit)); t[kind].append(time.perf_counter() - t0)
    return {k: float(np.median(v)) for k, v in t.items()}

def steps_table()->pd.DataFrame:
    "Step seconds of LogEI and Thompson sampling on both feature sets, measured in the same run, with their ratio."
    bench = Benchmark('nb201', 'cifar10')
    feats = {'contrastive': load_embeddings('nb201'), 'one-hot': bench.space.encode()}
    rows = []
    for name, X in feats.items():
        s = {acq: step_seconds(X, bench, acq) for acq in ('logei', 'ts')}
        for kind in ('between refits', 'refit'):
            rows.append(dict(features=name, step=kind, logei=s['logei'][kind], ts=s['ts'][kind], ratio=s['ts'][kind]/s['logei'][kind]))
    return pd.DataFrame(rows)

if __name__ == '__main__':
    torch.set_num_threads(1)
    warnings.simplefilter('ignore')  # GPyTorch's numerical warnings on near-duplicate inputs
    if sys.argv[1:] == ['--steps']:
        print('seconds per BO step over all 15,625 NAS-Bench-201 cells at 200 observations (median of 5, one thread)')
        print(steps_table().round(3).to_string(index=False)); sys.exit()
    dataset, runs = (sys.argv[1] if len(sys.argv) > 1 else 'cifar10'), (int(sys.argv[2]) if len(sys.argv) > 2 else 30)
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    s = summarize(run(dataset, runs, jobs), budgets=BUDGETS)
    s['cell'] = [f'{m:.2f} [{lo:.2f}, {hi:.2f}]' for m, lo, hi in zip(s['mean'], s['ci_low'], s['ci_high'])]
    pd.set_option('display.width', 250)
    print(f'NAS-Bench-201 {dataset}: mean best accuracy [95% interval], {runs} runs each, seeds 0..{runs - 1}')
    print(s.pivot(index='method', columns='budget', values='cell').to_string())
    print('\ncalibration over the first 5 runs (100 evaluations): 90% interval coverage, log predictive density, sd of z')
    print(calibrations(dataset).round(3).to_string())
