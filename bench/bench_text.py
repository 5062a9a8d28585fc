"""Text intake: normalisation + extraction speed (MB of UTF-8 text per second on one core), and the precision
and recall of extraction on hand-annotated articles.

    .venv/bin/python bench/bench_text.py                 # both
    .venv/bin/python bench/bench_text.py --megabytes 8   # more text for the speed figure

The articles in bench/data/articles/ (used while tuning the rules) and bench/data/heldout/ (written afterwards
and never tuned on; its figure is the honest one) were written for this benchmark in the style of municipal news and
briefings (navigation lines, related-news lists, advertising, traditional script, pinyin annotations). Each
NN_name.gold.json lists the entities a reader expects, as [type, text] pairs, in the normalised text; people
count only with their title (市长李爱武), as the issue defines them. Matching is exact on (type, text), as a
multiset. The gazetteer holds the GB/T 2260 regions (names and short names) read from the reference table,
plus 100,000 generated enterprise names for the speed figure, so that the automaton is of realistic size.
No database is needed.
"""

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from clusterdesk.core.text import KnownName, extract_entities, normalize_text  # noqa: E402
from clusterdesk.intake.textintake import AhoCorasickGazetteer, region_known_names, t2s  # noqa: E402

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"  # the rules were tuned on these
HELD_OUT = Path(__file__).resolve().parent / "data" / "heldout"  # written afterwards, never tuned on


def gazetteer(extra_enterprises: int = 0) -> AhoCorasickGazetteer:
    rows = list(csv.DictReader(open(ROOT / "src/clusterdesk/refdata/data/regions.csv", encoding="utf-8")))
    names = region_known_names((r["code"], r["name"], r["full_name"], r["level"]) for r in rows)
    names += [KnownName(f"湖南测试{i:06d}科技有限公司", "enterprise", f"E{i}", f"湖南测试{i:06d}科技有限公司")
              for i in range(extra_enterprises)]
    return AhoCorasickGazetteer(names)


def quality(g, folder: Path, title: str) -> None:
    totals: dict[str, Counter] = {}
    print(f"\n== {title} ({folder.relative_to(ROOT)}) ==")
    print(f"{'article':<28} {'gold':>5} {'found':>6} {'right':>6}")
    for path in sorted(folder.glob("*.txt")):
        text = normalize_text(path.read_text(encoding="utf-8"), convert=t2s).text
        found = Counter((e.type, e.text) for e in extract_entities(text, gazetteer=g, year=2024))
        gold = Counter(tuple(pair) for pair in json.loads(path.with_suffix(".gold.json").read_text("utf-8")))
        right = found & gold
        print(f"{path.stem:<28} {sum(gold.values()):>5} {sum(found.values()):>6} {sum(right.values()):>6}")
        for kind in {t for t, _ in gold} | {t for t, _ in found}:
            c = totals.setdefault(kind, Counter())
            c["gold"] += sum(v for (t, _), v in gold.items() if t == kind)
            c["found"] += sum(v for (t, _), v in found.items() if t == kind)
            c["right"] += sum(v for (t, _), v in right.items() if t == kind)
        for (kind, span), n in (found - gold).items():
            print(f"    extra   {kind:<10} {span}" + (f" ×{n}" if n > 1 else ""))
        for (kind, span), n in (gold - found).items():
            print(f"    missed  {kind:<10} {span}" + (f" ×{n}" if n > 1 else ""))
    print(f"\n{'type':<11} {'precision':>9} {'recall':>7} {'gold':>5}")
    all_counts = Counter()
    for kind, c in sorted(totals.items()):
        all_counts.update(c)
        print(f"{kind:<11} {c['right'] / c['found'] if c['found'] else 0:>9.2f} "
              f"{c['right'] / c['gold'] if c['gold'] else 0:>7.2f} {c['gold']:>5}")
    c = all_counts
    print(f"{'all':<11} {c['right'] / c['found']:>9.2f} {c['right'] / c['gold']:>7.2f} {c['gold']:>5}")


def speed(g, megabytes: float) -> None:
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt")))
    size = len(corpus.encode("utf-8"))
    text = corpus * max(1, int(megabytes * 1e6 / size))
    total = len(text.encode("utf-8"))
    start, cpu = time.perf_counter(), time.process_time()
    normalized = normalize_text(text, convert=t2s)
    middle = time.perf_counter()
    entities = extract_entities(normalized.text, gazetteer=g, year=2024)
    end, cpu = time.perf_counter(), time.process_time() - cpu
    print(f"\ntext: {total / 1e6:.1f} MB UTF-8 ({len(text):,} characters), gazetteer {len(g):,} names")
    print(f"normalise {middle - start:.2f} s, extract {end - middle:.2f} s ({len(entities):,} entities)")
    print(f"throughput: {total / 1e6 / (end - start):.2f} MB/s wall, {total / 1e6 / cpu:.2f} MB/s CPU, one core")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--enterprises", type=int, default=100_000)
    args = parser.parse_args()
    regions = gazetteer()
    quality(regions, ARTICLES, "articles the rules were tuned on")
    quality(regions, HELD_OUT, "held-out articles, written after the tuning")
    speed(gazetteer(args.enterprises), args.megabytes)


if __name__ == "__main__":
    main()
