"""Is bfloat16 worth offering for the Jacobian engine? (issue #3: "no reduced precision by default; measure before offering it")

For seeded NAS-Bench-201 architectures at a preset (default `paper`), computes every view's data Jacobian twice in one
run, interleaved: in float32 (cenas's default) and under CPU bfloat16 autocast (oneDNN; fast where the CPU has AMX or
AVX512-BF16). Prints per architecture and overall:
  - speed-up: float32 seconds / bfloat16 seconds for the same K views;
  - error of the bfloat16 Jacobian, relative to float32: elementwise (||J16 - J32|| / ||J32||), on the log singular
    values of the projected Jacobian (mean absolute difference), and on its top-P left singular subspace
    (1 - overlap, where overlap = ||U32^T U16||_F^2 / P);
  - the same differences between two float32 initialisations (view 0 against view 1), the variation the contrastive
    encoder is trained to ignore, as the scale against which the bfloat16 error should be read.

    python nbs/experiments/precision_check.py [--preset paper] [--archs 6] [--seed 0]
"""
import argparse, time
import numpy as np, torch
from cenas.data import image_batch
from cenas.jacobians import get_preset, project, view_jacobians
from cenas.spaces import NB201

def spectrum(J, P):
    "Log singular values and orthonormal left singular vectors of each view's top-P projection."
    V = project(J, P)[0]  # (K, B, P) = U·diag(S)
    S = V.norm(dim=-2)
    return torch.log(S + 1e-12), V / S.clamp_min(1e-30)[..., None, :]

def subspace_gap(U, W):
    "1 - ||U^T W||_F^2 / P: 0 for the same top-P subspace, 1 for orthogonal ones."
    return 1 - ((U.transpose(-1, -2) @ W)**2).sum().item() / U.shape[-1]

def timed(space, i, x, cfg, bf16):
    t = time.perf_counter()
    with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
        J = view_jacobians(space, i, x, K=cfg['K'], C=cfg['C'], N=cfg['N'])
    return J.float(), time.perf_counter() - t

def main(preset='paper', archs=6, seed=0):
    torch.set_num_threads(1)
    cfg, space = get_preset(preset), NB201()
    x = image_batch(cfg['B'], seed=0)
    ignores = space.ignores
    ids = np.random.default_rng(seed).choice(np.flatnonzero(~ignores), archs, replace=False)
    timed(space, int(ids[0]), x, cfg, False); timed(space, int(ids[0]), x, cfg, True)  # warm-up: oneDNN kernel selection
    rows = []
    for n, i in enumerate(map(int, ids)):
        order = (False, True) if n % 2 == 0 else (True, False)  # alternate, so drifting load hits both alike
        out = {b: timed(space, i, x, cfg, b) for b in order}
        (J32, t32), (J16, t16) = out[False], out[True]
        (s32, U32), (s16, U16) = spectrum(J32, cfg['P']), spectrum(J16, cfg['P'])
        r = dict(arch=i, t32=t32, t16=t16,
                 elem=((J16 - J32).norm() / J32.norm()).item(), sv=(s16 - s32).abs().mean().item(), sub=np.mean([subspace_gap(U32[k], U16[k]) for k in range(len(U32))]),
                 elem_views=((J32[1] - J32[0]).norm() / J32[0].norm()).item(), sv_views=(s32[1] - s32[0]).abs().mean().item(), sub_views=subspace_gap(U32[0], U32[1]))
        rows.append(r)
        print(f"arch {i:5d}: float32 {t32:6.2f} s  bfloat16 {t16:6.2f} s  speed-up {t32/t16:4.2f}x | bfloat16 vs float32: "
              f"elementwise {r['elem']:.3f}, log-sv {r['sv']:.4f}, subspace {r['sub']:.3f} | view 0 vs 1 (float32): "
              f"elementwise {r['elem_views']:.3f}, log-sv {r['sv_views']:.4f}, subspace {r['sub_views']:.3f}", flush=True)
    m = {k: np.mean([r[k] for r in rows]) for k in rows[0] if k != 'arch'}
    print(f"\n{preset} preset, {archs} architectures (seed {seed}), K={cfg['K']} views each, 1 thread:")
    print(f"  speed-up (total float32 s / total bfloat16 s): {sum(r['t32'] for r in rows) / sum(r['t16'] for r in rows):.2f}x")
    print(f"  bfloat16 vs float32, mean: elementwise {m['elem']:.3f}, log-sv {m['sv']:.4f}, subspace {m['sub']:.3f}")
    print(f"  two float32 initialisations, mean: elementwise {m['elem_views']:.3f}, log-sv {m['sv_views']:.4f}, subspace {m['sub_views']:.3f}")

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--preset', default='paper'); p.add_argument('--archs', type=int, default=6); p.add_argument('--seed', type=int, default=0)
    main(**vars(p.parse_args()))
