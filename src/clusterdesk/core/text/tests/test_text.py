"""Hand-written briefings in both scripts, with pinyin annotations and spam lines, and the exact entities expected."""

import opencc
import pytest

from clusterdesk.core.text import (
    Entity,
    Gazetteer,
    KnownName,
    collapse_punctuation,
    draft_records,
    extract_entities,
    full_width_punctuation,
    link_entities,
    normalize_text,
    region_aliases,
    strip_pinyin_annotations,
)

T2S = opencc.OpenCC("t2s").convert

TRADITIONAL = """首頁 > 新聞中心 > 工作動態
6月19日，長沙市委書記吳桂英赴長沙經濟技術開發區調研，深入三一集團、湖南中聯重科智能技術有限公司，察看年產10萬噸鋰電池正極材料項目建設進展,,並主持召開工程機械產業集群推進會。
吳桂英強調(qiáng)，要堅持項目為王，倒排工期、掛圖作戰，確保8月23日至24日完成設備調試；總投資9800萬元的二期工程要在7月15日、16日前開工。市長周海兵、市發改委主任李剛陪同。
2022-07-11，瀏陽市簽約項目總投資1.2億元，其中2000萬元用於配套。
相關新聞
長沙出臺新政
限時優惠！掃碼領取新人禮包
責任編輯：王芳"""

TRADITIONAL_TEXT = (
    "6月19日，长沙市委书记吴桂英赴长沙经济技术开发区调研，深入三一集团、湖南中联重科智能技术有限公司，"
    "察看年产10万吨锂电池正极材料项目建设进展，并主持召开工程机械产业集群推进会。\n"
    "吴桂英强调，要坚持项目为王，倒排工期、挂图作战，确保8月23日至24日完成设备调试；"
    "总投资9800万元的二期工程要在7月15日、16日前开工。市长周海兵、市发改委主任李刚陪同。\n"
    "2022-07-11，浏阳市签约项目总投资1.2亿元，其中2000万元用于配套。"
)

SIMPLIFIED = """当前位置：首页 > 政务公开
二〇二四年三月五日，毛伟明省长一行来到株洲高新区，先后考察了中车株洲电力机车有限公司长沙分公司和株洲硬质合金集团，听取轨道交通装备产业集群发展情况汇报。
据介绍，该集群今年计划新开工项目42个，总投资五十亿元，其中时代新材二期投资约3.5亿，亩均税收同比增长12%。
毛伟明指(zhǐ)出：一要强化链主企业带动,提高本地配套率；二要做到应统尽统。株洲市政府要牵头在4月底前完成项目清单梳理。
推荐阅读
株洲：春季招聘会举行
棋牌娱乐城 注册送彩金"""


def _region_gazetteer() -> Gazetteer:
    names = []
    for name, code in [("湖南省", "430000"), ("长沙市", "430100"), ("长沙县", "430121"), ("浏阳市", "430181"),
                       ("株洲市", "430200")]:
        names.append(KnownName(name, "region", code, name))
        names += [KnownName(a, "region", code, name, alias=True, priority=int(name.endswith("市")))
                  for a in region_aliases(name)]
    names.append(KnownName("三一集团", "enterprise", "91430000000000001X", "三一集团有限公司", alias=True))
    return Gazetteer(names)


def _name(person: Entity) -> object:
    assert isinstance(person.value, dict)
    return person.value["name"]


def _rows(entities: list[Entity]) -> list[tuple[object, ...]]:
    return [(e.type, e.text, e.start, e.end, e.value) for e in entities]


def test_traditional_briefing_is_normalised_and_keeps_the_original():
    result = normalize_text(TRADITIONAL, convert=T2S)
    assert result.text == TRADITIONAL_TEXT
    assert result.original == TRADITIONAL
    assert result.removed_lines == ("首页 > 新闻中心 > 工作动态", "相关新闻", "长沙出台新政",
                                    "限时优惠！扫码领取新人礼包", "责任编辑：王芳")


def test_traditional_briefing_entities_exactly():
    text = normalize_text(TRADITIONAL, convert=T2S).text
    entities = extract_entities(text, gazetteer=_region_gazetteer(), year=2024)
    expected = {
        ("region", "长沙市", 6, 9, "430100"), ("date", "6月19日", 0, 5, "2024-06-19"),
        ("person", "吴桂英", 12, 15, (("name", "吴桂英"), ("title", "市委书记"))),
        ("park", "长沙经济技术开发区", 16, 25, None), ("enterprise", "三一集团", 30, 34, None),
        ("enterprise", "湖南中联重科智能技术有限公司", 35, 49, None),
        ("project", "年产10万吨锂电池正极材料项目", 52, 67, None), ("cluster", "工程机械产业集群", 77, 85, None),
        ("term", "项目为王", 99, 103, None), ("term", "倒排工期", 104, 108, None), ("term", "挂图作战", 109, 113, None),
        ("date", "8月23日至24日", 116, 125, "2024-08-23/2024-08-24"), ("money", "9800万元", 135, 141, 98_000_000),
        ("date", "7月15日", 148, 153, "2024-07-15"), ("date", "16日", 154, 157, "2024-07-16"),
        ("person", "周海兵", 163, 166, (("name", "周海兵"), ("title", "市长"))),
        ("person", "李刚", 173, 175, (("name", "李刚"), ("title", "主任"))),
        ("date", "2022-07-11", 179, 189, "2022-07-11"), ("region", "浏阳市", 190, 193, "430181"),
        ("money", "1.2亿元", 200, 205, 120_000_000), ("money", "2000万元", 208, 214, 20_000_000),
    }
    got = {(t, s, a, b, tuple(sorted(v.items())) if isinstance(v, dict) else v) for t, s, a, b, v in _rows(entities)}
    assert got == expected
    assert [e.start for e in entities] == sorted(e.start for e in entities)
    for e in entities:
        assert text[e.start:e.end] == e.text
    assert next(e for e in entities if e.text == "三一集团").match == "alias"


def test_simplified_briefing_with_annotation_and_spam():
    result = normalize_text(SIMPLIFIED, convert=T2S)
    assert "指出：一要强化链主企业带动，提高本地配套率" in result.text
    assert result.removed_lines == ("当前位置：首页 > 政务公开", "推荐阅读", "株洲：春季招聘会举行",
                                    "棋牌娱乐城 注册送彩金")
    entities = extract_entities(result.text, year=2024)
    assert _rows(entities) == [
        ("date", "二〇二四年三月五日", 0, 9, "2024-03-05"),
        ("person", "毛伟明", 10, 13, {"name": "毛伟明", "title": "省长"}),
        ("park", "株洲高新区", 19, 24, None),
        ("enterprise", "中车株洲电力机车有限公司长沙分公司", 30, 47, None),
        ("enterprise", "株洲硬质合金集团", 48, 56, None),
        ("cluster", "轨道交通装备产业集群", 59, 69, None),
        ("money", "五十亿元", 100, 104, 5_000_000_000),
        ("project", "时代新材二期", 107, 113, None),
        ("money", "3.5亿", 116, 120, 350_000_000),
        ("term", "亩均税收", 121, 125, None),
        ("term", "链主企业", 144, 148, None),
        ("term", "本地配套率", 153, 158, None),
        ("term", "应统尽统", 163, 167, None),
        ("date", "4月底", 177, 180, "2024-04-30"),
    ]


def test_drafts_gather_the_visit_people_records_and_tasks():
    text = normalize_text(SIMPLIFIED, convert=T2S).text
    (draft,) = draft_records(text, extract_entities(text, year=2024))
    assert (draft.kind, draft.date) == ("visit", "2024-03-05")
    assert [_name(p) for p in draft.people] == ["毛伟明"]
    assert [c.text for c in draft.concerns] == ["株洲高新区", "中车株洲电力机车有限公司长沙分公司", "株洲硬质合金集团",
                                                "轨道交通装备产业集群", "时代新材二期"]
    assert [(t.text, t.owner_unit, t.due_date) for t in draft.tasks] == [
        ("要强化链主企业带动，提高本地配套率", "", None),
        ("要做到应统尽统", "", None),
        ("株洲市政府要牵头在4月底前完成项目清单梳理", "株洲市政府", "2024-04-30"),
    ]


def test_meeting_draft_from_the_traditional_briefing():
    text = normalize_text(TRADITIONAL, convert=T2S).text
    drafts = draft_records(text, extract_entities(text, gazetteer=_region_gazetteer(), year=2024))
    assert [d.kind for d in drafts] == ["visit"]
    assert [_name(p) for p in drafts[0].people] == ["吴桂英", "周海兵", "李刚"]
    assert drafts[0].tasks[0].text == "要坚持项目为王，倒排工期、挂图作战，确保8月23日至24日完成设备调试"
    assert drafts[0].tasks[0].due_date == "2024-08-24"


@pytest.mark.parametrize(("raw", "expected"), [
    ("統(tǒng)一", "統一"), ("着（zhuó）力", "着力"), ("调(tiao2)度", "调度"), ("人工智能(AI)", "人工智能(AI)"),
    ("说(shuō míng)明", "说明"), ("(2024)", "(2024)"),
])
def test_pinyin_annotations(raw, expected):
    assert strip_pinyin_annotations(raw) == expected


def test_pinyin_is_removed_before_script_conversion():
    assert normalize_text("統(tǒng)籌推進", convert=T2S).text == "统筹推进"


@pytest.mark.parametrize(("raw", "expected"), [
    ("长沙,株洲", "长沙，株洲"), ("9,800万元", "9,800万元"), ("时间:10:30", "时间：10:30"), ("好吗?", "好吗？"),
    ("a, b", "a, b"), ("总投资(亿元)", "总投资（亿元）"),
])
def test_half_width_punctuation(raw, expected):
    assert full_width_punctuation(raw) == expected


@pytest.mark.parametrize(("raw", "expected"),
                         [("，，", "，"), ("，、", "，"), ("，。", "。"), ("、；", "；"), ("。。。", "。")])
def test_collapse_punctuation(raw, expected):
    assert collapse_punctuation("甲" + raw + "乙") == "甲" + expected + "乙"


def test_dates_money_and_foreign_currency():
    text = "二〇二二年七月十一日签约，总投资三千五百万元，另有500万美元，2024年度计划投资12,000万元。"
    rows = [(e.type, e.text, e.value) for e in extract_entities(text) if e.type in ("date", "money")]
    assert rows == [("date", "二〇二二年七月十一日", "2022-07-11"), ("money", "三千五百万元", 35_000_000),
                    ("money", "12,000万元", 120_000_000)]


def test_date_without_a_year_is_an_iso_month_day():
    assert [e.value for e in extract_entities("6月19日召开")] == ["--06-19"]


def test_linking_exact_alias_fuzzy_and_new():
    gazetteer = Gazetteer([KnownName("长沙经济技术开发区", "park", "3", "长沙经济技术开发区"),
                           KnownName("长沙经开区", "park", "3", "长沙经济技术开发区", alias=True)])
    entities = [Entity("park", "长沙经开区", 0, 5), Entity("park", "长沙经济技术开发区管委", 6, 17),
                Entity("park", "岳阳绿色化工产业园", 18, 27)]
    linked = link_entities(entities, gazetteer, threshold=80)
    assert [(e.match, e.key) for e in linked] == [("alias", "3"), ("fuzzy", "3"), ("new", None)]
    assert linked[1].score is not None and 80 <= linked[1].score < 100
    assert linked[2].candidates and linked[2].candidates[0][0] == "3"


def test_linking_within_regions_from_the_kept_lists_as_by_filtering_every_name():
    """The choice lists kept per (type, regions) hold exactly the names a filter over every name gives, in order,
    and a second text about other regions gets its own list, not the first one's."""
    from clusterdesk.core.text import region_within

    names = [KnownName("长沙智能装备有限公司", "enterprise", "1", "长沙智能装备有限公司", region="430102"),
             KnownName("沈阳智能装备有限公司", "enterprise", "2", "沈阳智能装备有限公司", region="210100"),
             KnownName("湖南智能装备有限公司", "enterprise", "3", "湖南智能装备有限公司", region="430000"),
             KnownName("智能装备集团有限公司", "enterprise", "4", "智能装备集团有限公司"),
             KnownName("长沙经济技术开发区", "park", "5", "长沙经济技术开发区", region="430121")]
    gazetteer = Gazetteer(names)
    for about in (["430100"], ["210000"], ["430100", "210100"], []):
        expected = [k for k in names if k.type == "enterprise" and (not about or not k.region
                                                                    or region_within(k.region, about))]
        assert gazetteer.names_within("enterprise", about, region_within) == (expected, tuple(k.text for k in expected))

    def linked(region_name, code):
        entities = [Entity("region", region_name, 0, 2, code), Entity("enterprise", "某市智能装备有限公司", 3, 13),
                    Entity("enterprise", "某市智能装备有限公司", 20, 30)]
        return [(e.match, e.key, e.candidates) for e in link_entities(entities, gazetteer, threshold=80)[1:]]

    changsha, shenyang = linked("长沙", "430100"), linked("沈阳", "210100")
    assert changsha[0] == changsha[1]  # the same name twice: scored once, the same answer
    assert {key for key, _, _ in changsha[0][2]} == {"1", "3", "4"}
    assert {key for key, _, _ in shenyang[0][2]} == {"2", "4"}
    assert changsha[0][0] == shenyang[0][0] == "fuzzy"
