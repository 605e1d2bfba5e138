"""A compact record of the NAS-Bench-201 `deep`-preset Jacobian store (issue #20), so that the store can be finished over
several sessions and machines: for each chunk of 256 cells, the embeddings of every view by the shipped `deep` encoder
(data/pretrained/nb201_deep_encoder.safetensors, trained in experiments/e14_deep_presets) and the training-free log singular
values of every view, float16, written by the library's `cenas.pretrained.record_chunk` with the store key, the encoder's
weights key and a content hash, into results/nb201_deep_record/ (about 200 KB a chunk).

The store takes about 5.9 core-hours (1.36 CPU-s per cell, e14) and 1 GB of cache; every value depends only on its own
cell (seeded views, fixed image batch, fixed encoder), so chunks computed on different machines join into the same result.

    python nbs/experiments/nb201_deep_record.py compute    # compute and record the missing chunks on every core (resumable: run it again)
    python nbs/experiments/nb201_deep_record.py missing    # how many chunks the record still lacks
    cenas embed --space nb201 --preset deep --encoder data/pretrained/nb201_deep_encoder.safetensors \\
                --record nbs/experiments/results/nb201_deep_record --out data/pretrained   # once complete: the shipped embeddings

`compute` and `missing` take `--encoder FILE --record DIR` to record another encoder's embeddings beside the same log singular values (e.g. the
longer-trained candidate of experiments/e17_deep_encoder_data, into results/nb201_deep_long_record).
"""
import argparse
from pathlib import Path
import torch
from cenas.core import data_path
from cenas.encoder import load_encoder
from cenas.jacobians import jacobians, log_singular_values
from cenas.pretrained import pretrained_paths, read_record, record_chunk, weights_key

RECORD = Path(__file__).parent/'results'/'nb201_deep_record'

def store(**kw):
    "The cached NAS-Bench-201 `deep` store, computing `jacobians(**kw)` into it; `chunks=[]` only opens it."
    return jacobians('nb201', preset='deep', **{'progress': False, **kw})

def encoder(path=None): return load_encoder(path or pretrained_paths('nb201', 'deep', data_path('pretrained'))[0])

EXTRAS = {'log singular values': lambda st, ids: log_singular_values(st, ids)}  # every view: identification needs them

def missing(st, enc, record=RECORD)->list: return sorted(set(range(st.n_chunks)) - set(read_record(record, st.key, weights_key(enc)) if Path(record).is_dir() else ()))

def compute(enc, record=RECORD):
    torch.set_num_threads(1)
    st = store(chunks=[])
    todo = missing(st, enc, record)
    ready = [c for c in todo if st.done[slice(*st.bounds(c))].all()]  # computed earlier on this machine: record them directly
    for c in ready: record_chunk(st, c, enc, record, EXTRAS)
    rest = [c for c in todo if c not in ready]
    print(f"{len(ready)} cached chunk(s) recorded; {len(rest)} to compute", flush=True)
    if rest: store(chunks=rest, progress=True, on_chunk=lambda c, s: record_chunk(s, c, enc, record, EXTRAS))

if __name__ == '__main__':
    p = argparse.ArgumentParser(usage=__doc__)
    p.add_argument('what', choices=['compute', 'missing'])
    p.add_argument('--encoder', type=Path, help='encoder file (default: the shipped deep encoder)')
    p.add_argument('--record', type=Path, default=RECORD, help='record folder (default: results/nb201_deep_record)')
    a = p.parse_args()
    if a.encoder is not None and a.record == RECORD: p.error("another encoder's chunks go into their own record folder: give --record too")
    enc = encoder(a.encoder)
    if a.what == 'compute': compute(enc, a.record)
    else: m = missing(store(chunks=[]), enc, a.record); print(f"{len(m)} chunk(s) missing from the record: {m}")
