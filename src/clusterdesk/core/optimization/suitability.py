"""Park suitability for a new project (把新引进项目布局到最合适的园区), with an explanation per criterion.

Five criteria, each worth a share of 100 points (configurable weights):

* industry fit with the park's positioning: the project's industry lies in a declared industry (1.0), in
  the same GB/T 4754 group (0.8), the same division (0.6), or is related by chain (0.4);
* chain synergy: the park's enterprises in the segments upstream and downstream of the project's, weighted,
  ``1 − exp(−weighted count / saturation)``;
* land: the park's available land against the need — a hard constraint — scored ``min(1, available /
  (comfort × need))``;
* the park's evaluation (composite or per-mu score, 0–100; no evaluation counts as 50);
* policy fit: energy quota against the project's energy need; a pollution class above what the park
  accepts is a hard constraint.

`ParkTable` holds every park in scope as arrays with an index from industry code to parks, so that one
project is ranked against 3,000 parks in a few milliseconds.
"""

import dataclasses
import functools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "FIT_LEVELS",
    "ParkRanking",
    "ParkTable",
    "ProjectNeed",
    "explain",
    "rank_parks",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

CRITERIA: tuple[str, ...] = ("industry", "chain", "land", "evaluation", "policy")
DEFAULT_WEIGHTS: dict[str, float] = {"industry": 35.0, "chain": 20.0, "land": 15.0, "evaluation": 15.0,
                                     "policy": 15.0}
FIT_LEVELS: dict[str, float] = {"exact": 1.0, "group": 0.8, "division": 0.6, "chain": 0.4, "none": 0.0}
_FIT_NAMES = {1.0: "属园区主导/特色产业", 0.8: "与园区定位同属一个行业中类", 0.6: "与园区定位同属一个行业大类",
              0.4: "与园区定位产业链相关", 0.0: "不符合园区产业定位"}


@dataclasses.dataclass
class ParkTable:
    """Every park in scope as arrays (one entry per park) and an index from declared code to parks.

    ``industries`` holds each park's declared codes (leading and featured, as GB/T 4754 codes such as
    ``C38``, ``C384`` or ``C3841``). ``evaluation`` is ``nan`` where a park has no evaluation;
    ``energy_available_tce`` is ``inf`` where the park sets no quota; ``max_pollution_class`` is the
    highest pollution class (1 light … 3 heavy) the park accepts.
    """

    names: Sequence[str]
    industries: Sequence[Sequence[str]]
    available_land_mu: FloatArray
    evaluation: FloatArray
    energy_available_tce: FloatArray
    max_pollution_class: IntArray
    _exact: dict[str, list[int]] = dataclasses.field(default_factory=dict, repr=False)
    _group: dict[str, list[int]] = dataclasses.field(default_factory=dict, repr=False)
    _division: dict[str, list[int]] = dataclasses.field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for j, codes in enumerate(self.industries):
            for code in codes:
                self._exact.setdefault(code, []).append(j)
                if len(code) >= 4:
                    self._group.setdefault(code[:4], []).append(j)
                if len(code) >= 3:
                    self._division.setdefault(code[:3], []).append(j)

    def __len__(self) -> int:
        return len(self.names)

    def industry_fit(self, code: str, chain_related: BoolArray | None = None) -> FloatArray:
        """Fit of a project's industry code with each park's positioning (see `FIT_LEVELS`)."""
        fit = np.zeros(len(self))
        if chain_related is not None:
            fit[np.asarray(chain_related, dtype=bool)] = FIT_LEVELS["chain"]
        if len(code) >= 3:
            fit[self._division.get(code[:3], [])] = FIT_LEVELS["division"]
        if len(code) >= 4:
            fit[self._group.get(code[:4], [])] = FIT_LEVELS["group"]
        # A declared code covers the project when it is the project's code or one of its ancestors.
        for prefix in {code[:n] for n in (1, 3, 4, 5) if len(code) >= n}:
            fit[self._exact.get(prefix, [])] = FIT_LEVELS["exact"]
        return fit


@dataclasses.dataclass(frozen=True, slots=True)
class ProjectNeed:
    """What a new project needs: industry code, land (亩), energy (吨标准煤/年), pollution class (1–3)."""

    industry: str
    land_mu: float
    energy_tce: float = 0.0
    pollution_class: int = 1
    investment_wan: float = 0.0


@dataclasses.dataclass(frozen=True)
class ParkRanking:
    """Parks ranked for one project: ``order`` (feasible parks, best first), the total and the criterion
    values (0–1) and points per park; ``excluded`` says why each infeasible park is left out (park index →
    reason), worded only when asked for."""

    order: IntArray
    totals: FloatArray
    values: FloatArray
    points: FloatArray
    feasible: BoolArray
    synergy_count: FloatArray
    land_ok: BoolArray
    pollution_ok: BoolArray
    available_land_mu: FloatArray
    max_pollution_class: IntArray
    need: ProjectNeed

    @functools.cached_property
    def excluded(self) -> dict[int, str]:
        reasons = {}
        for j in np.flatnonzero(~self.feasible).tolist():
            if not self.land_ok[j]:
                reasons[j] = f"可用土地 {self.available_land_mu[j]:g} 亩，少于项目需地 {self.need.land_mu:g} 亩"
            elif not self.pollution_ok[j]:
                reasons[j] = (f"园区不接受污染等级 {self.need.pollution_class} 的项目"
                              f"（上限 {self.max_pollution_class[j]}）")
            else:
                reasons[j] = _FIT_NAMES[0.0]
        return reasons


def rank_parks(table: ParkTable, need: ProjectNeed, *, upstream: FloatArray | None = None,
               downstream: FloatArray | None = None, same_segment: FloatArray | None = None,
               chain_related: BoolArray | None = None, weights: dict[str, float] | None = None,
               synergy_weights: tuple[float, float, float] = (1.0, 1.0, 0.5), saturation: float = 5.0,
               land_comfort: float = 2.0, require_industry_fit: bool = True, limit: int | None = None) -> ParkRanking:
    """Rank every park in ``table`` for ``need``.

    Parameters
    ----------
    table : ParkTable
        The parks in scope.
    need : ProjectNeed
        The project.
    upstream, downstream, same_segment : numpy.ndarray, optional
        Per park, the number of its enterprises in the segments upstream of, downstream of, and in the
        project's chain segment.
    chain_related : numpy.ndarray of bool, optional
        Per park, whether its positioning is on the project's chain (fit level "chain").
    weights : dict, optional
        Criterion → points (default `DEFAULT_WEIGHTS`).
    synergy_weights : (float, float, float)
        Weights of upstream, downstream and same-segment enterprises.
    saturation : float
        Weighted count at which synergy reaches 63%.
    land_comfort : float
        Available land of this many times the need scores full marks.
    require_industry_fit : bool
        Parks whose positioning does not fit at all are excluded (the positioning rule).
    limit : int, optional
        Keep only the best ``limit`` parks in ``order``.

    Returns
    -------
    ParkRanking
        The ranking with values, points and exclusions.

    Examples
    --------
    >>> t = ParkTable(["甲园", "乙园", "丙园"], [["C38"], ["C3841"], ["C26"]], np.array([500.0, 80.0, 900.0]),
    ...               np.array([80.0, np.nan, 60.0]), np.full(3, np.inf), np.array([2, 2, 3]))
    >>> r = rank_parks(t, ProjectNeed("C3841", 100.0))
    >>> [t.names[j] for j in r.order], r.excluded
    (['甲园'], {1: '可用土地 80 亩，少于项目需地 100 亩', 2: '不符合园区产业定位'})
    """
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    n = len(table)
    fit = table.industry_fit(need.industry, chain_related)
    zeros = np.zeros(n)
    count = (synergy_weights[0] * (upstream if upstream is not None else zeros)
             + synergy_weights[1] * (downstream if downstream is not None else zeros)
             + synergy_weights[2] * (same_segment if same_segment is not None else zeros))
    synergy = 1.0 - np.exp(-count / saturation)
    land = table.available_land_mu
    land_ok = land >= need.land_mu
    land_score = np.minimum(1.0, land / (land_comfort * need.land_mu)) if need.land_mu > 0 else np.ones(n)
    evaluation = np.where(np.isnan(table.evaluation), 0.5, np.clip(table.evaluation, 0, 100) / 100.0)
    energy_ok = table.energy_available_tce >= need.energy_tce
    pollution_ok = table.max_pollution_class >= need.pollution_class
    policy = np.where(energy_ok, 1.0, 0.0)
    values = np.column_stack([fit, synergy, np.where(land_ok, land_score, 0.0), evaluation, policy])
    points = values * np.array([w[c] for c in CRITERIA])
    totals = points.sum(axis=1)
    feasible = land_ok & pollution_ok & ((fit > 0) if require_industry_fit else True)
    candidates = np.flatnonzero(feasible)
    order = candidates[np.lexsort((candidates, -totals[candidates]))]
    if limit is not None:
        order = order[:limit]
    return ParkRanking(order.astype(np.int64), totals, values, points, feasible, count, land_ok, pollution_ok, land,
                       table.max_pollution_class, need)


def explain(ranking: ParkRanking, park: int, table: ParkTable, need: ProjectNeed) -> list[dict[str, object]]:
    """The explanation of one park's score, one entry per criterion: value (0–1), points and a sentence.

    Parameters
    ----------
    ranking : ParkRanking
        The ranking that scored the park.
    park : int
        The park's index in ``table``.
    table : ParkTable
        The parks.
    need : ProjectNeed
        The project.

    Returns
    -------
    list of dict
        ``{"criterion", "value", "points", "text"}`` per criterion.

    Examples
    --------
    >>> t = ParkTable(["甲园"], [["C38"]], np.array([500.0]), np.array([80.0]), np.full(1, np.inf), np.array([2]))
    >>> need = ProjectNeed("C3841", 100.0)
    >>> [e["text"] for e in explain(rank_parks(t, need), 0, t, need)][:3]
    ['属园区主导/特色产业', '园区内上下游配套企业 0 家（加权）', '可用土地 500 亩，为需地的 5.0 倍']
    """
    v, p = ranking.values[park], ranking.points[park]
    land = float(table.available_land_mu[park])
    ratio = land / need.land_mu if need.land_mu > 0 else float("inf")
    evaluation = table.evaluation[park]
    energy = table.energy_available_tce[park]
    texts = [
        _FIT_NAMES.get(round(float(v[0]), 1), _FIT_NAMES[0.0]),
        f"园区内上下游配套企业 {float(ranking.synergy_count[park]):g} 家（加权）",
        f"可用土地 {land:g} 亩，为需地的 {ratio:.1f} 倍" if np.isfinite(ratio) else f"可用土地 {land:g} 亩",
        "暂无评价结果，按中位计" if np.isnan(evaluation) else f"园区评价得分 {float(evaluation):.1f}",
        "园区未设能耗指标上限" if not np.isfinite(energy) else
        (f"能耗指标余量 {float(energy):g} 吨标准煤，满足需求" if v[4] > 0 else
         f"能耗指标余量 {float(energy):g} 吨标准煤，不足 {need.energy_tce:g}"),
    ]
    return [{"criterion": c, "value": round(float(v[i]), 4), "points": round(float(p[i]), 2), "text": texts[i]}
            for i, c in enumerate(CRITERIA)]
