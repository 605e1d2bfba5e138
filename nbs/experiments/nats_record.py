"""A compact record of the NATS size-space `cpu`-preset Jacobian store, so that the store can be finished over several
sessions (behind data/pretrained/nats_sss_cpu_embeddings.safetensors and experiments/e08_nats_embeddings).

The store takes about 6.5 core-hours for all 32,768 networks on a 2-core CPU (4.4 measured for the first 25,344) and 1 GB of disk, and a machine's cache does not outlive a
session, so what later steps need is kept per chunk of 256 networks in results/nats_record/ (about 100 KB a chunk,
float16): the embeddings of every view by the shipped NAS-Bench-201 encoder, and the view means of two training-free
features, the log singular values (`cenas.jacobians.log_singular_values`) and the embedding by an untrained encoder (the
shipped encoder's architecture with fresh seed-0 weights). Every value depends only on its own network (seeded views,
fixed image batch, fixed encoders), so chunks computed on different machines join into the same result.

    python nbs/experiments/nats_record.py record [--watch]   # add the cached store's computed chunks (--watch: until it is complete)
    python nbs/experiments/nats_record.py missing            # how many chunks the record still lacks
    python nbs/experiments/nats_record.py compute i/n        # compute shard i of n of the missing chunks, recording each (run n side by side)
    python nbs/experiments/nats_record.py assemble           # once complete: the shipped embeddings and results/nats_sss_cpu_features.safetensors

`assemble` also adds the view means of a 32-axis PCA of the raw projected Jacobians (`cenas.jacobians.pca_features`, fitted on
4,000 seeded views, as experiments/11 does for NAS-Bench-201) to the features file when the cached store is complete.
"""
import json, sys, time
from pathlib import Path
import numpy as np, torch
from safetensors import safe_open
from safetensors.torch import save as st_save
from cenas.core import atomic_write, data_path, file_hash
from cenas.encoder import SetEncoder, embed, load_encoder
from cenas.pretrained import pretrained_paths, save_embeddings
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

def recorded()->set:
    return {int(p.stem.split('_')[1]) for p in RECORD.glob('chunk_*.safetensors')}

def record_chunk(st, c:int, encs):
    "Reduce chunk `c` of the store to its record file (written atomically)."
    enc, fresh = encs
    ids = np.arange(*st.bounds(c))
    t = {'embeddings': embed(enc, st, idx=ids), 'log singular values': log_singular_values(st, ids).mean(1), 'untrained encoder': embed(fresh, st, idx=ids).mean(1)}
    meta = {'chunk': str(c), 'start': str(ids[0]), 'stop': str(ids[-1] + 1), 'store_key': st.key, 'encoder_sha256': file_hash(pretrained_paths('nb201')[0])}
    RECORD.mkdir(parents=True, exist_ok=True)
    with atomic_write(RECORD/f'chunk_{c:05d}.safetensors') as f: f.write(st_save({k: torch.from_numpy(np.ascontiguousarray(v, np.float16)) for k, v in t.items()}, metadata=meta))

def record(watch:bool=False):
    torch.set_num_threads(1)
    encs, path = encoders(), store(chunks=[]).path
    while True:
        st = JacobianStore(path)  # re-read: other processes add chunks
        new = sorted(set(np.flatnonzero([st.done[slice(*st.bounds(c))].all() for c in range(st.n_chunks)])) - recorded())
        for c in new: record_chunk(st, c, encs)
        if new: print(f"{time.strftime('%H:%M:%S')} recorded {len(new)} chunk(s); {len(recorded())}/{st.n_chunks} in the record", flush=True)
        if not watch or len(recorded()) == st.n_chunks: return
        time.sleep(20)

def missing()->list:
    return sorted(set(range(store(chunks=[]).n_chunks)) - recorded())

def compute(shard:str):
    i, n = (int(v) for v in shard.split('/'))
    mine = missing()[i::n]
    encs = encoders()
    print(f"shard {i}/{n}: {len(mine)} chunk(s) to compute", flush=True)
    store(chunks=mine, progress=True, on_chunk=lambda c, st: record_chunk(st, c, encs))

def assemble():
    parts = {}
    for p in sorted(RECORD.glob('chunk_*.safetensors')):
        with safe_open(str(p), framework='np') as f: parts[int(p.stem.split('_')[1])] = ({k: f.get_tensor(k) for k in f.keys()}, f.metadata())
    n_chunks = store(chunks=[]).n_chunks
    if len(parts) != n_chunks: raise SystemExit(f"the record has {len(parts)} of {n_chunks} chunks: `compute` the rest first")
    keys = {m['store_key'] for _, m in parts.values()} | {m['encoder_sha256'] for _, m in parts.values()}
    if len(keys) != 2: raise SystemExit(f"the record's chunks come from different stores or encoders: {keys}")
    cat = {k: np.concatenate([parts[c][0][k] for c in sorted(parts)]) for k in parts[0][0]}
    meta = parts[0][1]
    enc_path = pretrained_paths('nb201')[0]
    save_embeddings(cat['embeddings'].astype(np.float32), pretrained_paths('nats_sss')[1], **SETTINGS, store_key=meta['store_key'],
                    encoder=enc_path.name, encoder_sha256=file_hash(enc_path),  # the record's weights; the file has since gained a content hash
                    encoder_store_key=load_encoder(enc_path).store_key,
                    command="cenas embed --space nats_sss --preset cpu --seed 0 --encoder nb201", assembled_by='nbs/experiments/nats_record.py')
    feats = {k: torch.from_numpy(v) for k, v in cat.items() if k != 'embeddings'}
    st = store(chunks=[])
    if st.done.all():  # a PCA basis needs views from the whole space, so only a complete store gives it (seconds)
        torch.set_num_threads(1)
        feats['raw-Jacobian PCA'] = torch.from_numpy(pca_features(st, dims=32, sample=4000, seed=0).mean(1).astype(np.float16))
    else: print(f"the store at {st.path} is incomplete: the features file gets no raw-Jacobian PCA")
    with atomic_write(FEATURES) as f: f.write(st_save(feats, metadata={'store_key': json.dumps(meta['store_key']), 'command': json.dumps('python nbs/experiments/nats_record.py assemble')}))
    print('wrote', pretrained_paths('nats_sss')[1], 'and', FEATURES)

if __name__ == '__main__':
    a = sys.argv[1:]
    if a[:1] == ['record'] and set(a[1:]) <= {'--watch'}: record('--watch' in a)
    elif a == ['missing']: m = missing(); print(f"{len(m)} chunk(s) missing from the record: {m}")
    elif a[:1] == ['compute'] and len(a) == 2: compute(a[1])
    elif a == ['assemble']: assemble()
    else: sys.exit(__doc__)
