"""The fast paths of the text intake give the same answers as the plain ones (issue 15, a register of 100,000s of
names): the Aho-Corasick gazetteer as the core's regular expression, the one-pass scorer as rapidfuzz's extract."""

import copy

from clusterdesk.core.text import Entity, Gazetteer, KnownName, link_entities
from clusterdesk.intake.textintake import AhoCorasickGazetteer, rapidfuzz_matcher, rapidfuzz_matcher_many

NAMES = [KnownName(text, kind, str(i), text, alias=alias, region=region) for i, (text, kind, alias, region) in
         enumerate([("长沙", "region", True, "430100"), ("长沙市", "region", False, "430100"),
                    ("长沙县", "region", False, "430121"), ("长沙经济技术开发区", "park", False, "430121"),
                    ("长沙经开区", "park", True, "430121"), ("沙县", "region", False, "350427"),
                    ("三一重工", "enterprise", True, "430121"), ("三一重工股份有限公司", "enterprise", False, "430121"),
                    ("一重工", "enterprise", False, "230200"), ("中联重科股份有限公司", "enterprise", False, "430104"),
                    ("湖南中联重科智能技术有限公司", "enterprise", False, "430100")])]
PARAGRAPH = ("长沙市长沙县长沙经济技术开发区内，三一重工股份有限公司与长沙经开区管委会签约；沙县、长沙、一重工、"
             "湖南中联重科智能技术有限公司和中联重科股份有限公司的代表出席，三一重工副总裁讲话。")


def test_aho_corasick_finds_the_same_names_as_the_core_pattern_on_overlapping_names():
    found = list(AhoCorasickGazetteer(NAMES).finditer(PARAGRAPH))
    assert found == list(Gazetteer(NAMES).finditer(PARAGRAPH))
    assert [(k.text, start) for k, start in found][:4] == [("长沙市", 0), ("长沙县", 3), ("长沙经济技术开发区", 6),
                                                           ("三一重工股份有限公司", 17)]


def test_one_pass_scorer_gives_extracts_candidates_with_ties_zeros_and_few_choices():
    choices = ["长沙智能装备有限公司", "沈阳智能装备有限公司", "长沙智能装备有限公司", "ABC", "湖南智能装备集团"]
    queries = ["长沙智能装备有限公司", "某市智能装备有限公司", "XYZ", ""]
    for limit in (1, 3, 5, 8):
        assert rapidfuzz_matcher_many(queries, choices, limit) == [rapidfuzz_matcher(q, choices, limit)
                                                                   for q in queries]
    assert rapidfuzz_matcher_many(queries[:1], choices, 2) == [[(0, 100.0), (2, 100.0)]]  # ties by position
    assert rapidfuzz_matcher_many(["XYZ"], choices, 2) == [[(0, 0.0), (1, 0.0)]]


def test_linking_in_one_pass_links_as_one_name_at_a_time():
    gazetteer = AhoCorasickGazetteer(NAMES)
    entities = [Entity("region", "长沙", 0, 2, "430100"), Entity("enterprise", "三一重工股份公司", 3, 11),
                Entity("enterprise", "中联重科智能技术公司", 12, 22), Entity("enterprise", "三一重工股份公司", 30, 38),
                Entity("park", "长沙经济技术开发区管委会", 40, 52), Entity("enterprise", "某某新材料有限公司", 53, 62)]
    plain = link_entities(copy.deepcopy(entities), gazetteer, matcher=rapidfuzz_matcher, threshold=80)
    fast = link_entities(copy.deepcopy(entities), gazetteer, matcher=rapidfuzz_matcher,
                         matcher_many=rapidfuzz_matcher_many, threshold=80)
    assert fast == plain
    assert [(e.match, e.key) for e in fast[1:]] == [("fuzzy", "7"), ("fuzzy", "10"), ("fuzzy", "7"), ("fuzzy", "3"),
                                                   ("new", None)]
