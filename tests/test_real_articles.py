"""Issue 15: the real-article evaluation set under bench/data/real/ is well formed.

Every annotation file parses and carries its address, licence and eight gold lists; every gold and tempting surface
occurs in its article's text (the kept text, or the local copy when it is present and unchanged); no tempting
answer is also gold; the parts share no article (by id, address or text); and the set holds at least 40 articles with
a quarter held out, the fresh held-out part (heldout2, drawn after the first held-out part's totals had been seen)
holding at least 12 articles of its own batch. No database, no extractor: cheap.
"""

import hashlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "bench" / "data" / "real"
TYPES = {"person", "region", "park", "enterprise", "project", "cluster", "date", "money"}
PARTS = ("tuning", "heldout", "heldout2")  # heldout: spent (its totals were seen), heldout2: fresh


def _articles(part: str) -> list[tuple[Path, dict]]:
    return [(path, json.loads(path.read_text("utf-8"))) for path in sorted((REAL / part).glob("*.json"))]


def _text(article: dict) -> str | None:
    """The article's text: kept in the file, or the unchanged local copy; None when the local copy is missing."""
    if "text" in article:
        return article["text"]
    local = REAL / article["text_file"]
    if not local.is_file():
        return None
    text = local.read_text("utf-8")
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == article["text_sha256"], f"{local} was changed"
    return text


@pytest.mark.parametrize("part", PARTS)
def test_every_annotation_parses_and_is_complete(part):
    articles = _articles(part)
    assert articles, f"no articles in {part}"
    for path, article in articles:
        assert article["id"] == path.stem
        assert article["url"].startswith(("http://", "https://")), path
        assert article["site"] and article["retrieved"] == "2026-12-03", path
        assert article["licence"] in {"gov", "local"}, path
        assert article["licence_basis"], path
        # Texts of third-party sites never enter the repository; government texts are kept.
        if article["licence"] == "gov":
            assert article["text"] and "text_file" not in article, path
        else:
            assert "text" not in article, path
            assert article["text_file"] == f"local/{part}/{path.stem}.txt", path
            assert len(article["text_sha256"]) == 64, path
        assert set(article["gold"]) == TYPES, path
        for kind, surfaces in article["gold"].items():
            assert all(isinstance(s, str) and s.strip() for s in surfaces), (path, kind)
            assert len(surfaces) == len(set(surfaces)), (path, kind, "duplicate surface")
        assert sum(len(s) for s in article["gold"].values()) > 0, path
        assert isinstance(article["tempting"], list), path


@pytest.mark.parametrize("part", PARTS)
def test_every_gold_and_tempting_surface_occurs_in_the_text(part):
    checked = 0
    for path, article in _articles(part):
        text = _text(article)
        if text is None:
            continue  # a third-party text not present on this machine: only its annotation is checked
        assert len(text) == article["text_chars"], path
        gold = {s for surfaces in article["gold"].values() for s in surfaces}
        for surface in gold | set(article["tempting"]):
            assert surface in text, (path.name, surface)
        assert not gold & set(article["tempting"]), (path.name, gold & set(article["tempting"]))
        checked += 1
    # The government texts are in the repository, so each part checks some texts everywhere.
    assert checked >= 1


def test_parts_do_not_overlap_and_a_quarter_is_held_out():
    parts = {part: _articles(part) for part in PARTS}
    everything = [a for articles in parts.values() for _, a in articles]

    def digest(article):
        return article.get("text_sha256") or hashlib.sha256(article["text"].encode("utf-8")).hexdigest()

    for key in ("id", "url"):
        assert len({a[key] for a in everything}) == len(everything), key
    assert len({digest(a) for a in everything}) == len(everything)
    assert len(everything) >= 40
    held_out = len(parts["heldout"]) + len(parts["heldout2"])
    assert held_out * 4 >= len(everything)


def test_the_fresh_held_out_part_is_a_batch_of_its_own():
    """heldout2 holds at least 12 articles, all of batches 5 and 6, collected after the first held-out part was spent;
    the articles of the batches before are all in the other parts."""
    fresh = _articles("heldout2")
    assert len(fresh) >= 12
    assert {a["batch"] for _, a in fresh} <= {5, 6}
    assert all(a["batch"] < 5 for part in ("tuning", "heldout") for _, a in _articles(part) if a["id"] < "r58")


def test_local_texts_are_ignored_by_git():
    assert "/bench/data/real/local/" in (ROOT / ".gitignore").read_text("utf-8").splitlines()
