"""Text intake with its sequence model (issue 15): characters per second end to end on one core, and the time of
a 5,000-character briefing as the intake page analyses it.

    taskset -c 0 .venv/bin/python bench/bench_text_model.py            # bench/data/articles and heldout
    taskset -c 0 .venv/bin/python bench/bench_text_model.py DIR ...    # or the *.txt files of other folders

Each round clears the model's sentence cache, so every text is tagged afresh (the page keeps the cache between
requests; a repeated paste is then nearly free). `analyse_text` runs as `clusterdesk intake FILE --json` runs it
without a database: the packaged GB/T 2260 regions as gazetteer, no linking. CPU time is the one-core figure;
wall time also counts waiting for a busy machine. No database is needed.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from clusterdesk.intake.cli import _offline_gazetteer  # noqa: E402
from clusterdesk.intake.ner import lac_tagger  # noqa: E402
from clusterdesk.intake.textintake import analyse_text  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DATA / "articles", DATA / "heldout"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for folder in args.folders for p in sorted(folder.glob("*.txt"))]
    gazetteer = _offline_gazetteer()
    start = time.perf_counter()
    tagger = lac_tagger()
    print(f"model loaded in {time.perf_counter() - start:.2f} s ({type(tagger).__name__})")
    analyse_text(texts[0], gazetteer=gazetteer, link=False)  # warm up OpenCC and the patterns
    characters = sum(len(t) for t in texts)
    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            tagger._cache.clear()
            analyse_text(text, gazetteer=gazetteer, link=False)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{len(texts)} texts, {characters:,} characters: {characters / cpu:,.0f} characters/s CPU, "
              f"{characters / wall:,.0f} wall (target 20,000 on one core)")
    briefing = ("\n".join(texts) * (1 + 5000 // max(1, characters)))[:5000]
    for _ in range(args.rounds):
        tagger._cache.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        analyse_text(briefing, gazetteer=gazetteer, link=False)
        print(f"5,000-character briefing: {time.perf_counter() - wall:.3f} s wall, "
              f"{time.process_time() - cpu:.3f} s CPU (target under 1 s)")


if __name__ == "__main__":
    main()
