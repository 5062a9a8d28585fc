"""Entities in normalised Chinese text, with their character offsets.

With a sequence tagger (``tagger``, Baidu LAC in the application) persons, organisations and places come from
the model: a person is the name the model tags (市委书记戴源 → person 戴源 with the title 市委书记 in its value);
an organisation with a company's ending, or one that is not a public body, is an enterprise. The patterns for
parks, projects and clusters then start at a word boundary and never at a verb, preposition, pronoun, adverb
or measure word (按照国家级园区 and 用心用情做好项目 are not names), and a county's short name (大安, 和政)
counts only where the model tags it as a place in a place context (吉林大安, 在大安, 大安市委 …), never inside
an ordinary word (和政策, 振兴, 合作). Without a tagger the rules below stand alone.

`extract_entities` finds dates, amounts of money, regions, parks, clusters, enterprises, projects, people with
their titles and the domain's policy terms. Names known to the register come from a `Gazetteer` (the regions
table and the records of the database, passed in as data); unknown parks, clusters, enterprises and projects
are found by their endings (…产业园, …产业集群, …有限公司, …项目) and cut on the left at the verbs and
particles that precede a name in news text (在, 赴, 调研, 考察 …). Where spans overlap the longest wins, and a
known name beats a pattern of the same length.

Values: a date is an ISO date (``2024-06-19``; ``--06-19`` when no year is known; a range is
``2024-08-23/2024-08-24``); money is the amount in 元 (an int, or a decimal string below one 元); a region is
its GB/T 2260 code; a person is ``{"name": …, "title": …}``.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from clusterdesk.core.exceptions import NumeralParseError
from clusterdesk.core.numerals import parse_chinese_numeral
from clusterdesk.core.text.gazetteer import Gazetteer, KnownName
from clusterdesk.core.text.tokens import MAY_HOLD_NAMES, Tagger, Token, tag_text

__all__ = [
    "DEFAULT_TERMS",
    "ENTITY_TYPES",
    "PERSON_TITLES",
    "Entity",
    "extract_entities",
]

#: The entity types, in the order they win a tie on the same span.
ENTITY_TYPES = ("enterprise", "project", "park", "cluster", "region", "person", "money", "date", "term")
# Spans that only hold others off (an organisation's name with places in it), dropped from the result.
_HOLDING = ("organisation",)

#: Policy terms of the domain (a configurable default).
DEFAULT_TERMS: tuple[str, ...] = (
    "三库多清单", "倒排工期", "挂图作战", "本地配套率", "应统尽统", "应入尽入", "链主企业", "链长制", "延链补链强链",
    "延链", "补链", "强链", "固链", "亩均效益", "亩均税收", "标准地", "拿地即开工", "项目为王", "规上企业",
    "规模以上工业企业", "入统", "招商引资", "产业链招商", "精准招商", "以商招商", "承接产业转移", "工作秘书",
    "红黄绿灯", "现场观摩", "三主两特", "两主两特", "专精特新", "小巨人", "营商环境", "一事一议", "要素保障",
    "高质量发展", "新质生产力", "四上企业", "谋划储备", "前期准备", "开工建设", "竣工达产", "序时进度",
)  # fmt: skip

#: Titles recognised before or after a person's name (longest first when matching).
PERSON_TITLES: tuple[str, ...] = (
    "省委书记", "省长", "副省长", "常务副省长", "省委常委", "省委副书记", "市委书记", "市长", "副市长", "常务副市长",
    "市委副书记", "市委常委", "区委书记", "区长", "副区长", "县委书记", "县长", "副县长", "州委书记", "州长",
    "党工委书记", "管委会主任", "党组书记", "主任", "副主任", "局长", "副局长", "厅长", "副厅长", "秘书长",
    "董事长", "总经理", "副总经理", "总裁", "首席执行官", "书记", "部长", "副部长", "处长", "主席", "副主席",
)  # fmt: skip

_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文")
# Characters that may follow a two-character name: verbs, particles and punctuation of news prose.
_AFTER_NAME = set("在一等带率到先、，。；：陪同深前来赴走察考听召要说对与和及就主出调指强表介参看会见是为以也"
                  "还又向则已将")

_HAN = "\u4e00-\u9fff"
_NAME_CHARS = f"{_HAN}A-Za-z0-9（）()·\\-－—"
# Verbs and particles after which a name starts (cut on the left). Longest first.
_LEFT_CUTS = tuple(sorted((
    "调研了 考察了 走访了 来到 前往 走进 深入 先后 实地 察看 视察 调研 考察 走访 看望 督导 "
    "主持 召开 出席 参加 会见 会同 推动 推进 加快 支持 签约 落户 引进 建设 开工 投产 位于 "
    "依托 围绕 包括 其中 以及 还有 作为 对于 关于 随后 一行 期间 此次 本次 这次 今年 去年 "
    "目前 近日 日前 同时 并 在 到 赴 至 于 和 与 及 对 是 将 了 的 等 由 把 被 从 "
    "让 使 给 据 就 又 还 也 已 要 及其 、 听取 了解 查看 完成 开展 实施 梳理 申报 汇报 助力 聚焦 打造 培育 "
    "壮大 带动 支撑 做强 做大 举行 通报 紧盯 服务 "
).split(), key=len, reverse=True))
_LEFT_CUT = re.compile("|".join(map(re.escape, _LEFT_CUTS)))
_GENERIC_BODIES = frozenset({
    "重点", "重大", "招商", "在建", "产业", "签约", "新开工", "续建", "新建", "竣工", "投产", "该", "此", "本", "这些",
    "一批", "相关", "各类", "各", "全部", "所有", "省级", "市级", "县级", "国家级", "示范", "试点", "合作", "建设",
    "基础设施", "民生", "工业", "制造业", "服务业", "农业", "储备", "前期", "谋划", "优质", "好", "大", "重点产业",
    "全市", "全省", "全县", "全区", "全州", "我市", "我县", "我区", "我省", "本市", "本县", "科技", "特色", "现代",
})  # fmt: skip
# A project "name" ending in one of these is a generic phrase (全市重大项目, 上半年全市项目, 重大产业项目).
_GENERIC_ENDINGS = re.compile("(?:重大|重点|产业|招商|签约|在建|开工|全市|全省|全县|全区|各类|相关|一批|这些|其他)$")


_PARK_END = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "高新区", "经开区", "开发区", "工业集中区",
             "产业园区", "工业园区", "科技园区", "产业园", "工业园", "科技园", "园区", "产业基地",
             "综合保税区", "产业集聚区", "旅游度假区", "工业区", "产业集中区", "工业城(?!市)", "科创园")  # fmt: skip
_ENTERPRISE_END = "(?:股份有限公司|有限责任公司|集团有限公司|集团股份有限公司|有限公司|集团)"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "park": re.compile(f"[{_NAME_CHARS}]{{2,16}}?(?:{'|'.join(_PARK_END)})"),
    "cluster": re.compile(f"[{_NAME_CHARS}]{{2,30}}?(?:产业集群|集群)"),
    "enterprise": re.compile(f"[{_NAME_CHARS}]{{2,24}}?{_ENTERPRISE_END}(?:[{_HAN}]{{2,10}}?分公司)?"),
    "project": re.compile(f"[{_NAME_CHARS}，]{{2,30}}?(?:[一二三四五六七八九十]期(?:工程|项目)?|项目)"),
}
_BODY_END = re.compile(f"(?:项目|[一二三四五六七八九十]期(?:工程)?|产业集群|集群|{_ENTERPRISE_END}|"
                       f"{'|'.join(_PARK_END)})$")
# A project "name" that is a count or a round (2024年第四次项目, 第二批项目).
_ROUND = re.compile("第[0-9一二三四五六七八九十]+(?:次|批|季度|期)")
_MIN_BODY = {"park": 2, "cluster": 2, "enterprise": 2, "project": 4}
# Inside a project candidate, a park or an enterprise before the project's own name is an entity of its own.
_PREFIX_ENTITY = re.compile(f"(?:{'|'.join(_PARK_END[:7])})")

_NUM = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_CN_NUM = "[〇零一二三四五六七八九十百千万亿两点]+"
_MONEY = re.compile(
    f"(?P<n>{_NUM}|{_CN_NUM}?[一二三四五六七八九十两][〇零一二三四五六七八九十百千两点]*)\\s*(?:余|多)?"
    "(?P<u>万亿|亿|千万|百万|万|千)?(?:余|多)?元"  # 5000余万元, 3亿多元: the amount is at least that
    f"|(?<=[资额值入收税元，约近超达逾])(?P<n2>{_NUM})\\s*(?P<u2>亿|万)(?![人吨台件平套个户亩千米方辆])"
    # a round amount without a digit: 千万元 (a ten-million-yuan project), 百亿元, not 数千万元
    "|(?<![0-9〇零一二三四五六七八九十百千万亿两点几数])(?P<n3>[百千])(?P<u3>万亿|亿|万)元"
)
_MONEY_SCALE = {None: 1, "千": 1000, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8, "万亿": 10**12}

_D = "[0-9]{1,2}"
_DATE = re.compile(
    "(?P<iso>(?P<iy>[0-9]{4})[-/.](?P<im>" + _D + ")[-/.](?P<id>" + _D + "))(?![0-9])"
    "|(?P<me>" + _D + ")月(?:底|末)"
    "|(?:(?P<y>[0-9]{4}|[〇零一二三四五六七八九]{4})年)?(?:(?P<m>" + _D + "|[一二三四五六七八九十]{1,3})月)"
    "(?:(?P<d>" + _D + "|[一二三四五六七八九十]{1,3})[日号])?"
    "(?:(?P<sep>至|到|—|－|-|~|～)(?:(?P<m2>" + _D + ")月)?(?P<d2>" + _D + ")[日号])?"
    "|(?P<yonly>[0-9]{4})年度?(?![0-9一二三四五六七八九十]{1,3}月|[0-9]|[以来])"
)
_DAY_AFTER = re.compile("、(?P<d>" + _D + ")[日号]")


@dataclass
class Entity:
    """One entity found in the text: its type, the text and its offsets [start, end), and its value.

    ``key`` and ``match`` say which record it is linked to (``exact``, ``alias``, ``fuzzy``, or ``new`` for a
    proposed record) with ``score`` (0–100) for fuzzy links, and ``reason`` why (see `link_entities`).
    """

    type: str
    text: str
    start: int
    end: int
    value: object = None
    key: str | None = None
    match: str | None = None
    score: float | None = None
    canonical: str | None = None
    candidates: list[tuple[str, str, float]] = field(default_factory=list)
    reason: str | None = None

    def as_dict(self, *, links: bool = False) -> dict[str, object]:
        """The JSON form: type, text, start, end, and value where there is one (and the link if asked)."""
        data: dict[str, object] = {"type": self.type, "text": self.text, "start": self.start, "end": self.end}
        if self.value is not None:
            data["value"] = self.value
        if links and self.match is not None:
            data.update({"match": self.match, "key": self.key, "score": self.score, "canonical": self.canonical,
                         "reason": self.reason})
        return data


def _to_int(text: str) -> int:
    return int(text) if text.isdigit() else int(parse_chinese_numeral(text))


def _iso(year: int | None, month: int, day: int) -> str | None:
    try:
        if year is None:
            datetime.date(2000, month, day)  # leap year: 2月29日 is a valid month-day
            return f"--{month:02d}-{day:02d}"
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _dates(text: str, default_year: int | None) -> Iterable[Entity]:
    year = default_year
    for m in _DATE.finditer(text):
        try:
            if m["iso"]:
                year = int(m["iy"])
                value = _iso(year, int(m["im"]), int(m["id"]))
                if value:
                    yield Entity("date", m[0], m.start(), m.end(), value)
                continue
            if m["me"]:
                month = int(m["me"])
                if 1 <= month <= 12:
                    last = (datetime.date(2001 if year is None else year + month // 12, month % 12 + 1, 1)
                            - datetime.timedelta(days=1))
                    value = last.isoformat() if year else f"--{month:02d}-{last.day:02d}"
                    yield Entity("date", m[0], m.start(), m.end(), value)
                continue
            if m["yonly"]:
                year = int(m["yonly"])  # a year alone (2021年) sets the year of what follows; it is no event's date
                continue
            if m["y"]:
                year = _to_int(m["y"]) if m["y"].isdigit() else int("".join(str(_to_int(c)) for c in m["y"]))
            month = _to_int(m["m"])
            if not m["d"]:
                if not 1 <= month <= 12:
                    continue
                if m["y"]:  # 2024年6月; a month alone (6月) is no event's date
                    yield Entity("date", m[0], m.start(), m.end(), f"{year:04d}-{month:02d}")
                continue
            day = _to_int(m["d"])
            value = _iso(year, month, day)
            if value is None:
                continue
            if m["d2"]:
                end = _iso(year, int(m["m2"]) if m["m2"] else month, int(m["d2"]))
                value = f"{value}/{end}" if end else value
            yield Entity("date", m[0], m.start(), m.end(), value)
            position = m.end()
            while (more := _DAY_AFTER.match(text, position)) is not None:
                day_value = _iso(year, month, int(more["d"]))
                if day_value is None:
                    break
                yield Entity("date", more[0][1:], more.start() + 1, more.end(), day_value)
                position = more.end()
        except (NumeralParseError, ValueError):
            continue


def _money_value(number: str, unit: str | None) -> object:
    try:
        amount = Decimal(number.replace(",", "")) if number[0].isdigit() else parse_chinese_numeral(number)
    except (InvalidOperation, NumeralParseError):
        return None
    amount *= _MONEY_SCALE[unit]
    return int(amount) if amount == amount.to_integral_value() else str(amount.normalize())


def _money(text: str) -> Iterable[Entity]:
    for m in _MONEY.finditer(text):
        if m["n3"]:
            value: object = (100 if m["n3"] == "百" else 1000) * _MONEY_SCALE[m["u3"]]
            yield Entity("money", m[0], m.start(), m.end(), value)
            continue
        number, unit = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"])
        value = _money_value(number, unit)
        if value is not None:
            yield Entity("money", m[0], m.start(), m.end(), value)


# A county's short name counts only in a place context: after a province or city (吉林大安), after a verb of
# going or being somewhere, or before a body, zone or suffix of a place.
_PLACE_BEFORE = re.compile("(?:在|赴|到|至|来自|位于|前往|来到|走进|落户|扎根|立足|抵达|赶赴|奔赴|回到|省|市|州|地区)$")
_PLACE_AFTER = re.compile("(?:县(?!域)|市(?!场)|区(?!域)|旗|籍|境内|党政|人民政府|政府|经开区|高新区|开发区|工业园|"
                          "产业园|园区|"
                          "工业集中区|县委|市委|区委|一带|等地)")


#: Counties whose short name is also an ordinary word: they count only in a place context.
COMMON_WORD_REGIONS: frozenset[str] = frozenset(
    "振兴 合作 大安 大新 定安 上高 新和 云龙 宏伟 长兴 和政 平安 和平 太平 永定 永和 安定 新华 东方 长安 海南 "
    "安宁 宁安 福安 龙泉 兴国 大同 大方 大余 大田 安化 文化 富民 民和 乐业 乐平 高平 平和 安远 宜良 长寿 长宁 "
    "石门 龙门 江口 河口 大通 通道 资源 城关 仁和 南山 青山 和顺 永胜 永春 永丰 永新 新丰 丰都 丰宁 开化 "
    "光明 先锋 前进 胜利 红旗 朝阳 向阳 新兴 新城 新市 城中 东区 西区 南区 北区 中心 来宾 白银 安康 三明".split()
)


_BODY_AFTER = re.compile("(?:县委|市委|区委|州委|旗委|县政府|市政府|区政府|人民政府|经开区|高新区|经济开发区|"
                         "经济技术开发区)")


class _Words:
    """Token boundaries of the text, for the rules that need them (None everywhere without a tagger)."""

    def __init__(self, text: str, tokens: Sequence[Token] | None) -> None:
        self.tokens = list(tokens or ())
        self.index: list[int] = [-1] * len(text)
        for i, token in enumerate(self.tokens):
            self.index[token.start:token.end] = [i] * (token.end - token.start)

    def at(self, offset: int) -> Token | None:
        i = self.index[offset] if 0 <= offset < len(self.index) else -1
        return self.tokens[i] if i >= 0 else None


def _inside_other_word(start: int, words: _Words) -> bool:
    """Whether ``start`` falls inside a word of the model that is no place (理 of 代理 in 代理县长)."""
    token = words.at(start)
    return token is not None and token.start != start and token.tag not in ("LOC", "ns")


def _region_in_context(known: KnownName, text: str, start: int, words: _Words, gazetteer: Gazetteer) -> bool:
    if not known.alias:
        # A full name too is no place when it starts inside another word: 理县 in 代理县长 (代理 县长).
        return not _inside_other_word(start, words)
    end = start + len(known.text)
    token = words.at(start)
    if token is not None and token.start != start:
        # Inside a word (和政 in 和政策) it is no place, unless the word is a place that names its region first
        # (吉林大安).
        before = gazetteer.get(text[token.start:start])
        return token.tag == "LOC" and before is not None and before.type == "region"
    if known.priority >= 1 and known.text not in COMMON_WORD_REGIONS:
        # a province's or a city's short name: at a word boundary, or anywhere without a tagger
        return token is None or token.tag in ("LOC", "ORG", "nz", "ns") or (words.at(end - 1) or token).end == end
    if _BODY_AFTER.match(text, end):
        return True  # 修武县委书记: a party committee, a government or a zone of the place (whatever the model read)
    if token is not None and token.tag not in ("LOC", "ORG"):
        return False
    if token is not None and token.tag == "LOC" and token.end == end and known.text not in COMMON_WORD_REGIONS:
        return True  # the model reads it as a place, and it is no ordinary word
    previous = words.at(start - 1)
    if previous is not None and previous.tag == "LOC" and (known_before := gazetteer.get(previous.text)) is not None \
            and known_before.type == "region":
        return True  # 吉林大安
    return bool(_PLACE_BEFORE.search(text[max(0, start - 4):start]) or _PLACE_AFTER.match(text, end))


def _known(text: str, gazetteer: Gazetteer | None, words: _Words) -> Iterable[Entity]:
    if gazetteer is None:
        return
    for longest, start in gazetteer.finditer(text):
        # Shorter known names at the same place (长沙 inside 长沙市政府) are kept as fall-backs for the
        # overlap resolution, which may give the longer span to another entity.
        shorter = (gazetteer.get(text[start:start + n]) for n in range(len(longest.text) - 1, 1, -1))
        for known in (longest, *(k for k in shorter if k is not None)):
            if known.type == "region" and not _region_in_context(known, text, start, words, gazetteer):
                continue
            value = known.key if known.type == "region" else None
            yield Entity(known.type, known.text, start, start + len(known.text), value, key=known.key,
                         match="alias" if known.alias else "exact", score=100.0, canonical=known.canonical)


def _left_trim(candidate: str) -> int:
    """How many characters to drop from the left of a pattern match so that it starts at the name."""
    cut = 0
    for m in _LEFT_CUT.finditer(candidate):
        if m.end() < len(candidate) - 1:
            cut = m.end()
    return cut


# Words a name never starts with or runs across: verbs, prepositions, pronouns, adverbs, conjunctions,
# particles, measure words, punctuation, times and persons.
_BREAK_TAGS = frozenset({"vd", "p", "c", "u", "xc", "d", "r", "w", "ad", "q", "f", "t", "TIME"})
_NOUNISH = frozenset({"n", "nz", "nw", "vn", "an", "LOC", "ORG", "PER", "ns", "nt", "m"})
# A capacity names a project (500兆瓦光伏项目, 年产10万吨…).
_CAPACITY = re.compile("[0-9０-９].*(?:兆瓦|千瓦|万千瓦|吨|万吨|亩|平方米|万平方米|公里|千米|万头|万只|万台|万套|万件)")
# Words a name does not start with, though they may stand inside it.
_LEADING = frozenset({"v", "vd", "d", "ad", "c", "w", "u", "p", "r"})
_LEADING_WORDS = frozenset({"新建", "推进", "加快", "开工", "签约", "全力", "重点", "暨"})
_BRACKETS = frozenset({"(", ")", "（", "）", "·", "—", "-", "－"})
_JOINER = "暨"  # 集中开工暨泰屹…项目: the model may read 暨 and the name's first characters as one word
# A name has at least one word that names something (a place, an organisation, a proper noun).
_NAMING_TAGS = frozenset({"LOC", "ORG", "nz", "nw", "ns", "nt", "nr", "PER"})


# Verbs that belong to a project's name: 年产10万吨…, 年加工….
_OUTPUT = re.compile("年(?:产|加工|处理|生产|出栏|屠宰|回收|吞吐)$")


# Words inside names: brackets and joiners (纬创资通(中山)有限公司), and for projects the joining conjunctions
# and the verbs of works (多功能生态包装和农地膜投资项目, 县殡仪馆建设项目).
_IN_NAME = frozenset({"(", ")", "（", "）", "·", "—", "-", "－", "东部", "西部", "南部", "北部", "中部"})
_PROJECT_WORDS = frozenset({"和", "及", "建设", "改造", "新建", "扩建", "提升", "改扩建", "技改", "搬迁", "升级",
                            "整治", "提质", "开发", "投资", "制造", "加工", "生产", "应用", "治理", "修复", "配套",
                            "利用", "循环", "服务", "集成", "智能", "精深加工", "再生", "储能", "检测", "扶贫",
                            "共建", "孵化", "创业", "创新", "物流", "仓储", "养殖", "种植", "装配"})
_FACILITY = re.compile("^[县市区镇乡]|厂|馆|园|院|站|中心|路|桥|管网|小区|学校|幼儿园|基地|城|港|广场|市场|机场|农场|"
                       "仓|库|线|楼")


def _text_of(words: _Words, start: int, end: int) -> str:
    """The text of the words from ``start`` to ``end``."""
    return "".join(t.text for t in words.tokens if start <= t.start and t.end <= end)


# One-character verbs that never end an owner's name (市委 到 …项目).
_PLAIN_VERBS = frozenset("到去来在抓看建做推促把让使给对向为是有赴抵进入出上下谋引招签办")


def _name_start(entity_type: str, start: int, end: int, words: _Words) -> int | None:
    """With a tagger: where the name that ends at ``end`` starts (None if the words hold no name).

    The name runs left from its ending over nouns, places, organisations, and verbs and adjectives inside
    it (澄城县扶贫产业园标准化厂房建设项目), and stops at a preposition, pronoun, adverb, particle, conjunction
    or punctuation; then it starts at its first word that is not a verb or an adverb (推进 泰屹智能制造产业园项目).
    """
    if words.at(end - 1) is None:
        return start
    i = words.index[end - 1]
    first = i
    joined = None
    while first > 0:
        before = words.tokens[first - 1]
        if before.start < start:
            break
        if before.text.startswith(_JOINER) and len(before.text) > 1 and before.tag == "c":
            joined = before.start + 1  # 暨泰屹 智能制造产业园项目
            break
        inside = (_OUTPUT.match(before.text) or before.text in _IN_NAME
                  or (entity_type != "enterprise" and before.text in _PROJECT_WORDS and before.tag != "c")
                  or (entity_type == "project" and before.text in ("和", "及")))
        if (before.tag == "m" and entity_type != "project" and not inside) or (before.tag in _BREAK_TAGS
                                                                             and not inside):
            break
        after = words.tokens[first]
        if before.tag == "PER" and after.tag not in ("n", "nz", "LOC", "ORG"):
            break  # 李明 视察: a person, then what the person does
        if entity_type != "enterprise" and _TITLE_WORD.search(before.text) and before.tag != "ORG":
            break  # 县委副书记 于三龙 点评项目
        if before.tag == "v" and not inside and not (
                entity_type in ("enterprise", "cluster") and first >= 2
                and words.tokens[first - 2].tag in ("ORG", "LOC")) and not (
                entity_type == "project" and first >= 2 and words.tokens[first - 2].tag == "ORG"
                and len(before.text) == 1 and before.text not in _PLAIN_VERBS):
            break  # only the verbs of works stand in a name (建设, 扶贫 …), or in a company's (苏州 引航 生物公司),
            # or one character the model cut off an owner's name (易华 录 城市数据湖项目)
        if before.tag == "a" and (len(before.text) < 2 or before.text in _GENERIC_BODIES) \
                and (first < 2 or words.tokens[first - 2].tag not in _NOUNISH):
            break  # an adjective stands inside a name, between its parts (西秀 健康 生态产业园)
        first -= 1
    while first <= i and words.tokens[first].start < start:
        first += 1  # the match starts inside a word: the name starts at the next word
    while first < i and (words.tokens[first].text in _BRACKETS or words.tokens[first].tag in _LEADING
                         or words.tokens[first].text in _LEADING_WORDS):
        first += 1  # nor with a verb, an adverb, a bracket or a conjunction
    if first > i:
        return None
    name_start = words.tokens[first].start
    if joined is not None and first == words.index[joined] + 1:
        return joined
    naming = any(t.tag in _NAMING_TAGS or (t.tag == "m" and _CAPACITY.search(t.text))
                 or (entity_type == "park" and t.tag in ("n", "nz") and t.end < end and t.text not in _GENERIC_BODIES)
                 for t in words.tokens[first:i + 1])
    if not naming and entity_type != "enterprise":
        # A park or cluster of plain nouns (工业园区, 产业园) needs a place or organisation; a project of plain
        # nouns needs at least three words and a facility or a county's own head (县殡仪馆建设项目), so that
        # 高层次项目 and 文化旅游项目 are not names.
        count = i + 1 - first
        body = _text_of(words, name_start, end)
        if entity_type != "project" or count < 3 or not _FACILITY.search(body):
            return None
    return name_start


# A list of projects: after a cue of visiting or following (先后来到, 跟进, 围绕 …) and closed by 等…项目, N个项目
# or the end of the clause (来到秦厂综合体、岸上石拱桥项目、柒月民宿等地; 跟进A、B等项目).
_LIST = re.compile(
    "(?P<cue>先后来到|来到|走进|深入|考察了?|观摩了?|察看了?|跟进|围绕|包括|分别是|分别为|参观了?|实地查看了?|的|如|已有)"
    "[：:]?"
    "(?P<list>[^。；！？，：\n“”]{4,160}?)"
    "(?P<end>等(?:地|处|[0-9一二三四五六七八九十]+个)?[^。；，]{0,12}?项目|等地|[一二三四五六七八九十两0-9]+个项目|(?=[；。，]))"
)
_ITEM_SPLIT = re.compile("、|以及|及")
# A list of enterprises: after a cue of visiting or counting and closed by 等(N家)…企业
# (走访扬帆机械、多晶环保以及金鹏门窗等企业; 现有拾分味道（临泉）食品、安徽双全面粉等规上企业).
_ENTERPRISE_CUE = "(?:走访了?|现有|拥有|包括|前往了?|拜访了?|考察了?|调研了?|深入|来到|引进了?|落户了?|培育了?|邀请了?)"
_ENTERPRISE_LIST = re.compile(
    "(?:(?<=[，。：；\n])|^)(?P<list>[^。；！？，：\n“”]{2,160}?)"
    "等(?:[0-9一二三四五六七八九十]+家)?(?:规上|规模以上|重点|骨干|龙头|外资|民营|工业|科技型|高新技术|链主|配套)?企业",
    re.MULTILINE,
)
# A clause listing companies, most of them with a company's ending (前往了浙江宁波开发投资集团、环洋新材料、…公司).
_CLAUSE_ITEMS = re.compile("(?:(?<=[，。：；\n])|^)[^。；！？，：\n“”]{4,200}", re.MULTILINE)


def _holds_person(words: _Words, start: int, end: int) -> bool:
    """Whether the model tags a person between ``start`` and ``end``."""
    if end <= start or not words.tokens:
        return False
    first, last = words.index[start], words.index[end - 1]
    return first >= 0 and last >= 0 and any(t.tag == "PER" for t in words.tokens[first:last + 1])


def _items(text: str, start: int, end: int, words: _Words) -> Iterable[tuple[str, int, int]]:
    """The items of a list (cut at 、 以及 和 及); the first starts after a cue of visiting or counting."""
    position = start
    for n, item in enumerate(re.split("(、|以及|和|及)", text[start:end])):
        a, b = position, position + len(item)
        position = b
        if item in ("、", "以及", "和", "及"):
            continue
        if n == 0:
            cue = next(reversed(list(re.finditer(_ENTERPRISE_CUE, item))), None)
            if cue is not None:
                a += cue.end()
            elif words.tokens:
                begin = _name_start("enterprise", a, b, words)
                if begin is None:
                    continue
                a = begin
        name = text[a:b].strip()
        if _holds_person(words, a, b):
            continue  # a person in the list
        if (lead := _ORG_LEAD.match(name)) is not None and len(name) - lead.end() >= 4:
            name = name[lead.end():]  # 产业集聚区勤大机电设备有限公司
        yield name, b - len(name), b


_SOCIETY_NAME = re.compile("[\u4e00-\u9fff]{2,10}?(?:商会|协会|联合会|促进会)")


def _societies(text: str, words: _Words) -> Iterable[Entity]:
    """Names of societies (珠海山东商会): they hold their places off, and are then dropped."""
    for m in _SOCIETY_NAME.finditer(text):
        begin = _name_start("enterprise", m.start(), m.end(), words)
        if begin is not None and m.end() - begin >= 4:
            yield Entity("organisation", text[begin:m.end()], begin, m.end())


def _listed_enterprises(text: str, words: _Words) -> Iterable[Entity]:
    for m in _ENTERPRISE_LIST.finditer(text):
        for item, start, end in _items(text, m.start("list"), m.end("list"), words):
            if 2 <= len(item) <= 25 and not _COUNTED.match(item) and not _OTHER_KIND_NOT_COMPANY.search(item) \
                    and not _TITLE_IN.search(item):
                yield Entity("enterprise", item, start, end)
    for m in _CLAUSE_ITEMS.finditer(text):
        if m[0].count("、") < 2:
            continue
        items = list(_items(text, m.start(), m.end(), words))
        if len(items) >= 3 and sum(1 for item, _, _ in items if _COMPANY.search(item)) >= 2:
            for item, start, end in items:
                if 2 <= len(item) <= 12 and not _COUNTED.match(item) and not _OTHER_KIND_NOT_COMPANY.search(item) \
                        and not _COMPANY.search(item):
                    yield Entity("enterprise", item, start, end)


# Short names of enterprises written without their place or company ending: a brand of two or three characters and
# the trade word of the register's naming rules (汇龙环保, 联茂机械, 华慧新能源). Only in a list of several such
# names (or with a company beside them), never from a list of trades (富硒食品、生物医药 are trades, no companies).
_TRADE = ("新能源|新材料|科技|机械|食品|制药|药业|医药|环保|能源|材料|电池|电子|电气|电器|电机|煤业|矿业|面粉|门窗|"
          "工贸|石油|钢铁|化工|纺织|服饰|服装|汽车|汽配|建材|物流|实业|农业|牧业|生物|光电|精密|重工|包装|纸业|"
          "陶瓷|玻璃|铝业|动力|通信|软件|高新|股份|控股|置业|乳业|酒业|茶业|家居|家具|装备|模具|塑业|橡胶|管业|"
          "线缆|光伏|钢构|铸造|集团")
_SHORT_ENTERPRISE = re.compile(f"[{_HAN}]{{2,3}}?(?:{_TRADE})")
_TRADE_END = re.compile(f"(?:{_TRADE})$")
_TRADE_HEADS = frozenset(
    "生物 富硒 绿色 现代 高端 先进 新型 精细 数字 智能 电子 信息 节能 清洁 装备 农副 特色 传统 新兴 优势 主导 汽车 "
    "电力 石油 煤炭 化学 有色 轻工 纺织 建筑 文化 旅游 健康 食品 医药 新能 能源 材料 机械 高新 科技 农业 工业 商贸 "
    "循环 低碳 环保 生态 精品 优质 品牌 重点 骨干 龙头 规上 民营 国有 外资 中小 小微 大型 中型 相关 其他 一批 各类 "
    "航空 海洋 船舶 冶金 钢铁 化工 建材 家居 服装 光电 光伏 通信 软件 新材 生产 加工 制造 研发 销售 产业 企业 "
    "全市 全省 全县 全区 我市 我县 我区 本地 当地 国际 国内 省级 市级 县级 国家".split()
)
_SHORT_CUE = re.compile("(?:先后到|到|前往了?|来到|走访了?|深入|新[(（]扩[)）]建|新建|扩建|考察了?|调研了?|包括|有)$")
_SHORT_TAIL = re.compile("(?:等|调研|考察|参观|实地|现场|生产|项目|企业)")


def _short_name(item: str, first: bool, last: bool) -> tuple[int, int] | None:
    """Where a short enterprise name stands in one list item (offsets in the item), if it holds one."""
    end = len(item)
    if last and (tail := _SHORT_TAIL.search(item)) is not None:
        end = tail.start()
    for begin in range(max(0, end - 7), end - 3):
        name = item[begin:end]
        if not _SHORT_ENTERPRISE.fullmatch(name):
            continue
        if begin > 0 and not (first and _SHORT_CUE.search(item[:begin])):
            continue
        head = _TRADE_END.sub("", name)
        if len(head) >= 2 and head not in _TRADE_HEADS and head[:2] not in _TRADE_HEADS:
            return begin, end
    return None


def _short_enterprises(text: str) -> Iterable[Entity]:
    """Enterprises named by brand and trade in a list (走访汇龙环保、矽盛电子、百图高新、联茂机械等企业).

    Examples
    --------
    >>> [e.text for e in _short_enterprises("新建汇龙环保、百图高新、联茂机械等27个项目实现达产。")]
    ['汇龙环保', '百图高新', '联茂机械']
    >>> [e.text for e in _short_enterprises("加快新材料、富硒食品、生物医药等产业发展。")]
    []
    """
    for clause in _CLAUSE_ITEMS.finditer(text):
        parts = re.split("(、|以及|和|及)", clause[0])
        items = [(i, part) for i, part in enumerate(parts) if i % 2 == 0]
        if len(items) < 2:
            continue
        found: list[tuple[int, int]] = []
        companies = 0
        position = clause.start()
        offsets = []
        for part in parts:
            offsets.append(position)
            position += len(part)
        for n, (i, part) in enumerate(items):
            spot = _short_name(part, n == 0, n == len(items) - 1)
            if spot is not None:
                found.append((offsets[i] + spot[0], offsets[i] + spot[1]))
            elif _COMPANY.search(_SHORT_TAIL.split(part)[0]):
                companies += 1
        if len(found) + companies >= 2 and found:
            for start, end in found:
                yield Entity("enterprise", text[start:end], start, end)


_NOT_PROJECT_ITEM = re.compile(f"(?:集群|{_ENTERPRISE_END}|公司|等)$")
_WORK_ENDING = re.compile("(?:生产|加工|制造|建设|改造|提升|整治|修缮|维修)$")  # 老旧小区改造 is work, no project
_OTHER_KIND = re.compile(f"(?:集群|{_ENTERPRISE_END}|公司|{'|'.join(_PARK_END)})$")
_OTHER_KIND_NOT_COMPANY = re.compile(f"(?:集群|项目|{'|'.join(_PARK_END)})$")


# What a project's name without a suffix ends in: a facility or a phase (…棉纱生产线, …标准化厂房, …二期).
_PROJECT_NAME_END = re.compile("(?:生产线|厂房|车间|基地|产业园|园区|中心|工程|[一二三四五六七八九十]期|升级|改造|"
                               "扩建|新城|小镇|综合体|大厦|广场|乡村|物流园|科技园)$")


def _names_something(item: str, words: _Words, start: int, end: int) -> bool:
    """Whether a list item names something: a place, an organisation or a proper noun in it (by the model), a
    capacity, or a name ending of facilities and phases (天纤棉业公司二期20万锭棉纱生产线, 城关镇凤凰美丽乡村);
    精准扶贫 and 文旅综合体 name nothing.

    Examples
    --------
    >>> _names_something("天纤棉业公司二期20万锭棉纱生产线", _Words("", None), 0, 0)
    True
    >>> _names_something("精准扶贫", _Words("", None), 0, 0)
    False
    """
    if _CAPACITY.search(item):
        return True
    tokens = [t for t in words.tokens if start <= t.start and t.end <= end]
    if any(t.tag in _NAMING_TAGS for t in tokens):
        return True
    return bool(_PROJECT_NAME_END.search(item)) and len(item) >= 6


# Cues after which a list ending in a project is not a list of projects (的A和B项目, 围绕A、B项目).
_OPEN_CUES = frozenset({"的", "如", "围绕", "包括", "跟进", "分别是", "分别为", "已有"})


def _listed_projects(text: str, words: _Words) -> Iterable[Entity]:
    for m in _LIST.finditer(text):
        items = m["list"]
        named_projects = (m["cue"] in ("包括", "分别是", "分别为", "如")
                          and "项目" in text[max(0, m.start() - 12):m.start()])
        if m["cue"] == "如" and not named_projects:
            continue
        if m["cue"] == "的" and not re.match("[一二三四五六七八九十两0-9]+个项目", m["end"]):
            continue  # …的A、B、C四个项目: after 的 only a counted list
        closed_by_project = (not m["end"] and items.endswith("项目") and m["cue"] not in _OPEN_CUES
                             and "的" not in items)  # 考察了园区的道路及管网项目: one project of a place
        if not (m["end"] or named_projects or closed_by_project) or len(_ITEM_SPLIT.split(items)) < 2:
            continue  # only a list closed as projects or places (等…项目, 四个项目, 等地, 考察A及B项目), or one of
            # named projects
        position = m.start("list")
        for item in _ITEM_SPLIT.split(items):
            start, end = position, position + len(item)
            position = end + 1
            item = item.strip()
            if not 3 <= len(item) <= 25 or item[0] in "了和与对在" or _ROUND.search(item):
                continue
            if item in _GENERIC_BODIES or _GENERIC_ENDINGS.search(item.removesuffix("项目")) \
                    or _NOT_PROJECT_ITEM.search(item) or _WORK_ENDING.search(item):
                continue  # a park in a list of projects is the project (禾软科技园), a cluster or company is not
            if m["cue"] == "深入" and not _names_something(item, words, start, end):
                continue  # 深入A生产线、B及精准扶贫、文旅综合体等项目现场: 精准扶贫 and 文旅综合体 are kinds of work
            yield Entity("project", item, start, end)


def _balanced(name: str) -> str:
    """The name after a bracket it does not open (基地）太和县… → 太和县…) or one it does not close."""
    depth, cut = 0, 0
    for i, ch in enumerate(name):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                cut = i + 1
            depth = max(0, depth - 1)
    name = name[cut:]
    opened = [i for i, ch in enumerate(name) if ch in "（("]
    closed = sum(1 for ch in name if ch in "）)")
    if len(opened) > closed:
        name = name[opened[closed] + 1:] if closed == 0 else name
    return name


def _patterns(text: str, words: _Words) -> Iterable[Entity]:
    tagged = bool(words.tokens)
    for entity_type, pattern in _PATTERNS.items():
        for m in pattern.finditer(text):
            candidate = m[0]
            start = m.start()
            if entity_type == "project" and "，" in candidate:
                comma = candidate.rfind("，")
                candidate, start = candidate[comma + 1:], start + comma + 1
            if entity_type == "project":
                prefixes = [p for p in _PREFIX_ENTITY.finditer(candidate) if p.end() <= len(candidate) - 4]
                if prefixes:
                    cut_at = prefixes[-1].end()
                    candidate, start = candidate[cut_at:], start + cut_at
            if tagged:
                begin = _name_start(entity_type, start, m.end(), words)
                if begin is None:
                    continue
                candidate, start = text[begin:m.end()], begin
            cut = 0 if tagged else _left_trim(candidate)
            name = _balanced(candidate[cut:]).lstrip("（(")
            if entity_type != "project" and name[:1] in ("市", "省") and len(name) > 6:
                name = name[1:]  # the match began inside 阜阳市: 市临泉县…产业集群
            if entity_type == "enterprise" and (lead := _ORG_LEAD.match(name)) is not None \
                    and len(name) - lead.end() >= 4:
                name = name[lead.end():]  # 深圳的望家欢农产品集团, 产业集聚区勤大机电设备有限公司
            start = m.end() - len(name)
            body = _BODY_END.sub("", name)
            if len(body) < _MIN_BODY[entity_type] or body in _GENERIC_BODIES or body[-1] in "个批等类项家":
                continue
            if entity_type == "project" and (_GENERIC_ENDINGS.search(body) or _ROUND.search(body)):
                continue
            yield Entity(entity_type, name, start, start + len(name))


def _park_after_its_city(park: Entity, gazetteer: Gazetteer) -> list[Entity]:
    """A park whose name runs on from the city it lies in: the city is a region and the park starts at its own place
    name (阜阳界首高新区: the region 阜阳 and the park 界首高新区).

    Examples
    --------
    >>> g = Gazetteer([KnownName("阜阳", "region", "341200", "阜阳市", alias=True),
    ...                KnownName("界首", "region", "341282", "界首市", alias=True)])
    >>> [(e.type, e.text, e.start) for e in _park_after_its_city(Entity("park", "阜阳界首高新区", 3, 10), g)]
    [('region', '阜阳', 3), ('park', '界首高新区', 5)]
    >>> [e.text for e in _park_after_its_city(Entity("park", "界首高新区", 0, 5), g)]
    ['界首高新区']
    """
    if park.type != "park":
        return [park]
    first = next((k for k, at in gazetteer.finditer(park.text) if at == 0 and k.type == "region"), None)
    if first is None:
        return [park]
    rest = park.text[len(first.text):]
    second = next((k for k, at in gazetteer.finditer(rest) if at == 0 and k.type == "region"), None)
    if second is None or second.key == first.key or len(rest) - len(second.text) < 2:
        return [park]
    middle = park.start + len(first.text)
    return [Entity("region", first.text, park.start, middle, first.key, key=first.key,
                   match="alias" if first.alias else "exact", score=100.0, canonical=first.canonical),
            Entity("park", rest, middle, park.end)]


def _person(text: str, name_start: int, name: str, title: str) -> Entity:
    end = name_start + len(name)
    return Entity("person", text[name_start:end], name_start, end, {"name": name, "title": title})


def _people(text: str) -> Iterable[Entity]:
    titles = "|".join(sorted(PERSON_TITLES, key=len, reverse=True))
    # Title first: 市委书记吴桂英; several titles joined by 、 (省委常委、市委书记吴桂英).
    for m in re.finditer(f"(?P<t>(?:(?:{titles})、)*(?:{titles}))(?P<n>[{_HAN}]{{2,4}})", text):
        name = _person_name(m["n"], text, m.start("n"))
        if name:
            yield _person(text, m.start("n"), name, m["t"])
    # Name first: 吴桂英书记 (only a surname plus one or two characters, just before the title).
    for m in re.finditer(f"(?P<n>[{_HAN}]{{2,3}})(?P<t>{titles})", text):
        name = m["n"]
        if (name[0] in _SURNAMES or name[:2] in _COMPOUND_SURNAMES) and not _LEFT_CUT.fullmatch(name[-1]):
            yield _person(text, m.start(), name, m["t"])


# A word that is (the end of) a title: 市长, 副书记, 秘书长, 董事长, 常委会副主任, 党组成员 …
_TITLE_WORD = re.compile("(?:书记|[省市县区州镇乡]长|主任|局长|厅长|部长|处长|科长|院长|所长|校长|社长|行长|会长|"
                         "秘书长|董事长|总经理|经理|总裁|主席|常委|委员|组长|成员|总监|总工程师|负责人|代表|专员|"
                         "巡视员|调研员|院士|教授|省长|市长|县长|区长|旗长|州长|盟长|镇长|乡长|村长|队长|站长|"
                         "首席执行官|创始人|董事|监事|理事长|班长|舰长|参赞|大使|领事|市长助理|助理|主管|干部)$")
_TITLE_HEAD = frozenset({"ORG", "LOC", "n", "nz", "vn", "nt"})  # 市委 副书记, 长沙市 市长, 常委会 副主任


def _is_title(word: Token) -> bool:
    return word.tag not in ("PER", "w", "v", "p", "LOC") and bool(_TITLE_WORD.search(word.text))


def _title_start(words: _Words, i: int) -> int:
    """Where the title written just before the i-th word starts (市委副书记、市长 before 陈向阳)."""
    tokens = words.tokens
    j, start = i, tokens[i].start
    while j > 0 and _is_title(tokens[j - 1]):
        j -= 1
        start = tokens[j].start
        # The body the title belongs to (市委 副书记, 市人大 常委会 副主任).
        while j > 0 and tokens[j - 1].tag in _TITLE_HEAD and len(tokens[j - 1].text) <= 6 \
                and not _is_title(tokens[j - 1]) and not _LEFT_CUT.fullmatch(tokens[j - 1].text):
            j -= 1
            start = tokens[j].start
        if j > 1 and tokens[j - 1].text == "、" and _is_title(tokens[j - 2]):
            j -= 1
            continue
        break
    return start


_BYLINE_BEFORE = re.compile("(?:记者|通讯员|编辑|责编|审核|审片|审校|校对|监制|主编|策划|摄影|摄像|作者|来源|撰稿|"
                            "出品|制作|统筹|文|图|供图)[:：]?\\s*(?:[\u4e00-\u9fff]{2,4}[ 、，,]\\s*)*$")
_BYLINE_AFTER = re.compile("\\s*(?:供图|摄|报道|/文|/图|文/|整理)")


def _byline(text: str, start: int, end: int) -> bool:
    """Whether a name is a byline (记者 陈昊 丁宁, 编辑:李静, 颜怀明供图) rather than a person of the report."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("。", 0, start), text.rfind("（", 0, start),
                     text.rfind("(", 0, start)) + 1
    return bool(_BYLINE_BEFORE.search(text[max(line_start, start - 30):start]) or _BYLINE_AFTER.match(text, end))


def _ends_word(words: _Words, offset: int) -> bool:
    token = words.at(offset - 1)
    return token is not None and token.end == offset


_NOT_IN_NAME = re.compile("[副务委长司业代记任席]|公司")


def _people_tagged(text: str, words: _Words) -> Iterable[Entity]:
    titles = sorted(PERSON_TITLES, key=len, reverse=True)
    for i, token in enumerate(words.tokens):
        if token.tag != "PER":
            continue
        name, start = token.text, token.start
        for title in titles:  # a title the model kept in the name (市长陈向阳)
            if name.startswith(title) and len(name) - len(title) >= 2:
                name, start = name[len(title):], start + len(title)
                break
        if not 2 <= len(name) <= 4 or not re.fullmatch(f"[{_HAN}·]+", name) or _byline(text, start, token.end):
            continue
        title = text[_title_start(words, i):token.start]
        if start > token.start:
            title = text[token.start:start]
        if not title and i + 1 < len(words.tokens) and _TITLE_WORD.search(words.tokens[i + 1].text) \
                and words.tokens[i + 1].tag not in ("PER", "w", "v"):
            title = words.tokens[i + 1].text  # 吴桂英书记
        yield _person(text, start, name, title)


# Public bodies: organisations that are not enterprises.
_PUBLIC_BODY = re.compile("(?:委|局|厅|办|政府|人大|政协|委员会|管委会|中心|协会|商会|学会|联合会|联盟|大学|学院|"
                          "研究院|研究所|医院|学校|法院|检察院|党校|部|处|科|站|所|队|会|院|报|台|社|网|党|团|署|"
                          "室|组|馆|园|区|县|市|省|镇|乡|村|街道|社区|部门|集群|示范区|自贸区|论坛|大会|峰会|博览会)$")
_COMPANY = re.compile(f"(?:{_ENTERPRISE_END}|公司|股份|银行|集团公司|厂|企业)$")


def _organisations(text: str, words: _Words, gazetteer: Gazetteer | None) -> Iterable[Entity]:
    """Enterprises among the organisations the model tags: a company's ending, or no public body's ending."""
    for token in words.tokens:
        if token.tag != "ORG" or len(token.text) < 2:
            continue
        name, start = token.text, token.start
        lead = _ORG_LEAD.match(name)
        if lead is not None and len(name) - lead.end() >= 3:  # 深圳的望家欢农产品集团, 和龙海现代集团
            name, start = name[lead.end():], start + lead.end()
        if _COUNTED.match(name) or (gazetteer is not None and _all_places(name, gazetteer)):
            continue  # 八家公司, 江苏丹阳
        if not _COMPANY.search(name) and (name[0] in "省市县区州" or name[-1] in "力性度率感"
                                          or _TITLE_IN.search(name)):
            continue  # 省工业, 核心竞争力: the model's organisations that are no bodies
        if _COMPANY.search(name) or (len(name) >= 3 and not _PUBLIC_BODY.search(name)):
            yield Entity("enterprise", name, start, start + len(name))
        elif _SOCIETY.search(name):
            yield Entity("organisation", name, start, start + len(name))  # holds its places: 珠海山东商会


_ORG_LEAD = re.compile(f".*(?:的|代表|{'|'.join(_PARK_END)})|^(?:和|与|及|同|暨|本报讯|本网讯)")
# Bodies whose names hold places that are not what the text is about (珠海山东商会, 江南大学).
_SOCIETY = re.compile("(?:商会|协会|学会|联合会|联盟|大学|学院|研究院|研究所|医院|学校|报社|网|日报|电视台)$")
_TITLE_IN = re.compile("书记|[省市县区]长|主任|局长|厅长|部长|主席")
_COUNTED = re.compile("^(?:[0-9一二三四五六七八九十两几多数百千]+|各|多|部分|相关|有关)(?:家|个|批|类)?(?:企业|公司)?$"
                      "|^[0-9一二三四五六七八九十两几多数百千]+[家个批]")


def _all_places(name: str, gazetteer: Gazetteer) -> bool:
    covered = sum(len(k.text) for k, _ in gazetteer.finditer(name) if k.type == "region")
    return covered >= len(name) - 1


def _person_name(run: str, text: str, at: int) -> str | None:
    compound = run[:2] in _COMPOUND_SURNAMES
    if not compound and run[0] not in _SURNAMES:
        return None
    for length in ((3, 4) if compound else (2, 3)):
        following = text[at + length:at + length + 1]
        if length <= len(run) and (not following or following in _AFTER_NAME or not re.match(f"[{_HAN}]", following)):
            return run[:length]
    return None


def _split_names(run: str, known: set[str]) -> list[str] | None:
    """``run`` cut into two or more of the ``known`` names, in order, if it is just that (王伟华伟 → 王伟, 华伟)."""
    if not run:
        return []
    for name in sorted((k for k in known if run.startswith(k)), key=len, reverse=True):
        rest = _split_names(run[len(name):], known)
        if rest is not None:
            return [name, *rest]
    return None


def _consistent_people(text: str, people: Sequence[Entity]) -> Iterable[Entity]:
    """Persons made consistent with the names the same text gives elsewhere: a name the model cut short where the
    text writes it in full elsewhere is the full name (王国 先讲话 beside 市长王国先), and names run together in a
    sub-headline are the names given apart elsewhere (张明超王伟华伟徐张艳 beside 张明超、王伟、华伟、徐张艳).

    Examples
    --------
    >>> text = "王国先讲话 张明超王伟华伟出席。市长王国先指出，张明超、王伟、华伟等出席。"
    >>> def at(name, n=0):
    ...     start = -1
    ...     for _ in range(n + 1):
    ...         start = text.index(name, start + 1)
    ...     return _person(text, start, name, "")
    >>> people = [at("王国"), at("王伟华伟"), at("王国先", 1), at("张明超", 1), at("王伟", 1), at("华伟", 1)]
    >>> [(e.text, e.start) for e in _consistent_people(text, people)][:3]
    [('王国先', 0), ('王伟', 9), ('华伟', 11)]
    """
    known = {e.text for e in people if e.type == "person"}
    for entity in people:
        if entity.type != "person":
            yield entity
            continue
        title = entity.value.get("title", "") if isinstance(entity.value, dict) else ""
        longer = [k for k in known if len(k) > len(entity.text) and text.startswith(k, entity.start)]
        if longer:
            yield _person(text, entity.start, max(longer, key=len), str(title))
            continue
        parts = _split_names(entity.text, known - {entity.text})
        if parts and len(parts) >= 2:
            position = entity.start
            for part in parts:
                yield _person(text, position, part, str(title))
                position += len(part)
            continue
        yield entity


def _terms(text: str, terms: Sequence[str]) -> Iterable[Entity]:
    if not terms:
        return
    pattern = re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))
    for m in pattern.finditer(text):
        yield Entity("term", m[0], m.start(), m.end())


_RANK = {t: i for i, t in enumerate(ENTITY_TYPES + _HOLDING)}


def _resolve(candidates: list[Entity]) -> list[Entity]:
    """Keep non-overlapping entities: the longest span first, then a known name, then the type order."""
    order = sorted(candidates, key=lambda e: (-(e.end - e.start), e.match is None, _RANK[e.type], e.start))
    taken: list[Entity] = []
    occupied = bytearray(max((e.end for e in candidates), default=0))
    for entity in order:
        if not any(occupied[entity.start:entity.end]):
            taken.append(entity)
            occupied[entity.start:entity.end] = b"\x01" * (entity.end - entity.start)
    return sorted((e for e in taken if e.type not in _HOLDING), key=lambda e: e.start)


def extract_entities(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    year: int | None = None,
    terms: Sequence[str] = DEFAULT_TERMS,
    tagger: Tagger | None = None,
    tokens: Sequence[Token] | None = None,
) -> list[Entity]:
    """Find the entities of a normalised text, with offsets into it.

    Parameters
    ----------
    text : str
        Normalised text (see `normalize_text`).
    gazetteer : Gazetteer, optional
        Names known to the register: regions with their aliases, parks, clusters, enterprises and their short
        names, projects.
    year : int, optional
        The year of dates written without one (6月19日), until the text names another year.
    terms : sequence of str
        Policy terms to find; `DEFAULT_TERMS` by default.
    tagger : Tagger, optional
        A sequence model (see `clusterdesk.core.text.tokens`): persons and organisations come from it, and the
        patterns and short region names are held to its word boundaries. Without it, rules alone.
    tokens : sequence of Token, optional
        The text already tagged (`tag_text`), instead of ``tagger``.

    Returns
    -------
    list of Entity
        Sorted by start; spans never overlap.

    Examples
    --------
    >>> text = "6月19日，市长李明赴某某产业园调研，项目总投资9800万元。"
    >>> found = extract_entities(text, year=2024)
    >>> [(e.type, e.text, e.start, e.value) for e in found]  # doctest: +NORMALIZE_WHITESPACE
    [('date', '6月19日', 0, '2024-06-19'), ('person', '李明', 8, {'name': '李明', 'title': '市长'}),
     ('park', '某某产业园', 11, None), ('money', '9800万元', 24, 98000000)]
    """
    if tokens is None and tagger is not None:
        tokens = tag_text(text, tagger, only=MAY_HOLD_NAMES)
    words = _Words(text, tokens)
    if words.tokens:
        # The title rules add the names the model missed (副市长和春军: 和 read as a conjunction).
        named: list[Entity] = [*_people_tagged(text, words), *_organisations(text, words, gazetteer),
                               *(p for p in _people(text) if _ends_word(words, p.end)
                                 and not _NOT_IN_NAME.search(p.text) and not _byline(text, p.start, p.end))]
    else:
        named = list(_people(text))
    listed = [*_listed_projects(text, words), *_listed_enterprises(text, words), *_societies(text, words),
              *_short_enterprises(text)] if words.tokens else []
    spans = {(e.start, e.end) for e in listed}
    named = [e for e in named if (e.start, e.end) not in spans]  # 江华久运电子 in a list of projects
    named = list(_consistent_people(text, named))
    # A project pattern that runs across a listed project (世通新城及客天下总部经济项目 over the list's items) is the
    # list read as one name: the items are the names.
    items = [(e.start, e.end) for e in listed if e.type == "project"]
    patterns = [e for e in _patterns(text, words)
                if e.type != "project" or not any(a < e.end and e.start < b and (a, b) != (e.start, e.end)
                                                  for a, b in items)]
    if gazetteer is not None:
        patterns = [part for e in patterns for part in _park_after_its_city(e, gazetteer)]
    candidates = [
        *_known(text, gazetteer, words), *patterns, *_dates(text, year), *_money(text),
        *named, *_terms(text, terms), *listed,
    ]
    return _resolve(candidates)
