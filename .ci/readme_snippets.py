"""Run the README's Python snippets as a user pasting them would: in order, in one fresh `python`, outside the checkout.

Usage: python .ci/readme_snippets.py [README.md]
Exit status 0 when every snippet runs; otherwise the snippet that failed and its traceback.
"""
import os, re, subprocess, sys, tempfile
from pathlib import Path


def snippets(readme: Path) -> list[str]:
    "The fenced ```python blocks of `readme`, in order."
    return re.findall(r'^```python\n(.*?)^```', readme.read_text(), flags=re.S | re.M)


def main(readme: Path) -> int:
    blocks = snippets(readme)
    if not blocks: print(f'README snippets: no python blocks in {readme}'); return 1
    marked = ''.join(f'print("-- snippet {i+1}/{len(blocks)}", flush=True)\n{b}\n' for i, b in enumerate(blocks))
    with tempfile.TemporaryDirectory() as d:  # a fresh folder: nothing of the checkout on the path but the installed cenas
        script = Path(d)/'readme_snippets.py'
        script.write_text(marked)
        env = {**os.environ, 'MPLBACKEND': 'Agg'}  # plt.show() without a display, as in a terminal
        r = subprocess.run([sys.executable, str(script)], cwd=d, env=env, capture_output=True, text=True)
    last = re.findall(r'-- snippet \d+/\d+', r.stdout)
    if r.returncode:
        print(f"README snippets: failed in {last[-1] if last else 'the first snippet'}:\n{r.stderr[-3000:]}")
        return 1
    print(f'README snippets: all {len(blocks)} ran as pasted')
    return 0


if __name__ == '__main__':
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else 'README.md')))
