#!/usr/bin/env python3
"""Writes a random dense GSIM trade model for load and end-to-end measurements:
DIR/model.toml and three matrix CSVs with a product column
(header `product,exporter,r000,...`), REGIONS exporters x REGIONS importers for
each of PRODUCTS products. Values as bench/trade_bench.cpp's random_market():
flows U(1, 1000), tariff factors before 1 + U(0, 0.3), after
max(1, before + U(-0.1, 0.25)). Python's random with SEED (default 1), so the
same arguments write the same bytes.
Usage: gen-trade-model.py REGIONS PRODUCTS DIR [SEED]"""
import os
import random
import sys

regions, products, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
rng = random.Random(seed)
names = [f"r{r:03d}" for r in range(regions)]
os.makedirs(out, exist_ok=True)

with open(os.path.join(out, "model.toml"), "w") as f:
    f.write(f"# Random dense model: {regions} regions x {products} products, seed {seed} "
            "(scripts/gen-trade-model.py)\n"
            'flows = "flows.csv"\ntariffs_before = "tariffs-before.csv"\ntariffs_after = "tariffs-after.csv"\n'
            'tariff_form = "factor"\nimport_demand_elasticity = -1.25\nexport_supply_elasticity = 1.5\n'
            "substitution_elasticity = 5.0\n")

header = "product,exporter," + ",".join(names) + "\n"
files = [open(os.path.join(out, name), "w", buffering=1 << 22)
         for name in ("flows.csv", "tariffs-before.csv", "tariffs-after.csv")]
for f in files:
    f.write(header)
uniform = rng.random
flow_row = ",%.3f" * regions + "\n"
tariff_row = ",%.4f" * regions + "\n"
for p in range(products):
    product = f"p{p:05d}"
    for exporter in names:
        flows = [1 + 999 * uniform() for _ in range(regions)]
        before = [1 + 0.3 * uniform() for _ in range(regions)]
        after = [max(1.0, b - 0.1 + 0.35 * uniform()) for b in before]
        lead = f"{product},{exporter}"
        files[0].write(lead + flow_row % tuple(flows))
        files[1].write(lead + tariff_row % tuple(before))
        files[2].write(lead + tariff_row % tuple(after))
for f in files:
    f.close()
