#!/usr/bin/env python3
"""Writes a synthetic scenario in Decide's input format (#A, #P, #M, #D; tab
separated, quoted like Decide's own files) for benchmarks: ACTORS actors x
ISSUES issues, positions 0..100 in steps of 5, saliences 0.05..1.00 in steps
of 0.05, one power 0.05..1.00 per actor. Deterministic: random.Random(SEED).

  scripts/gen-decide-synthetic.py ACTORS ISSUES SEED OUT.txt
"""
import random
import sys


def main() -> None:
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    actors, issues, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    lines = []
    for a in range(actors):
        lines.append(f"'#A'\t'a{a:03d}'\t'actor {a}'\t''")
    for k in range(issues):
        lines.append(f"'#P'\t'i{k:02d}'\t'issue {k}'\t''")
        lines.append(f"'#M'\t'i{k:02d}'\t0")
        lines.append(f"'#M'\t'i{k:02d}'\t100")
    for a in range(actors):
        power = rng.randint(1, 20) * 0.05
        for k in range(issues):
            lines.append(f"'#D'\t'a{a:03d}'\t'i{k:02d}'\t{rng.randint(0, 20) * 5}.0\t"
                         f"{rng.randint(1, 20) * 0.05:.2f}\t{power:.2f}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
