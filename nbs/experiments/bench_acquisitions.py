"""Which part of the `bo_search` default does the work: acquisition (LogEI, Thompson sampling) x GP targets (standardised, rank-warped), same seeds.

    python nbs/experiments/bench_acquisitions.py [DATASET] [RUNS] [JOBS]   # default: cifar10, 30 runs (seeds 0..RUNS-1), budget 200, 1 process
    python nbs/experiments/bench_acquisitions.py --steps             # seconds per BO step at 200 observations, each configuration

BO on the shipped `cpu`-preset contrastive embeddings and on the one-hot code, with the search settings of
experiments/e04 (`refit_every=20, fit_iters=20`), in the four combinations of `acq` ('logei', 'ts') and `warp`
('standard', the targets before issue 21; 'rank', the default since), beside random search on the same seeds. Prints the
mean best accuracy found at 10/25/50/100/200 evaluations with its 95% Student-t interval, the wall time per
configuration, and how well each GP's predictions covered the accuracies its picks then revealed (`calibration`, over
the first 5 runs of 100 evaluations: coverage of the 90% interval, log predictive density, sd of the standardised
errors). Finished blocks of 10 runs are cached under `cache_dir('experiments', 'bench_acquisitions')`, so an
interrupted run resumes and a rerun only reads. The 100-run comparison of the default with LogEI, random search, REA and
the paper's procedure on six feature sets is experiments/e16_graceful_search.
"""
import sys, time, warnings
import numpy as np, pandas as pd, torch
from cenas.benchmarks import Benchmark
from cenas.core import cache_dir
from cenas.pretrained import load_embeddings
from cenas.search import _BO, bo_search, calibration, simulate, summarize

BUDGETS = (10, 25, 50, 100, 200)
SETTINGS = dict(refit_every=20, fit_iters=20)
CONFIGS = {'LogEI, standardised': dict(acq='logei', warp='standard'), 'Thompson, standardised': dict(acq='ts', warp='standard'),
           'LogEI, rank-warped': dict(acq='logei', warp='rank'), 'Thompson, rank-warped (default)': dict(acq='ts', warp='rank')}

def features(bench)->dict: return {'contrastive': load_embeddings('nb201'), 'one-hot': bench.space.encode()}

def run(dataset:str='cifar10', runs:int=30, jobs:int=1)->pd.DataFrame:
    "Every configuration's runs on `dataset`: `simulate`'s tidy table with methods labelled."
    bench = Benchmark('nb201', dataset)
    cache, parts = cache_dir('experiments', 'bench_acquisitions'), []
    for name, X in features(bench).items():
        for label, kw in CONFIGS.items():
            t0 = time.perf_counter()
            parts.append(simulate('bo', X, bench, 200, runs=runs, cache=cache, block=10, n_jobs=jobs, **SETTINGS, **kw).assign(method=f'{label}, {name}'))
            print(f'{label}, {name}: {time.perf_counter() - t0:.0f} s', flush=True)
    parts.append(simulate('random', None, bench, 200, runs=runs, cache=cache, block=10))
    return pd.concat(parts, ignore_index=True)

def calibrations(dataset:str='cifar10', runs:int=5, budget:int=100)->pd.DataFrame:
    "Mean calibration of each configuration's GP over `runs` seeded searches of `budget` evaluations."
    bench = Benchmark('nb201', dataset)
    rows = [dict(method=f'{label}, {name}', **calibration(bo_search(X, bench, budget, seed=s, **SETTINGS, **kw)))
            for name, X in features(bench).items() for label, kw in CONFIGS.items() for s in range(runs)]
    return pd.DataFrame(rows).groupby('method', sort=False)[['coverage', 'lpd', 'z_sd']].mean()

def step_seconds(X, bench, kw:dict, n_obs:int=200, repeats:int=5)->dict:
    "Median wall seconds of one BO step over all candidates at `n_obs` observations: a step between refits, a refit step, and their mean at refit_every=20."
    bo = _BO(X, bench, n_obs + 2*repeats + 2, seed=0, **SETTINGS, **kw)
    bo.observe(np.random.default_rng(1).choice(len(bench.acc), n_obs, replace=False))
    bo.observe(bo.propose(refit=True))  # fit once (and, for Thompson, build the random features), untimed
    t = {'between refits': [], 'refit': []}
    for _ in range(repeats):
        for kind, refit in (('between refits', False), ('refit', True)):
            t0 = time.perf_counter(); bo.observe(bo.propose(refit=refit)); t[kind].append(time.perf_counter() - t0)
    t = {k: float(np.median(v)) for k, v in t.items()}
    return t | {'amortised': (t['refit'] + 19*t['between refits'])/20}

def steps_table()->pd.DataFrame:
    "Step seconds of every configuration on both feature sets, measured in the same run."
    bench = Benchmark('nb201', 'cifar10')
    return pd.DataFrame({(name, label): step_seconds(X, bench, kw) for name, X in features(bench).items() for label, kw in CONFIGS.items()}).T

if __name__ == '__main__':
    torch.set_num_threads(1)
    warnings.simplefilter('ignore')  # GPyTorch's numerical warnings on near-duplicate inputs
    if sys.argv[1:] == ['--steps']:
        print('seconds per BO step over all 15,625 NAS-Bench-201 cells at 200 observations (median of 5, one thread)')
        print(steps_table().round(3).to_string()); sys.exit()
    dataset, runs = (sys.argv[1] if len(sys.argv) > 1 else 'cifar10'), (int(sys.argv[2]) if len(sys.argv) > 2 else 30)
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    s = summarize(run(dataset, runs, jobs), budgets=BUDGETS)
    s['cell'] = [f'{m:.2f} [{lo:.2f}, {hi:.2f}]' for m, lo, hi in zip(s['mean'], s['ci_low'], s['ci_high'])]
    pd.set_option('display.width', 250)
    print(f'NAS-Bench-201 {dataset}: mean best accuracy [95% interval], {runs} runs each, seeds 0..{runs - 1}')
    print(s.pivot(index='method', columns='budget', values='cell').to_string())
    print('\ncalibration over the first 5 runs (100 evaluations): 90% interval coverage, log predictive density, sd of z')
    print(calibrations(dataset).round(3).to_string())
