#!/usr/bin/env python3
"""Writes a random integer bimatrix game (payoffs 0..99, Python's random with SEED)
as Gambit .nfg and, with --lrs, also in lrsnash's input format, for the peer benchmarks.
Usage: random-bimatrix.py SIZE SEED NFG_PATH [--lrs LRS_PATH]"""
import random
import sys

m, seed, nfg_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lrs_path = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--lrs" else None
r = random.Random(seed)
A = [[r.randint(0, 99) for _ in range(m)] for _ in range(m)]
B = [[r.randint(0, 99) for _ in range(m)] for _ in range(m)]
pay = " ".join(f"{A[i][j]} {B[i][j]}" for j in range(m) for i in range(m))
with open(nfg_path, "w") as f:
    f.write(f'NFG 1 R "random {m}x{m} seed {seed}" {{ "1" "2" }} {{ {m} {m} }}\n\n{pay}\n')
if lrs_path:
    with open(lrs_path, "w") as f:
        f.write(f"{m} {m}\n\n" + "\n".join(" ".join(map(str, row)) for row in A) + "\n\n"
                + "\n".join(" ".join(map(str, row)) for row in B) + "\n")
