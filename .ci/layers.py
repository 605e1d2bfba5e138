"""Check cenas' layering: each module may import only modules whose notebook has a lower number.

The notebooks in nbs/ are numbered in dependency order (`07_jacobians.ipynb` exports
`cenas.jacobians`). Every `from .x import` / `from cenas.x import` / `import cenas.x` in
cenas/*.py, at top level or inside a function, must name a module of a lower-numbered notebook,
so there can be no import circle and a reader meets every notebook after those it builds on.
(A module may import itself by name: `cenas.jacobians` does, so that spawned workers find its functions.)

Usage: python .ci/layers.py
"""
import ast, json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
order = {}
for nb in sorted((root/'nbs').glob('[0-9][0-9]_*.ipynb')):
    src = '\n'.join(''.join(c['source']) for c in json.loads(nb.read_text())['cells'] if c['cell_type'] == 'code')
    m = re.search(r'^#\|\s*default_exp\s+(\S+)', src, re.M)
    if m: order[m.group(1)] = int(nb.name[:2])

bad = []
for py in sorted((root/'cenas').glob('*.py')):
    mod = py.stem
    if mod not in order: continue  # __init__, _modidx
    for node in ast.walk(ast.parse(py.read_text())):
        names = []
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module: names = [node.module]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or '').startswith('cenas.'): names = [node.module[6:]]
        elif isinstance(node, ast.Import): names = [a.name[6:] for a in node.names if a.name.startswith('cenas.')]
        for n in names:
            n = n.split('.')[0]
            if n not in order: bad.append(f"cenas/{py.name}:{node.lineno} imports cenas.{n}, which no numbered notebook exports")
            elif n != mod and order[n] >= order[mod]: bad.append(f"cenas/{py.name}:{node.lineno} ({order[mod]:02d}) imports cenas.{n} ({order[n]:02d}): a module may only import lower-numbered ones")
print(f"layers: {len(order)} modules in order: " + ' < '.join(sorted(order, key=order.get)))
if bad:
    print('\n'.join(bad)); sys.exit(1)
print("layers: every import goes to a lower-numbered module")
