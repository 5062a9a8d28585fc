"""Cluster metrics: DuckDB against the core definitions, Spark identical to DuckDB, the CLI over Parquet."""

import ast
from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pytest

from clusterdesk.analytics.backends import AnalyticsError, connect
from clusterdesk.analytics.metrics import ClusterMetricsOptions, cluster_metrics, peer_specialisation
from clusterdesk.core.clusters import cagr, location_quotient, quadrant, shift_share, strong_cluster_flags

KEYS = ["year", "region", "industry"]


def _run(con, register, **kwargs):
    enterprises, figures = register
    e = con.create_table("enterprises", enterprises, overwrite=True)
    f = con.create_table("figures", figures, overwrite=True)
    clusters = kwargs.pop("clusters", None)
    c = con.create_table("clusters", clusters, overwrite=True) if clusters is not None else None
    expr = cluster_metrics(e, f, clusters=c, **kwargs)
    return expr.order_by(KEYS).to_pandas().reset_index(drop=True)


@pytest.fixture(scope="module")
def duck(register):
    return _run(connect("duckdb"), register)


def _reference(register):
    """The same table computed row by row in pandas with the core definitions."""
    enterprises, figures = register
    rows = figures.merge(enterprises, on="enterprise_id")
    cells = rows.groupby(["year", "region_code", "industry_code"]).agg(
        enterprises=("enterprise_id", "size"), employment=("employees", "sum")).reset_index()
    region_total = rows.groupby(["year", "region_code"]).employees.sum()
    nation_total = rows.groupby("year").employees.sum()
    nation_industry = rows.groupby(["year", "industry_code"]).employees.sum()
    base_year = int(rows.year.min())
    out = {}
    for r in cells.itertuples():
        key = (r.year, r.region_code, r.industry_code)
        base = cells[(cells.year == base_year) & (cells.region_code == r.region_code)
                     & (cells.industry_code == r.industry_code)].employment
        b = float(base.iloc[0]) if len(base) else np.nan
        s = shift_share(b, r.employment, nation_industry[(base_year, r.industry_code)],
                        nation_industry[(r.year, r.industry_code)], nation_total[base_year], nation_total[r.year])
        out[key] = {
            "lq": float(location_quotient(r.employment, region_total[(r.year, r.region_code)],
                                          nation_industry[(r.year, r.industry_code)], nation_total[r.year])),
            "cagr": float(cagr(b, r.employment, r.year - base_year)),
            "regional_shift": float(s.regional_shift),
            "industry_mix": float(s.industry_mix),
        }
    frame = pd.DataFrame.from_dict(out, orient="index")
    frame.index.names = KEYS
    return cells, frame


def test_duckdb_metrics_match_the_core_definitions(register, duck):
    cells, reference = _reference(register)
    got = duck.set_index(KEYS)
    assert len(got) == len(reference) == len(cells)
    assert got.enterprises.sum() == len(register[1])
    for column in ("lq", "cagr", "regional_shift", "industry_mix"):
        np.testing.assert_allclose(got.loc[reference.index, column], reference[column], rtol=1e-12, equal_nan=True,
                                   err_msg=column)
    # shares add up to one across regions, per industry and year
    np.testing.assert_allclose(duck.groupby(["year", "industry"]).share_nation.sum(), 1.0)
    one_province = duck[duck.region.str.startswith("43")]
    np.testing.assert_allclose(one_province.groupby(["year", "industry"]).share_province.sum(), 1.0)
    # shift-share components add up to the change from the base year
    total = duck.national_growth + duck.industry_mix + duck.regional_shift
    change = duck.employment - duck.base_value
    np.testing.assert_allclose(total.dropna(), change[total.notna()], atol=1e-6)


def test_strong_flags_rank_and_quadrants_follow_the_core_rules(duck):
    for _, group in duck.groupby(["year", "industry"]):
        expected = strong_cluster_flags(group.lq, group.employment, group.enterprises)
        assert group.strong.tolist() == expected.tolist()
        assert sorted(group["rank"]) == list(range(1, len(group) + 1))
        top = group.sort_values("rank").iloc[0]
        assert top.strong or not group.strong.any()
    assert duck.strong.any() and not duck.strong.all()
    for r in duck.itertuples():
        growth = None if pd.isna(r.cagr) else r.cagr
        assert (None if pd.isna(r.quadrant) else r.quadrant) == quadrant(r.lq, growth)
        if growth is not None:  # 上升 exactly when the growth rate beside it is positive
            assert r.quadrant.endswith("_rising") == (growth > 0)
    assert duck[duck.year == 2020].quadrant.isna().all() and duck[duck.year == 2023].quadrant.notna().any()


def test_spark_returns_the_same_table_as_duckdb(register, duck, spark_con):
    spark = _run(spark_con, register)
    assert list(spark.columns) == list(duck.columns)
    assert len(spark) == len(duck)
    for column in duck.columns:
        a, b = duck[column], spark[column]
        if pd.api.types.is_float_dtype(a):
            np.testing.assert_allclose(b.astype(float), a.astype(float), rtol=1e-12, equal_nan=True, err_msg=column)
        else:
            plain = [None if pd.isna(v) else v for v in a], [None if pd.isna(v) else v for v in b]
            assert plain[0] == plain[1], column


def test_clusters_city_level_and_output_measure_on_both_backends(register, spark_con):
    clusters = pd.DataFrame({"cluster": ["新能源电池", "新能源电池", "轨道交通", "轨道交通"],
                             "industry_code": ["C3841", "C3842", "C3711", "C3712"]})
    options = ClusterMetricsOptions(region_level="city", measure="output_wan", base_year=2021)
    duck = _run(connect("duckdb"), register, clusters=clusters, options=options)
    spark = _run(spark_con, register, clusters=clusters, options=options)
    assert set(duck.industry) == {"新能源电池", "轨道交通"}
    assert set(duck.region) == {"430100", "430200", "430300", "440100", "440300", "420100"}
    assert (duck.base_year == 2021).all() and duck[duck.year == 2020].cagr.isna().all()
    np.testing.assert_allclose(spark.lq, duck.lq, rtol=1e-12)
    np.testing.assert_allclose(spark.cagr, duck.cagr, rtol=1e-12, equal_nan=True)
    # LQ on output: a city's share of output in the cluster over the nation's share
    enterprises, figures = register
    rows = figures.merge(enterprises, on="enterprise_id")
    rows["city"] = rows.region_code.str[:4] + "00"
    year = rows[rows.year == 2022]
    battery = year.industry_code.isin(["C3841", "C3842"])
    city = year.city == "430100"
    lq = (year[battery & city].output_wan.sum() / year[city].output_wan.sum()) / (
        year[battery].output_wan.sum() / year.output_wan.sum())
    got = duck[(duck.year == 2022) & (duck.region == "430100") & (duck.industry == "新能源电池")].lq.iloc[0]
    assert got == pytest.approx(lq, rel=1e-12)


def test_peer_specialisation(register, duck):
    con = connect("duckdb")
    metrics = con.create_table("metrics", duck)
    peers = ["430103", "430104", "430202"]
    got = peer_specialisation(metrics, region="430102", peers=peers).order_by(["year", "industry"]).to_pandas()
    row = got[(got.year == 2022) & (got.industry == "C3841")].iloc[0]
    cells = duck[duck.year == 2022]
    own = cells[(cells.region == "430102") & (cells.industry == "C3841")].iloc[0]
    peer = cells[cells.region.isin(peers)]
    expected = (own.employment / own.region_total) / (
        peer[peer.industry == "C3841"].employment.sum() / peer.drop_duplicates("region").region_total.sum())
    assert row.peer_lq == pytest.approx(expected)
    with pytest.raises(AnalyticsError, match="对标"):
        peer_specialisation(metrics, region="430102", peers=[])


def test_bad_input_names_the_table_and_column(register):
    con = connect("duckdb")
    enterprises, figures = register
    e = con.create_table("e", enterprises.drop(columns="industry_code"))
    f = con.create_table("f", figures)
    with pytest.raises(AnalyticsError, match="enterprises 表缺少列：industry_code"):
        cluster_metrics(e, f)
    with pytest.raises(AnalyticsError, match="未知的地区层级"):
        cluster_metrics(e, f, options=ClusterMetricsOptions(region_level="town"))
    with pytest.raises(AnalyticsError, match="未知的计算后端"):
        connect("polars")


def test_analytics_never_imports_django():
    package = Path(__file__).resolve().parent.parent
    for path in package.glob("*.py"):
        names = {n.module for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.ImportFrom) and n.module}
        names |= {a.name for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Import) for a in n.names}
        assert not any(name.split(".")[0] == "django" for name in names), path.name
        assert not any(name.startswith("clusterdesk.") and name.split(".")[1] not in ("core", "analytics")
                       for name in names), path.name


def test_ibis_expression_is_backend_neutral(register):
    enterprises, figures = register
    expr = cluster_metrics(ibis.memtable(enterprises), ibis.memtable(figures))
    assert "lq" in expr.columns and "strong" in expr.columns
