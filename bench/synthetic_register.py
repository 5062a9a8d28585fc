"""A synthetic national enterprise register and its yearly figures, written as Parquet in chunks (vectorised numpy).

    .venv/bin/python bench/synthetic_register.py --enterprises 10000000 --years 5 --out /tmp/register

Writes ``enterprises.parquet`` (enterprise_id, region_code, industry_code, business_scope) and
``figures.parquet`` (enterprise_id, year, employees, output_wan). Region codes are the real counties of
GB/T 2260 and industry codes the 1,381 classes of GB/T 4754-2017, drawn with skewed weights (big counties,
common industries), so the county × class table is sparse the way a real one is. Business scopes are drawn
from a pool of generated texts built from chain keywords and common phrases (stored dictionary-encoded).
Memory stays bounded by the chunk size (1 million enterprises ≈ 300 MB).
"""

import argparse
import csv
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

REFDATA = Path(__file__).resolve().parent.parent / "src" / "clusterdesk" / "refdata" / "data"
PHRASES = ["通用设备制造（不含特种设备制造）", "机械零件、零部件加工", "金属制品销售", "技术服务、技术开发、技术咨询",
           "货物进出口", "技术进出口", "软件开发", "五金产品批发", "建筑材料销售", "普通机械设备安装服务",
           "信息咨询服务（不含许可类信息咨询服务）", "日用百货销售", "电子元器件制造", "塑料制品制造"]
VERBS = ["的研发、生产、销售", "制造", "的生产与技术服务", "研发及产业化", "销售"]
BOILERPLATE = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"


def counties_and_classes() -> tuple[np.ndarray, np.ndarray]:
    with open(REFDATA / "regions.csv", encoding="utf-8") as f:
        counties = [r["code"] for r in csv.DictReader(f) if r["level"] == "county"]
    with open(REFDATA / "industries.csv", encoding="utf-8") as f:
        classes = [r["code"] for r in csv.DictReader(f) if r["level"] == "class"]
    return np.array(counties), np.array(classes)


def keywords() -> list[str]:
    import yaml

    folder = REFDATA.parent.parent / "industry" / "chain_templates"
    words = []
    for path in sorted(folder.glob("*.yaml")):
        for seg in yaml.safe_load(path.read_text(encoding="utf-8"))["segments"]:
            words += seg.get("keywords") or []
    return words


def scope_pool(rng: np.random.Generator, size: int) -> list[str]:
    words = keywords()
    pool = []
    for _ in range(size):
        parts = []
        if rng.random() < 0.5:
            chosen = rng.choice(words, size=int(rng.integers(1, 4)), replace=False)
            parts.append("、".join(chosen) + VERBS[int(rng.integers(len(VERBS)))])
        parts += list(rng.choice(PHRASES, size=int(rng.integers(1, 5)), replace=False))
        pool.append("；".join(parts) + BOILERPLATE)
    return pool


def _weights(rng: np.random.Generator, n: int, skew: float) -> np.ndarray:
    w = rng.pareto(skew, n) + 0.05
    return w / w.sum()


def generate(out: Path, enterprises: int, years: int, *, seed: int = 5, chunk: int = 1_000_000,
             pool_size: int = 200_000) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    counties, classes = counties_and_classes()
    county_w, class_w = _weights(rng, counties.size, 1.2), _weights(rng, classes.size, 1.0)
    region_dict, industry_dict = pa.array(counties), pa.array(classes)
    scope_dict = pa.array(scope_pool(rng, pool_size))
    first_year = 2025 - years + 1
    started = time.perf_counter()
    ent_writer = fig_writer = None
    for start in range(0, enterprises, chunk):
        n = min(chunk, enterprises - start)
        ids = np.arange(start + 1, start + n + 1, dtype=np.int64)
        region = rng.choice(counties.size, n, p=county_w).astype(np.int32)
        industry = rng.choice(classes.size, n, p=class_w).astype(np.int32)
        scope = rng.integers(0, pool_size, n, dtype=np.int32)
        ent = pa.table({
            "enterprise_id": ids,
            "region_code": pa.DictionaryArray.from_arrays(region, region_dict),
            "industry_code": pa.DictionaryArray.from_arrays(industry, industry_dict),
            "business_scope": pa.DictionaryArray.from_arrays(scope, scope_dict),
        })
        size = np.exp(rng.normal(2.5, 1.2, n))
        growth = rng.normal(0.05, 0.08, n)
        year_idx = np.tile(np.arange(years, dtype=np.int16), n)
        factor = (1 + np.repeat(growth, years)) ** year_idx * np.exp(rng.normal(0, 0.05, n * years))
        employees = np.maximum(1, np.repeat(size, years) * factor).astype(np.int32)
        output = np.round(employees * np.exp(rng.normal(3.5, 0.6, n * years)), 2)
        missing = rng.random(n * years) < 0.03
        fig = pa.table({
            "enterprise_id": np.repeat(ids, years),
            "year": (year_idx + first_year).astype(np.int32),
            "employees": employees,
            "output_wan": pa.array(output, mask=missing),
        })
        if ent_writer is None:
            ent_writer = pq.ParquetWriter(out / "enterprises.parquet", ent.schema)
            fig_writer = pq.ParquetWriter(out / "figures.parquet", fig.schema)
        ent_writer.write_table(ent)
        fig_writer.write_table(fig)
    ent_writer.close()
    fig_writer.close()
    return {"seconds": time.perf_counter() - started, "counties": counties.size, "classes": classes.size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=10_000_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("/tmp/clusterdesk-register"))
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    info = generate(args.out, args.enterprises, args.years, seed=args.seed)
    print(f"生成 {args.enterprises:,} 家企业 × {args.years} 年 → {args.out}：{info['seconds']:.1f} 秒 "
          f"（{info['counties']} 个县级区划，{info['classes']} 个行业小类）")


if __name__ == "__main__":
    main()
