"""Matching free-text owners to units at the scale of a province's upgrade; prints the figures.

    .venv/bin/python bench/bench_unit_matching.py [--cities 14] [--counties 10] [--rows 200000]

The units are the standard offices (`clusterdesk.core.routing.standard_units`) of every city and county of a
synthetic province; the rows are owners as people write them (市发改委, 区自规局, 长沙市工业和信息化局, 某某指挥部 …)
each in a random county. Prints the index build time, the matching rate in rows per second and the share of
rows matched (the rest is the unmatched list an upgrade leaves).
"""

import argparse
import random
import time

from clusterdesk.core.routing import UnitIndex, UnitName, standard_units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=14)
    parser.add_argument("--counties", type=int, default=10)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    rng = random.Random(2026)
    province, units, places, next_id = 1, [], [], 1
    for c in range(args.cities):
        city = 100 + c
        for office in standard_units(f"城{c}市", "city"):
            units.append(UnitName(next_id, (office.name, office.short_name, *office.aliases), (city, province)))
            next_id += 1
        for k in range(args.counties):
            county = city * 100 + k
            places.append((county, city, f"城{c}市", f"县{c}_{k}区"))
            for office in standard_units(f"县{c}_{k}区", "county"):
                units.append(UnitName(next_id, (office.name, office.short_name, *office.aliases),
                                      (county, city, province)))
                next_id += 1
    texts = ["市发改委", "区发改局", "区自规局", "自然资源局", "市工信局", "审批局", "某某指挥部", "国网供电公司"]
    rows = []
    for _ in range(args.rows):
        county, city, city_name, county_name = rng.choice(places)
        text = rng.choice([*texts, f"{city_name}工业和信息化局", f"{county_name}人民政府"])
        rows.append((text, (county, city, province)))
    start = time.perf_counter()
    index = UnitIndex(units)
    built = time.perf_counter() - start
    start = time.perf_counter()
    matched = sum(index.match(text, region_path=path) is not None for text, path in rows)
    seconds = time.perf_counter() - start
    print(f"units {len(units):,}; index built in {built * 1000:.1f} ms")
    print(f"rows {len(rows):,} matched in {seconds:.2f} s ({len(rows) / seconds:,.0f} rows/s); "
          f"matched {matched / len(rows):.1%}, unmatched {len(rows) - matched:,}")


if __name__ == "__main__":
    main()
