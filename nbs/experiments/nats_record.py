"""A compact record of the NATS size-space `cpu`-preset Jacobian store, so that the store can be finished over several
sessions (behind data/pretrained/nats_sss_cpu_embeddings.safetensors and experiments/e08_nats_embeddings).

The store takes about 6.5 core-hours for all 32,768 networks on a 2-core CPU (4.4 measured for the first 25,344) and 1 GB of disk, and a machine's cache does not outlive a
session, so what later steps need is kept per chunk of 256 networks in results/nats_record/ (about 100 KB a chunk,
float16, written by the library's `cenas.pretrained.record_chunk`, each with its content hash, the store key and the encoder's weights key): the embeddings of every view by the shipped NAS-Bench-201 encoder, and the view means of two training-free
features, the log singular values (`cenas.jacobians.log_singular_values`) and the embedding by an untrained encoder (the
shipped encoder's architecture with fresh seed-0 weights). Every value depends only on its own network (seeded views,
fixed image batch, fixed encoders), so chunks computed on different machines join into the same result.

    python nbs/experiments/nats_record.py record [--watch]   # add the cached store's computed chunks (--watch: until it is complete)
    python nbs/experiments/nats_record.py missing            # how many chunks the record still lacks
    python nbs/experiments/nats_record.py compute i/n        # compute shard i of n of the missing chunks, recording each (run n side by side)
    python nbs/experiments/nats_record.py assemble           # once complete: the shipped embeddings and results/nats_sss_cpu_features.safetensors

`assemble` also adds the view means of a 32-axis PCA of the raw projected Jacobians (`cenas.jacobians.pca_features`, fitted on
4,000 seeded views, as experiments/e04_nb201_search does for NAS-Bench-201) to the features file when the cached store is complete.
"""
import sys, time
from pathlib import Path
import numpy as np, torch
from cenas.core import data_path, load_arrays, save_arrays
from cenas.encoder import SetEncoder, embed, load_encoder
from cenas.pretrained import build_pretrained, pretrained_paths, read_record, record_chunk, weights_key
from cenas.jacobians import JacobianStore, jacobians, log_singular_values, pca_features

HERE = Path(__file__).parent
RECORD, FEATURES = HERE/'results'/'nats_record', HERE/'results'/'nats_sss_cpu_features.safetensors'
SETTINGS = dict(space='nats_sss', preset='cpu', seed=0)

def store(**kw):
    "The cached NATS store of the `cpu` preset, computing `jacobians(**kw)` into it; `chunks=[]` only opens it."
    return jacobians(**{'progress': False, **SETTINGS, **kw})

def encoders():
    "The shipped NAS-Bench-201 encoder and an untrained one of the same architecture (seed 0)."
    enc = load_encoder(pretrained_paths('nb201')[0])
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0); fresh = SetEncoder(enc.cfg)
    return enc, fresh

def extras(fresh)->dict:
    "The training-free features kept beside the embeddings: per network, the view means."
    return {'log singular values': lambda st, ids: log_singular_values(st, ids).mean(1), 'untrained encoder': lambda st, ids: embed(fresh, st, idx=ids).mean(1)}

def recorded(st, enc)->dict: return read_record(RECORD, st.key, weights_key(enc))

def record(watch:bool=False):
    torch.set_num_threads(1)
    (enc, fresh), path = encoders(), store(chunks=[]).path
    while True:
        st = JacobianStore(path)  # re-read: other processes add chunks
        new = [c for c in range(st.n_chunks) if st.done[slice(*st.bounds(c))].all() and c not in recorded(st, enc)]
        for c in new: record_chunk(st, c, enc, RECORD, extras(fresh))
        if new: print(f"{time.strftime('%H:%M:%S')} recorded {len(new)} chunk(s); {len(recorded(st, enc))}/{st.n_chunks} in the record", flush=True)
        if not watch or len(recorded(st, enc)) == st.n_chunks: return
        time.sleep(20)

def missing()->list:
    st, (enc, _) = store(chunks=[]), encoders()
    return sorted(set(range(st.n_chunks)) - set(recorded(st, enc)))

def compute(shard:str):
    i, n = (int(v) for v in shard.split('/'))
    mine = missing()[i::n]
    enc, fresh = encoders()
    print(f"shard {i}/{n}: {len(mine)} chunk(s) to compute", flush=True)
    store(chunks=mine, progress=True, on_chunk=lambda c, st: record_chunk(st, c, enc, RECORD, extras(fresh)))

def assemble():
    "The shipped embeddings (by the library's recorded build, which computes nothing once the record is complete) and the features file."
    res = build_pretrained(**SETTINGS, encoder='nb201', record=RECORD, out=data_path('pretrained'), progress=False)
    if res['embeddings'] is None: raise SystemExit(f"the record has {res['recorded']} of {res['chunks']} chunks: `compute` the rest first")
    st, (enc, _) = store(chunks=[]), encoders()
    parts = recorded(st, enc)
    feats = {k: np.concatenate([parts[c][0][k] for c in sorted(parts)]) for k in parts[0][0] if k != 'embeddings'}
    if st.done.all():  # a PCA basis needs views from the whole space, so only a complete store gives it (seconds)
        torch.set_num_threads(1)
        feats['raw-Jacobian PCA'] = pca_features(st, dims=32, sample=4000, seed=0).mean(1).astype(np.float16)
    elif FEATURES.exists(): feats['raw-Jacobian PCA'] = load_arrays(FEATURES)[0]['raw-Jacobian PCA']  # keep the one computed when the store was complete
    else: print(f"the store at {st.path} is incomplete: the features file gets no raw-Jacobian PCA")
    save_arrays(feats, FEATURES, store_key=st.key, command='python nbs/experiments/nats_record.py assemble')
    print('wrote', res['embeddings'], 'and', FEATURES)

if __name__ == '__main__':
    a = sys.argv[1:]
    if a[:1] == ['record'] and set(a[1:]) <= {'--watch'}: record('--watch' in a)
    elif a == ['missing']: m = missing(); print(f"{len(m)} chunk(s) missing from the record: {m}")
    elif a[:1] == ['compute'] and len(a) == 2: compute(a[1])
    elif a == ['assemble']: assemble()
    else: sys.exit(__doc__)
