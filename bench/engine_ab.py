#!/usr/bin/env python3
"""Side-by-side engine_bench: runs two builds' engine_bench alternately and prints each figure's
median and the after/before ratio (machines are noisy: compare ratios measured in one run).

    python3 bench/engine_ab.py BEFORE/engine_bench AFTER/engine_bench [items=200000] [rounds=3]

BEFORE is usually an older commit built in a second worktree:
    git worktree add /tmp/base <rev> && (cd /tmp/base && cmake --preset native && cmake --build --preset native --target engine_bench)
"""
import re
import statistics
import subprocess
import sys


def run(binary, items):
    out = subprocess.run([binary, items], capture_output=True, text=True, check=True).stdout
    figures = {}
    for line in out.splitlines():
        if line.startswith("#"):
            continue
        parts = re.split(r"\s{2,}", line.strip())  # kind, name, ..., "value unit"
        m = re.match(r"([\d.]+)", parts[-1]) if len(parts) >= 3 else None
        if m:
            figures[parts[0] + " " + parts[1]] = float(m.group(1))
    return figures


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    before, after = sys.argv[1], sys.argv[2]
    items = sys.argv[3] if len(sys.argv) > 3 else "200000"
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    runs = {"before": [], "after": []}
    for r in range(rounds):
        for side in (("before", "after") if r % 2 == 0 else ("after", "before")):
            runs[side].append(run(before if side == "before" else after, items))
    names = []
    for figures in runs["before"] + runs["after"]:
        names += [n for n in figures if n not in names]
    print(f"# {items} items, medians of {rounds} alternating rounds")
    print(f"{'figure':58s} {'before':>13s} {'after':>13s} {'ratio':>6s}")
    for n in names:
        b = [f[n] for f in runs["before"] if n in f]
        a = [f[n] for f in runs["after"] if n in f]
        mb = statistics.median(b) if b else None
        ma = statistics.median(a) if a else None
        ratio = f"{ma / mb:6.2f}" if mb and ma else "     -"
        print(f"{n:58s} {mb if mb is not None else float('nan'):13.0f} {ma if ma is not None else float('nan'):13.0f} {ratio}")


if __name__ == "__main__":
    main()
