"""The extraction rules added for real news (issue 15), each on a hand-written sentence with the model's words given
by hand (as Baidu LAC tags them), so that the rule, not the model, is under test. Pure Python: no model, no database.
"""

from clusterdesk.core.text import Gazetteer, KnownName, extract_entities
from clusterdesk.core.text.tokens import Token


def _tokens(words: list[tuple[str, str]]) -> tuple[str, list[Token]]:
    """The text of the words and the words placed at their offsets."""
    tokens, position = [], 0
    for word, tag in words:
        tokens.append(Token(word, tag, position, position + len(word)))
        position += len(word)
    return "".join(word for word, _ in words), tokens


def _found(words: list[tuple[str, str]], gazetteer: Gazetteer | None = None) -> list[tuple[str, str]]:
    text, tokens = _tokens(words)
    return [(e.type, e.text) for e in extract_entities(text, tokens=tokens, gazetteer=gazetteer, terms=())]


def test_a_full_county_name_inside_another_word_is_no_region():
    regions = Gazetteer([KnownName("理县", "region", "513222", "理县"),
                         KnownName("竹山县", "region", "420323", "竹山县")])
    found = _found([("县委", "ORG"), ("副书记", "n"), ("、", "w"), ("代理", "v"), ("县长", "n"), ("王丽媛", "PER"),
                    ("主持", "v"), ("签约仪式", "n"), ("。", "w"), ("竹山县", "LOC"), ("签约", "v"), ("。", "w")],
                   regions)
    assert [row for row in found if row[0] == "region"] == [("region", "竹山县")]
    assert ("person", "王丽媛") in found


def test_enterprises_named_by_brand_and_trade_in_a_list():
    found = _found([("上半年", "TIME"), ("，", "w"), ("新", "a"), ("(", "w"), ("扩", "v"), (")", "w"), ("建", "v"),
                    ("汇龙", "nz"), ("环保", "n"), ("、", "w"), ("百图", "nz"), ("高新", "n"), ("、", "w"),
                    ("联茂", "nz"), ("机械", "n"), ("等", "u"), ("27个", "m"), ("项目", "n"), ("实现", "v"),
                    ("达产", "v"), ("。", "w")])
    assert [row for row in found if row[0] == "enterprise"] == [
        ("enterprise", "汇龙环保"), ("enterprise", "百图高新"), ("enterprise", "联茂机械")]


def test_a_list_of_trades_gives_no_enterprises():
    found = _found([("加快", "v"), ("新材料", "n"), ("、", "w"), ("富硒", "n"), ("食品", "n"), ("、", "w"),
                    ("生物", "n"), ("医药", "n"), ("等", "u"), ("产业", "n"), ("发展", "vn"), ("。", "w")])
    assert [row for row in found if row[0] == "enterprise"] == []


def test_project_sites_after_shen_ru_keep_names_without_a_suffix_and_drop_kinds_of_work():
    found = _found([("王奋彦", "PER"), ("一行", "n"), ("先后", "d"), ("深入", "v"), ("天纤棉业公司", "ORG"),
                    ("二期", "m"), ("20万锭", "m"), ("棉纱", "n"), ("生产线", "n"), ("、", "w"), ("城关镇", "LOC"),
                    ("凤凰", "nz"), ("美丽", "a"), ("乡村", "n"), ("及", "c"), ("精准", "a"), ("扶贫", "v"),
                    ("、", "w"), ("文旅", "n"), ("综合体", "n"), ("等", "u"), ("项目", "n"), ("现场", "n"),
                    ("。", "w")])
    assert [row for row in found if row[0] == "project"] == [
        ("project", "天纤棉业公司二期20万锭棉纱生产线"), ("project", "城关镇凤凰美丽乡村")]


def test_a_visited_list_that_ends_in_a_project_is_a_list_of_projects():
    found = _found([("周卫星", "PER"), ("考察", "v"), ("中", "f"), ("交", "v"), ("世通新城", "LOC"), ("及", "c"),
                    ("客", "n"), ("天下", "n"), ("总部", "n"), ("经济", "n"), ("项目", "n"), ("。", "w")])
    assert [row for row in found if row[0] == "project"] == [
        ("project", "中交世通新城"), ("project", "客天下总部经济项目")]


def test_a_list_after_de_that_ends_in_a_project_is_not_cut_into_projects():
    found = _found([("考察", "v"), ("了", "u"), ("园区", "n"), ("的", "u"), ("道路", "n"), ("及", "c"),
                    ("管网", "n"), ("项目", "n"), ("。", "w")])
    assert ("project", "道路") not in found and ("project", "管网项目") not in found


def test_a_one_character_verb_cut_off_an_owner_s_name_stays_in_the_project():
    found = _found([("易华", "ORG"), ("录", "v"), ("城市", "n"), ("数据", "n"), ("湖", "n"), ("项目", "n"),
                    ("签约", "v"), ("。", "w")])
    assert ("project", "易华录城市数据湖项目") in found
    plain = _found([("市委", "ORG"), ("到", "v"), ("城市", "n"), ("数据", "n"), ("湖", "n"), ("项目", "n"),
                    ("调研", "v"), ("。", "w")])
    assert not any(kind == "project" and text.startswith("市委") for kind, text in plain)


def test_round_amounts_without_a_digit_are_money():
    text = "实施千万元投资建设项目11个，打造上百亿元产业，另有数千万元待落实。"
    assert [(e.text, e.value) for e in extract_entities(text) if e.type == "money"] == [
        ("千万元", 10_000_000), ("百亿元", 10_000_000_000)]


def test_the_region_of_a_party_committee_is_its_full_name():
    regions = Gazetteer([KnownName("杜集区", "region", "340602", "杜集区"),
                         KnownName("杜集", "region", "340602", "杜集区", alias=True)])
    found = _found([("杜集区委", "ORG"), ("负责", "v"), ("同志", "n"), ("汇报", "v"), ("。", "w")], regions)
    assert [row for row in found if row[0] == "region"] == [("region", "杜集区")]


def test_park_names_ending_in_gong_ye_cheng_chan_ye_ji_zhong_qu_and_ke_chuang_yuan():
    text = "信阳工业城招商局与客商签约，代表团来到精河化工产业集中区和青网科创园，建设现代工业城市。"
    parks = [e.text for e in extract_entities(text) if e.type == "park"]
    assert parks == ["信阳工业城", "精河化工产业集中区", "青网科创园"]


def test_persons_are_made_consistent_with_the_names_given_elsewhere_in_the_text():
    found = _found([("王国", "PER"), ("先", "d"), ("讲话", "v"), (" ", "w"), ("张明", "PER"), ("超", "d"),
                    ("王伟华伟", "PER"), ("出席", "v"),
                    ("\n", "w"), ("市长", "n"), ("王国先", "PER"), ("指出", "v"), ("，", "w"), ("张明超", "PER"),
                    ("、", "w"), ("王伟", "PER"), ("、", "w"), ("华伟", "PER"), ("等", "u"), ("出席", "v"),
                    ("。", "w")])
    people = [text for kind, text in found if kind == "person"]
    assert people == ["王国先", "张明超", "王伟", "华伟", "王国先", "张明超", "王伟", "华伟"]


def test_a_project_named_after_its_owner_keeps_the_owner():
    text = "调研组一行先后到宏贤达科技集团有限公司固安图书电子商务中心二期项目调研。"
    assert [(e.type, e.text) for e in extract_entities(text) if e.type in ("project", "enterprise")] == [
        ("project", "宏贤达科技集团有限公司固安图书电子商务中心二期项目")]


def test_a_park_written_after_its_city_starts_at_its_own_place_name():
    regions = Gazetteer([KnownName("阜阳市", "region", "341200", "阜阳市"),
                         KnownName("阜阳", "region", "341200", "阜阳市", alias=True, priority=1),
                         KnownName("界首市", "region", "341282", "界首市"),
                         KnownName("界首", "region", "341282", "界首市", alias=True)])
    text = "资源循环利用特色产业集群在阜阳界首高新区，形成了完整链条。"
    found = [(e.type, e.text) for e in extract_entities(text, gazetteer=regions) if e.type in ("region", "park")]
    assert found == [("region", "阜阳"), ("park", "界首高新区")]


def test_a_county_s_short_name_after_a_verb_of_settling_is_a_place():
    regions = Gazetteer([KnownName("余庆县", "region", "520329", "余庆县"),
                         KnownName("余庆", "region", "520329", "余庆县", alias=True)])
    text = "这标志着又有一大批企业正式落户余庆。"
    assert [(e.type, e.text) for e in extract_entities(text, gazetteer=regions)] == [("region", "余庆")]


def test_a_department_the_model_reads_as_an_organisation_is_no_enterprise():
    found = _found([("工信部门", "ORG"), ("将", "d"), ("协调", "v"), ("税务", "n"), ("部门", "n"), ("。", "w")])
    assert [row for row in found if row[0] == "enterprise"] == []


def test_approximate_amounts_are_money_at_their_lower_bound():
    text = "目前该公司已实现产值5000余万元，另投资3亿多元，推动多元化发展。"
    assert [(e.text, e.value) for e in extract_entities(text) if e.type == "money"] == [
        ("5000余万元", 50_000_000), ("3亿多元", 300_000_000)]
