"""Names known to the register (regions, parks, clusters, enterprises, projects), matched in one pass.

A `Gazetteer` holds each known name with its entity type, the key of the record it names (a region code, a
park's id …) and whether it is the record's own name or an alias. `Gazetteer.finditer` finds every known name
in a text with one compiled trie-shaped regular expression (one branch per first character, so the cost does
not grow with the number of names), longest name first.
"""

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

__all__ = ["REGION_ALIAS_STOPWORDS", "Gazetteer", "KnownName", "region_aliases"]

_REGION_SUFFIXES = tuple("特别行政区 自治区 自治州 自治县 自治旗 林区 地区 新区 省 市 县 区 盟 旗".split())
_PEOPLES = ("柯尔克孜 达斡尔 鄂温克 鄂伦春 土家 蒙古 朝鲜 布依 仡佬 哈尼 拉祜 景颇 傈僳 纳西 独龙 普米 哈萨克 "
            "锡伯 裕固 撒拉 东乡 保安 毛南 仫佬 各 苗 侗 瑶 壮 回 藏 羌 彝 白 傣 黎 畲 满 水 土 佤 怒 京").split()
_ETHNIC = re.compile(f"(?:{'|'.join(_PEOPLES)})族$|(?:维吾尔|哈萨克|蒙古|壮|回)$")
#: Short forms that are also common words, so only the full name (和平区, 新华区 …) is matched.
REGION_ALIAS_STOPWORDS: frozenset[str] = frozenset(
    {"和平", "新华", "中山", "长安", "永和", "东方", "城区", "郊区", "矿区", "新区", "开发", "高新", "经开", "市中",
     "城中", "城东", "城西", "城南", "城北", "东区", "西区", "南区", "北区", "中区", "白云", "普陀", "新城", "龙华",
     "朝阳", "红旗", "解放", "建设", "人民", "南山", "北山", "东山", "西山", "江南", "江北", "河东", "河西", "先锋",
     "铁西", "铁东", "新市", "前进", "胜利", "光明", "城关", "桥东", "桥西", "向阳", "开平", "丰台", "安居",
     "新兴", "宁安", "太和", "永安", "吉安", "兴安", "资源", "市辖", "通道"}
)  # fmt: skip

#: How many (type, regions) choice lists `Gazetteer.names_within` keeps (the oldest goes first).
_CHOICES_KEPT = 16  # each up to a list and a tuple of the register: 1.6 MB per 100,000 names


@dataclass(frozen=True)
class KnownName:
    """One name of a record: what is written, the entity type, the record's key, whether it is an alias, and
    the region the record lies in (for linking only within the region a text is about)."""

    text: str
    type: str
    key: str
    canonical: str
    alias: bool = False
    priority: int = 0
    region: str = ""  # the GB/T 2260 code of the record's region, where it has one


def region_aliases(name: str) -> list[str]:
    """The short forms a region is written as in news text: the name without its administrative suffix.

    Short forms of one character, and those in `REGION_ALIAS_STOPWORDS`, are not returned.

    Parameters
    ----------
    name : str
        The region's name (湖南省, 长沙市, 湘西土家族苗族自治州, 岳麓区).

    Returns
    -------
    list of str

    Examples
    --------
    >>> region_aliases("湖南省"), region_aliases("湘西土家族苗族自治州"), region_aliases("岳麓区")
    (['湖南'], ['湘西'], ['岳麓'])
    >>> region_aliases("城步苗族自治县"), region_aliases("新疆维吾尔自治区"), region_aliases("广西壮族自治区")
    (['城步'], ['新疆'], ['广西'])
    >>> region_aliases("城区"), region_aliases("和平区")
    ([], [])
    """
    for suffix in _REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            short = name[: -len(suffix)]
            if suffix.startswith("自治"):  # 湘西土家族苗族自治州 → 湘西, 通道侗族自治县 → 通道
                while (match := _ETHNIC.search(short)) and match.start() >= 2:
                    short = short[: match.start()]
            if len(short) >= 2 and short not in REGION_ALIAS_STOPWORDS:
                return [short]
            return []
    return []


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        if optional:
            body = ("(?:" + "|".join(branches) + ")?") if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
        return body

    return render(trie)


class Gazetteer:
    """Known names, matched longest first.

    Examples
    --------
    >>> g = Gazetteer([KnownName("长沙市", "region", "430100", "长沙市"),
    ...                KnownName("长沙", "region", "430100", "长沙市", alias=True)])
    >>> [(m.text, start) for m, start in g.finditer("在长沙市和长沙县")]
    [('长沙市', 1), ('长沙', 5)]
    """

    def __init__(self, names: Iterable[KnownName] = ()) -> None:
        self._names: dict[str, KnownName] = {}
        for known in names:
            current = self._names.get(known.text)
            if current is None or (known.alias, -known.priority) < (current.alias, -current.priority):
                self._names[known.text] = known
        self._pattern: re.Pattern[str] | None = None
        self._by_type: dict[str, list[KnownName]] = {}
        for known in self._names.values():
            self._by_type.setdefault(known.type, []).append(known)
        # (type, regions) → the names of that type in, or around, those regions, and their texts; built on first
        # use, so linking a text does not walk the whole register (100,000s of names) once per entity type
        self._choices: dict[tuple[str, tuple[str, ...]], tuple[list[KnownName], tuple[str, ...]]] = {}
        self._regions: dict[str, set[str]] = {}  # type → the region codes its names lie in
        self._choices_lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._names)

    def known_names(self) -> list[KnownName]:
        """Every known name."""
        return list(self._names.values())

    def get(self, text: str) -> KnownName | None:
        """The known name written exactly as ``text``, if any."""
        return self._names.get(text)

    def names(self, entity_type: str) -> list[KnownName]:
        """Every known name of one entity type."""
        return list(self._by_type.get(entity_type, ()))

    def names_within(
        self, entity_type: str, regions: Sequence[str], within: Callable[[str, Sequence[str]], bool]
    ) -> tuple[list[KnownName], tuple[str, ...]]:
        """The known names of one type whose region passes ``within(region, regions)`` (names without a region
        always pass; every name of the type when ``regions`` is empty), and their texts, in the order of `names`.

        The test runs once per distinct region code, not once per name, and the answer is kept (the gazetteer
        does not change), so linking stays cheap with a register of 100,000s of names. The lists returned are
        shared: read them, do not change them.

        Parameters
        ----------
        entity_type : str
            The entity type (``enterprise``, ``park`` …).
        regions : sequence of str
            The regions a text is about (GB/T 2260 codes).
        within : callable
            ``within(code, regions)``: whether a record of region ``code`` belongs (`region_within`).

        Returns
        -------
        (list of KnownName, tuple of str)

        Examples
        --------
        >>> g = Gazetteer([KnownName("甲公司", "enterprise", "1", "甲公司", region="430102"),
        ...                KnownName("乙公司", "enterprise", "2", "乙公司", region="210100"),
        ...                KnownName("丙公司", "enterprise", "3", "丙公司")])
        >>> g.names_within("enterprise", ["430100"], lambda code, about: code[:4] in {c[:4] for c in about})[1]
        ('甲公司', '丙公司')
        """
        key = (entity_type, tuple(sorted(set(regions))))
        cached = self._choices.get(key)
        if cached is not None:
            return cached
        with self._choices_lock:
            every = self._choices.get((entity_type, ()))
            if every is None:
                names = self._by_type.get(entity_type, [])
                every = self._choices[(entity_type, ())] = (list(names), tuple(k.text for k in names))
                self._regions[entity_type] = {k.region for k in names if k.region}
            cached = every
            if regions:
                passes = {code: within(code, regions) for code in self._regions[entity_type]}
                if not all(passes.values()):  # otherwise the same lists as without regions are shared
                    names = [k for k in every[0] if not k.region or passes[k.region]]
                    cached = (names, tuple(k.text for k in names))
            self._choices[key] = cached
            while len(self._choices) > _CHOICES_KEPT:  # the oldest regional list goes; those of a whole type stay
                del self._choices[next(k for k in self._choices if k[1])]
            return cached

    def finditer(self, text: str) -> Iterator[tuple[KnownName, int]]:
        """Yield (known name, start) for each non-overlapping match, scanning left to right."""
        if not self._names:
            return
        if self._pattern is None:  # compiled on first use, so a subclass with another matcher never pays for it
            self._pattern = re.compile(_trie_pattern(w for w in self._names if w))
        for match in self._pattern.finditer(text):
            yield self._names[match[0]], match.start()
