"""Normalisation of the Chinese text people paste from news sites, WeChat and briefings.

`normalize_text` applies, in this order (the order matters):

1. pinyin annotations inserted after characters are removed (``統(tǒng)一`` → ``統一``) — *before* script
   conversion, because a converter passes them through untouched;
2. traditional script is converted to simplified with the converter the caller passes (the application
   passes OpenCC ``t2s``; core stays standard-library only);
3. half-width punctuation next to Chinese characters becomes full-width (``长沙,株洲`` → ``长沙，株洲``),
   while ``9,800`` and ``1.2`` between digits stay as they are;
4. doubled and mixed punctuation collapses to its strongest mark (``，，`` → ``，``; ``，。`` → ``。``);
5. boilerplate and spam lines are removed: navigation (``首页 > 新闻中心``, ``您现在的位置：…``), page furniture
   (责任编辑, 分享到, 打印本页, 论文部分内容阅读, comment forms, copyright lines …), search-keyword spam headers, the
   title lists after a "related news" heading, and advertising titles;
6. a translation in a Latin-script language appended after the article is kept apart (``translation``), and the
   article's own date line (发布时间：2019-05-12) is read before it is removed (``dateline``).

The original is kept alongside in the result.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = [
    "NormalizedText",
    "collapse_punctuation",
    "full_width_punctuation",
    "is_boilerplate_line",
    "is_seo_header",
    "normalize_text",
    "strip_pinyin_annotations",
]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# One syllable with a tone mark, or a plain syllable with a tone digit (tong3); several may be separated by spaces.
_SYLLABLE = f"(?:[a-zü]*[{_TONED}][a-zü]*|[a-zü]+[1-5])"
_PINYIN = re.compile(f"(?<=[{_HAN}])\\s*[(（]\\s*{_SYLLABLE}(?:\\s+{_SYLLABLE})*\\s*[)）]", re.IGNORECASE)

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(r"[,;:?!()]")
_CN_PUNCT = "，、。；：？！"
_STRENGTH = {"、": 0, "，": 1, "：": 2, "；": 3, "。": 4, "？": 5, "！": 5}
_PUNCT_RUN = re.compile(f"[{_CN_PUNCT}](?:\\s*[{_CN_PUNCT}])+")
_CHINESE_CONTEXT = re.compile(f"[{_HAN}{_CN_PUNCT}“”‘’《》（）]")

_FURNITURE = re.compile(
    "|".join((
        r"^(?:当前位置|您的位置|你的位置|当前所在位置|您现在的位置|您当前的位置|你现在的位置|现在位置|所在位置)"
        r"(?:是)?[:：]?",
        r"部分内容阅读|(?:全文|原文)(?:下载|阅读|链接)[:：]?$|^阅读全文$|^点击(?:查看|阅读)(?:全文|原文)",
        r"^(?:发表评论|网友评论|我要评论|评论列表|请文明上网|文明上网|验证码|提交评论|登录后(?:评论|发表)|已有\d+人参与)",
        r"^(?:[（(【\[])?(?:值班编辑|编审|初审|复审|终审|监制|统筹|制作|编校|一审|二审|三审)[:：]",
        r"[Cc]opyright|COPYRIGHT|©|[Aa]ll [Rr]ights [Rr]eserved",
        r"未经(?:授权|许可)|禁止转载|转载请注明|版权声明|免责声明",
        r"^首页\s*[>＞»›/]",
        r"[>＞»›]\s*(?:正文|新闻中心|要闻|动态|通知公告)\s*$",
        r"^[（(【\[]?(?:责任编辑|编辑|责编|审核|校对|来源|作者|发布时间|发布日期|信息来源|点击数|浏览次数|阅读量)[:：]",
        r"分享到|扫一扫|打印本页|关闭窗口|【\s*字(?:体|号)|字号[:：]\s*[大中小]|收藏本页|返回顶部|加入收藏",
        r"版权所有|ICP备|网站标识码|公网安备|主办单位[:：]|技术支持[:：]|联系我们|网站地图",
        r"^(?:上一篇|下一篇|上一条|下一条)[:：]?",
        r"^(?:作者|来源|作者/来源|来源/作者)[/:：]|发布于\S{0,10}$|^内容如有不妥",
        r"^\S{1,12}(?:\s*[>＞»›]\s*\S{1,12}){2,}$",
        r"^(?:【?(?:纠错|打印|关闭)】?\s*){1,3}$",
    ))
)
_RELATED = re.compile(r"^[【\[]?\s*(?:相关(?:新闻|阅读|文章|链接|报道)|推荐阅读|延伸阅读|热点推荐|猜你喜欢"
                      r"|热门文章|更多新闻)\s*[】\]]?[:：]?\s*$")
_SPAM = re.compile(
    r"彩票|博彩|棋牌|娱乐城|网赚|代开发票|贷款|加盟|招商加盟|代理商|免费领取|限时优惠|点击(?:进入|领取|查看|咨询)"
    r"|扫码(?:关注|领取|加)|加微信|微信号[:：]|广告|包邮|秒杀|特价|优惠券|直播间|低至\d|[0-9]+折"
)
_SENTENCE_END = re.compile("[。！？；]$")
# A search-engine spam header: keywords strung together by | _ or - with no sentence in them.
_SEO_PARTS = re.compile(r"[|｜_,，、/\-—–\s]+")
_DATELINE = re.compile(
    r"(?:发稿时间|发布时间|发表时间|发布日期|更新时间|时间|日期)[:：]\s*(?P<y>[0-9]{4})\s*[-/.年]\s*(?P<m>[0-9]{1,2})"
    r"\s*[-/.月]\s*(?P<d>[0-9]{1,2})"
    r"|^(?P<y2>[0-9]{4})[-/.年](?P<m2>[0-9]{1,2})[-/.月](?P<d2>[0-9]{1,2})日?(?:\s+[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?"
    r"(?:\s|$|来源|作者|[|｜])"
)
# A site's navigation menu: four or more short words separated by spaces, no punctuation.
_MENU = re.compile(f"^[{_HAN}A-Za-z]{{2,6}}(?:\\s+[{_HAN}A-Za-z]{{2,6}}){{3,}}$")
# Bylines inside the text: （四川在线记者 陈昊 丁宁）, （来源：玉溪日报）; a wire lead-in: 四川在线消息.
_INLINE_BYLINE = re.compile("[（(][^（()）\n]{0,30}(?:记者|通讯员|来源|编辑|作者|供图|摄)[^（()）\n]{0,30}[）)]")
_LEAD_IN = re.compile(f"^(?:[{_HAN}A-Za-z]{{2,10}}(?:在线|网|日报|晚报|新闻|电视台|客户端)(?:消息|讯)|本报讯|本网讯)"
                      "[:：，]?\\s*")
# The fields of a date line written on the same line as the article's first paragraph
# (发布时间：2023-12-27 14:27:11 | 来源：中国网 | 责任编辑：赵茜12月22日，…).
_HEADER_RUN = re.compile(
    r"(?:\s*[|｜]?\s*(?:(?:发布时间|发稿时间|发表时间|发布日期|更新时间|时间|日期)[:：]\s*[0-9][0-9\-/.年月日:： ]*"
    r"|(?:来源|信息来源|稿源)[:：]\s*[^\s|｜]{1,20}"
    r"|(?:作者|责任编辑|编辑|责编|记者|通讯员|审核)[:：]\s*[\u4e00-\u9fff]{2,3}(?:[ 、][\u4e00-\u9fff]{2,3})*"
    r"|(?:浏览次数|点击数|阅读量|字号)[:：]\s*[0-9大中小 ]*))+"
)
_LATIN = re.compile(r"[A-Za-z]")
_HAN_CHAR = re.compile(f"[{_HAN}]")


@dataclass(frozen=True)
class NormalizedText:
    """The result of `normalize_text`: the cleaned text, the original, and the lines that were removed."""

    text: str
    original: str
    removed_lines: tuple[str, ...] = field(default=())
    translation: str = ""
    dateline: str | None = None

    @property
    def year(self) -> int | None:
        """The year of the article's own date line (发布时间：2019-05-12), if it has one."""
        return int(self.dateline[:4]) if self.dateline else None


def strip_pinyin_annotations(text: str) -> str:
    """Remove pinyin that some sites insert in brackets after a character.

    Only bracketed syllables with a tone mark (``tǒng``) or a tone digit (``tong3``) that follow a Chinese
    character are removed, so ``人工智能(AI)`` and ``(2024)`` stay.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str

    Examples
    --------
    >>> strip_pinyin_annotations("統(tǒng)一部署，着(zhuó)力推进")
    '統一部署，着力推进'
    >>> strip_pinyin_annotations("人工智能(AI)产业（2024年）")
    '人工智能(AI)产业（2024年）'
    """
    return _PINYIN.sub("", text)


def full_width_punctuation(text: str) -> str:
    """Turn half-width ``, ; : ? ! ( )`` next to Chinese text into their full-width forms.

    A mark between two digits or two Latin letters (``9,800``, ``10:30``, ``a,b``) is left alone, and so is a
    mark with no Chinese character or Chinese punctuation beside it.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str

    Examples
    --------
    >>> full_width_punctuation("长沙,株洲;湘潭:总投资9,800万元(一期)")
    '长沙，株洲；湘潭：总投资9,800万元（一期）'
    >>> full_width_punctuation("meeting at 10:30, room 2")
    'meeting at 10:30, room 2'
    """

    def replace(match: re.Match[str]) -> str:
        i, mark = match.start(), match[0]
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if mark in ",:" and before.isdigit() and after.isdigit():
            return mark
        near = (text[i - 1:i] + text[i + 1:i + 2]) if mark not in "()" else ""
        if mark == "(":
            near = text[i + 1:i + 3] + before
        elif mark == ")":
            near = text[max(0, i - 2):i] + after
        return _HALF_TO_FULL[mark] if _CHINESE_CONTEXT.search(near) else mark

    return _HALF_PUNCT.sub(replace, text)


def collapse_punctuation(text: str) -> str:
    """Collapse a run of Chinese punctuation marks (``，，`` ``，、`` ``，。``) to its strongest mark.

    Strength, weakest first: ``、`` ``，`` ``：`` ``；`` ``。`` ``？`` / ``！``.

    Parameters
    ----------
    text : str
        Text with full-width punctuation.

    Returns
    -------
    str

    Examples
    --------
    >>> collapse_punctuation("长沙，，株洲，、湘潭，。")
    '长沙，株洲，湘潭。'
    """
    return _PUNCT_RUN.sub(lambda run: max(run[0].replace(" ", ""), key=lambda ch: _STRENGTH.get(ch, -1)), text)


def is_boilerplate_line(line: str) -> bool:
    """Whether a line is page furniture or advertising rather than part of the article.

    Parameters
    ----------
    line : str
        One line, already stripped.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_boilerplate_line("首页 > 新闻中心 > 工作动态"), is_boilerplate_line("责任编辑：李明")
    (True, True)
    >>> is_boilerplate_line("限时优惠！扫码领取新人礼包"), is_boilerplate_line("会议要求，加快项目建设。")
    (True, False)
    """
    if _FURNITURE.search(line) or is_seo_header(line):
        return True
    if len(line) <= 80 and _DATELINE.search(line) and not _SENTENCE_END.search(line):
        return True  # the article's date line (2023-01-03 10:30 来源：…): read before, not part of the report
    return bool(_SPAM.search(line)) and len(line) <= 60


def is_seo_header(line: str) -> bool:
    """Whether a line is a string of search keywords (a spam header), not a sentence or a heading.

    Parameters
    ----------
    line : str
        One line, already stripped.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_seo_header("招商加盟_产业园区出租|厂房出售|工业地产网_湖南站")
    True
    >>> is_seo_header("长沙经开区：三一智能制造产业园二期项目开工"), is_seo_header("2024-06-19 | 来源：长沙晚报")
    (False, False)
    """
    if _SENTENCE_END.search(line) or "。" in line:
        return False
    separators = len(re.findall("[|｜_]", line))
    parts = [p for p in _SEO_PARTS.split(line) if p]
    if separators < 2 or len(parts) < 4:
        return False
    return sum(len(p) for p in parts) / len(parts) <= 10 and not _DATELINE.search(line)


def _dateline(lines: list[str]) -> str | None:
    for line in lines[:40]:
        if (m := _DATELINE.search(line.strip())) is not None:
            year, month, day = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
            if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
                return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return None


def _split_translation(lines: list[str]) -> tuple[list[str], list[str]]:
    """The article and, apart, a translation in a Latin-script language appended after it."""

    def latin(line: str) -> bool:
        letters, han = len(_LATIN.findall(line)), len(_HAN_CHAR.findall(line))
        return letters >= 3 * han and letters >= 8

    cut = len(lines)
    while cut > 0 and (latin(lines[cut - 1]) or not lines[cut - 1].strip()):
        cut -= 1
    tail = lines[cut:]
    if sum(len(_LATIN.findall(line)) for line in tail) < 80 or cut == 0:
        return lines, []
    return lines[:cut], tail


def _clean_lines(text: str) -> tuple[str, tuple[str, ...]]:
    kept: list[str] = []
    removed: list[str] = []
    in_related = False
    for raw in text.splitlines():
        line = re.sub(r"[ \t\u3000]+", " ", raw).strip()
        if not line:
            in_related = False if kept and in_related else in_related
            continue
        if _RELATED.match(line):
            in_related = True
            removed.append(line)
            continue
        if in_related and (len(line) <= 40 or not _SENTENCE_END.search(line)):
            removed.append(line)
            continue
        in_related = False
        header = _HEADER_RUN.match(line)
        if header is not None and header.end() > 0 and len(line) - header.end() >= 20:
            removed.append(header[0].strip())  # the date line glued to the first paragraph
            line = line[header.end():].strip()
        if is_boilerplate_line(line) or _MENU.match(line):
            removed.append(line)
            continue
        for inline in (_LEAD_IN.match(line), *_INLINE_BYLINE.finditer(line)):
            if inline is not None:
                removed.append(inline[0].strip())
        line = _INLINE_BYLINE.sub("", _LEAD_IN.sub("", line)).strip()
        if line:
            kept.append(line)
    return "\n".join(kept), tuple(removed)


def normalize_text(text: str, *, convert: Callable[[str], str] | None = None) -> NormalizedText:
    """Clean pasted text: pinyin annotations, script, punctuation, boilerplate lines (see the module notes).

    Parameters
    ----------
    text : str
        The text as pasted or read from a file.
    convert : callable, optional
        Traditional → simplified conversion (``opencc.OpenCC("t2s").convert``); none by default.

    Returns
    -------
    NormalizedText
        The cleaned text (lines joined with ``\\n``, spaces inside lines collapsed), the original, the removed
        lines, a translation appended in a Latin-script language (kept apart, not mined), and the date of the
        article's own date line (发布时间：…) when it has one.

    Examples
    --------
    >>> result = normalize_text("首页 > 要闻\\n会议强调(tiáo),要加快推进,,确保年底投产。\\n责任编辑：王芳")
    >>> result.text
    '会议强调，要加快推进，确保年底投产。'
    >>> result.removed_lines
    ('首页 > 要闻', '责任编辑：王芳')
    >>> normalize_text("发布时间：2019-05-12 来源：本站\\n6月19日开工。").dateline
    '2019-05-12'

    """
    cleaned = strip_pinyin_annotations(text.replace("\r\n", "\n").replace("\r", "\n"))
    if convert is not None:
        cleaned = convert(cleaned)
    lines, translation = _split_translation(cleaned.split("\n"))
    dateline = _dateline(lines)
    cleaned = collapse_punctuation(full_width_punctuation("\n".join(lines)))
    body, removed = _clean_lines(cleaned)
    return NormalizedText(text=body, original=text, removed_lines=removed,
                          translation="\n".join(t.strip() for t in translation if t.strip()), dateline=dateline)
