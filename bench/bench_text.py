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

The real articles (issue 15) in bench/data/real/ are public Chinese web pages as published (page furniture, SEO
junk, traditional script and all), described with their licence and annotation rules in bench/data/real/README.md.
They run through `analyse_text` with the offline gazetteer, exactly what `clusterdesk intake FILE --json` does
without a database. Precision and recall are printed per type for the tuning part and the held-out part separately,
with the micro figure over the named types (person, region, park, enterprise, project, cluster) and over all eight.
Matching rule: an extracted entity matches a gold one of the same type with the same surface, both normalised the
same way (NFKC, pinyin annotations such as 項(xiàng) removed, OpenCC t2s as the intake does, all white space
removed); per article each (type, surface) counts once (a set, not a multiset). Only the eight annotated types are
scored. Three parts: tuning/; heldout/, the first held-out part, spent (its totals were looked at while tuning, so it
is tuning material now and may be shown article by article); heldout2/, the fresh held-out part (batch 5), whose
figures are printed as totals only, never article by article.

    .venv/bin/python bench/bench_text.py --real-only            # the real articles only, plus characters/s
    .venv/bin/python bench/bench_text.py --real-only --details  # and what each tuning article missed or added
    .venv/bin/python bench/bench_text.py --real-only --reveal-heldout  # per fresh held-out article: final only
"""

import argparse
import csv
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from clusterdesk.core.text import KnownName, extract_entities, normalize_text  # noqa: E402
from clusterdesk.intake.textintake import AhoCorasickGazetteer, region_known_names, t2s  # noqa: E402

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"  # the rules were tuned on these
HELD_OUT = Path(__file__).resolve().parent / "data" / "heldout"  # written afterwards, never tuned on
REAL = Path(__file__).resolve().parent / "data" / "real"  # real public articles (issue 15): tuning/, heldout/(2)
REAL_TYPES = ("person", "region", "park", "enterprise", "project", "cluster", "date", "money")
NAMED_TYPES = ("person", "region", "park", "enterprise", "project", "cluster")
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+\)")


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


def surface(text: str) -> str:
    """The matching form of a surface: NFKC, pinyin annotations removed, OpenCC t2s, no white space."""
    text = PINYIN.sub("", unicodedata.normalize("NFKC", text))
    return "".join(t2s(text).split())


def load_real(part: str) -> tuple[list[dict], list[str]]:
    """The annotated articles of one part with their text; the ids whose local text is missing or changed."""
    articles, missing = [], []
    for path in sorted((REAL / part).glob("*.json")):
        article = json.loads(path.read_text("utf-8"))
        if "text" not in article:
            local = REAL / article["text_file"]
            text = local.read_text("utf-8") if local.is_file() else None
            if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != article["text_sha256"]:
                missing.append(article["id"])
                continue
            article["text"] = text
        articles.append(article)
    return articles, missing


def offline_gazetteer():
    """The gazetteer `clusterdesk intake FILE --json` uses without a database (the packaged GB/T 2260 table)."""
    from clusterdesk.intake.cli import _offline_gazetteer

    return _offline_gazetteer()


def real_quality(g, part: str, title: str, details: bool) -> None:
    from clusterdesk.intake.textintake import analyse_text

    articles, missing = load_real(part)
    print(f"\n== {title} (bench/data/real/{part}: {len(articles)} articles scored) ==")
    if missing:
        print(f"   {len(missing)} articles not scored, their local text is missing or differs "
              f"(see bench/data/real/README.md): {', '.join(missing)}")
    if not articles:
        return
    counts = {kind: Counter() for kind in REAL_TYPES}
    by_name = Counter()
    tempting_hits = Counter()
    for article in articles:
        entities = [e for e in analyse_text(article["text"], year=2024, gazetteer=g)["entities"]
                    if e.type in REAL_TYPES]
        found = {(e.type, surface(e.text)) for e in entities}
        gold = {(kind, surface(s)) for kind in REAL_TYPES for s in article["gold"][kind]}
        for kind in REAL_TYPES:
            f, gd = {x for x in found if x[0] == kind}, {x for x in gold if x[0] == kind}
            counts[kind].update(found=len(f), gold=len(gd), right=len(f & gd))
        names = {surface(e.value["name"]) for e in entities
                 if e.type == "person" and isinstance(e.value, dict) and e.value.get("name")}
        gold_people = {s for kind, s in gold if kind == "person"}
        by_name.update(found=len(names), gold=len(gold_people), right=len(names & gold_people))
        tempting = {surface(s) for s in article["tempting"]}
        hits = sorted({s for _, s in found - gold if s in tempting})
        tempting_hits.update(hits)
        if details:
            print(f"{article['id']:<44} gold {len(gold):>3}  found {len(found):>3}  right {len(found & gold):>3}")
            for kind, span in sorted(found - gold):
                print(f"    extra   {kind:<10} {span}" + ("   (tempting)" if span in tempting else ""))
            for kind, span in sorted(gold - found):
                print(f"    missed  {kind:<10} {span}")
    print(f"{'type':<20} {'precision':>9} {'recall':>7} {'gold':>5} {'found':>6} {'right':>6}")

    def row(label: str, c: Counter) -> None:
        precision = c["right"] / c["found"] if c["found"] else 0.0
        recall = c["right"] / c["gold"] if c["gold"] else 0.0
        print(f"{label:<20} {precision:>9.2f} {recall:>7.2f} {c['gold']:>5} {c['found']:>6} {c['right']:>6}")

    for kind in REAL_TYPES:
        row(kind, counts[kind])
    row("micro, named types", sum((counts[k] for k in NAMED_TYPES), Counter()))
    row("micro, all eight", sum((counts[k] for k in REAL_TYPES), Counter()))
    row("person by name", by_name)
    print("(person by name: the person's name the extractor gives apart from its title, for information; "
          "the figure above compares the surface)")
    print(f"tempting wrong answers extracted: {sum(tempting_hits.values())} in {len(articles)} articles")


def real_speed(g, seconds: float, parts: tuple[str, ...] = ("tuning", "heldout", "heldout2")) -> None:
    """Characters per second over the real texts, one core: the gazetteer's matching alone, then `analyse_text`
    end to end (normalise, extract with the sequence model, link, draft).

    The model caches its answer per sentence; the cache is cleared before each round, so every round runs the model
    on every sentence, as a text never seen before would (the figure is not flattered by the rounds repeating the
    same texts). The work runs in this one thread; CPU time is the one-core figure (wall time also counts waiting
    for a busy machine's cores)."""
    from clusterdesk.intake.ner import lac_tagger
    from clusterdesk.intake.textintake import analyse_text

    texts = [a["text"] for part in parts for a in load_real(part)[0]]
    if not texts:
        return
    normalized = [normalize_text(text, convert=t2s).text for text in texts]
    tagger = lac_tagger()
    analyse_text(texts[0], year=2024, gazetteer=g)  # warm up (OpenCC, patterns, the model, the linking lists)

    def timed(work) -> tuple[int, int, float, float]:
        characters, rounds = 0, 0
        start, cpu = time.perf_counter(), time.process_time()
        while time.perf_counter() - start < seconds or rounds == 0:
            characters += work()
            rounds += 1
        return characters, rounds, time.perf_counter() - start, time.process_time() - cpu

    def matching() -> int:
        for text in normalized:
            for _ in g.finditer(text):
                pass
        return sum(map(len, normalized))

    def end_to_end() -> int:
        if tagger is not None:
            tagger.cache_clear()
        for text in texts:
            analyse_text(text, year=2024, gazetteer=g)
        return sum(map(len, texts))

    print(f"\nreal articles, gazetteer of {len(g):,} names, {len(texts)} texts, one core (target 20,000 characters/s "
          f"end to end)")
    for label, work in (("gazetteer matching only", matching),
                        ("end to end (analyse_text" + (", model cache cleared each round)" if tagger else ")"),
                         end_to_end)):
        characters, rounds, wall, cpu = timed(work)
        print(f"  {label}: {rounds} rounds, {characters:,} characters in {wall:.2f} s: "
              f"{characters / wall:,.0f} characters/s wall, {characters / cpu:,.0f} characters/s CPU")
    briefing = "\n".join(texts)[:5000]  # a 5,000-character briefing, as pasted on the intake page
    if tagger is not None:
        tagger.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    analyse_text(briefing, year=2024, gazetteer=g)
    print(f"  one 5,000-character briefing end to end: {time.perf_counter() - start:.3f} s wall, "
          f"{time.process_time() - cpu:.3f} s CPU (target under 1 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--enterprises", type=int, default=100_000,
                        help="generated enterprise names in the speed gazetteers (0: the real articles' speed is "
                             "measured with the offline gazetteer only)")
    parser.add_argument("--real-only", action="store_true", help="only the real articles (issue 15) and their speed")
    parser.add_argument("--details", action="store_true",
                        help="per tuning article (and per article of the spent first held-out part): extra and missed "
                             "entities")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to time the real articles")
    parser.add_argument("--reveal-heldout", action="store_true",
                        help="per fresh held-out article too: only for the final evaluation, never while tuning")
    parser.add_argument("--tuning-only", action="store_true",
                        help="leave the fresh held-out part out entirely (not even timed): while tuning")
    args = parser.parse_args()
    if not args.real_only:
        regions = gazetteer()
        quality(regions, ARTICLES, "written for the purpose: articles the rules were tuned on")
        quality(regions, HELD_OUT, "written for the purpose: held-out articles, written after the tuning")
        speed(gazetteer(args.enterprises), args.megabytes)
    offline = offline_gazetteer()
    real_quality(offline, "tuning", "real articles, tuning part", args.details)
    real_quality(offline, "heldout", "real articles, first held-out part (spent: tuning material now)", args.details)
    parts = ("tuning", "heldout") if args.tuning_only else ("tuning", "heldout", "heldout2")
    if not args.tuning_only:
        real_quality(offline, "heldout2", "real articles, fresh held-out part" + ("" if args.reveal_heldout
                                                                                 else " (totals only)"),
                     args.reveal_heldout)
    real_speed(offline, args.seconds, parts)
    if args.enterprises:  # the same with a register-sized gazetteer: regions and generated enterprise names
        real_speed(gazetteer(args.enterprises), args.seconds, parts)


if __name__ == "__main__":
    main()
