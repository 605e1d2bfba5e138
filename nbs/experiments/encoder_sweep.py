"""Encoder recipe sweep behind the shipped NAS-Bench-201 encoder (see experiments/e03_nb201_embeddings).

Trains one encoder per recipe on the full NB201 `cpu`-preset Jacobian store (seed 0, 1,028 held-out cells) and
records the validation loss per epoch, held-out identification (view 0 retrieves view 1 among the 1,028, cosine,
isomorphic cells count as hits) and how well a random forest on the view-averaged embeddings ranks CIFAR-10
accuracy (Kendall tau: 500 training cells, 3,000 test cells, 3 repetitions).

    cenas jacobians --space nb201 --preset cpu          # the store (about an hour on 2 cores; resumable)
    python nbs/experiments/encoder_sweep.py NAME LR TEMPERATURE DIM EPOCHS   # one recipe, appended to results/encoder_sweep.jsonl
"""
import json, sys, time
from pathlib import Path
import numpy as np, torch
from cenas.jacobians import jacobians
from cenas.encoder import train_encoder, embed, identification
from cenas.spaces import NB201
from cenas.benchmarks import Benchmark
from cenas.predictors import Surrogate, rank_metrics

def rf_tau(E, acc, good, reps=3, n_train=500, n_test=3000):
    "Mean Kendall tau of a random forest on view-averaged features, over `reps` seeded splits."
    rng, taus = np.random.default_rng(0), []
    for r in range(reps):
        p = rng.permutation(good); tr, te = p[:n_train], p[n_train:n_train+n_test]
        taus.append(rank_metrics(acc[te], Surrogate('rf', seed=r).fit(E[tr], acc[tr]).predict(E[te]))['kendall'])
    return float(np.mean(taus))

def main(name, lr, temperature, dim, epochs):
    torch.set_num_threads(1)
    store = jacobians('nb201', preset='cpu', seed=0)  # cached: returns at once when complete
    t0 = time.time()
    enc, hist = train_encoder(store, epochs=epochs, lr=lr, temperature=temperature, config=dict(dim=dim), seed=0, progress=False)
    secs = time.time() - t0
    val = np.asarray(hist.attrs['val_idx'])
    ident = identification(embed(enc, store, idx=val), NB201().iso_keys[val])
    good = np.flatnonzero(~np.asarray(store.degenerate))
    res = dict(name=name, lr=lr, t=temperature, dim=dim, epochs=epochs, secs=round(secs), val=[round(v, 3) for v in hist.val_loss],
               top1=ident['top1'], top5=ident['top5'], median_rank=ident['median_rank'],
               rf_tau=round(rf_tau(embed(enc, store), Benchmark('nb201', 'cifar10').acc, good), 3))
    print(json.dumps(res), flush=True)
    out = Path(__file__).parent/'results'/'encoder_sweep.jsonl'
    with open(out, 'a') as f: f.write(json.dumps(res) + '\n')

if __name__ == '__main__':
    a = sys.argv[1:]
    if len(a) != 5: sys.exit(__doc__)
    main(a[0], float(a[1]), float(a[2]), int(a[3]), int(a[4]))
