"""Relatedness through both backends and the command line; cluster metrics over Parquet files."""

import numpy as np
import pandas as pd
import pytest

from clusterdesk.analytics.backends import connect
from clusterdesk.analytics.relatedness import OUTPUT_COLUMNS, register_values, relatedness, relatedness_frame
from clusterdesk.cli import main


def _long(seed=3):
    rng = np.random.default_rng(seed)
    rows = [(year, f"43{i:04d}", f"C{3000 + j}", round(float(rng.lognormal(3, 1)), 3))
            for year in (2022, 2023) for i in range(25) for j in range(18) if rng.random() > 0.35]
    return pd.DataFrame(rows, columns=["time", "loc", "prod", "val"])


def test_both_backends_give_the_core_result_and_sum_repeated_rows(spark_con):
    frame = _long()
    direct = relatedness_frame(frame, compat="ecomplexity")
    # split every value into two rows: the engines sum them back
    halves = pd.concat([frame.assign(val=frame.val * 0.25), frame.assign(val=frame.val * 0.75)])
    for con in (connect("duckdb"), spark_con):
        got = relatedness(con.create_table("rel", halves, overwrite=True), compat="ecomplexity")
        assert list(got.columns) == OUTPUT_COLUMNS
        assert got[["time", "loc", "prod"]].astype(str).values.tolist() == \
            direct[["time", "loc", "prod"]].astype(str).values.tolist()
        for column in OUTPUT_COLUMNS[3:]:
            np.testing.assert_allclose(got[column], direct[column], rtol=0, atol=1e-9, equal_nan=True, err_msg=column)


def test_register_values_are_the_same_on_both_backends(register, spark_con):
    enterprises, figures = register
    results = []
    for con in (connect("duckdb"), spark_con):
        e = con.create_table("e", enterprises, overwrite=True)
        f = con.create_table("f", figures, overwrite=True)
        results.append(register_values(e, f, region_level="city", industry_level="group")
                       .order_by(["time", "loc", "prod"]).to_pandas())
    duck, spark = results
    assert duck[["time", "loc", "prod"]].values.tolist() == spark[["time", "loc", "prod"]].values.tolist()
    np.testing.assert_allclose(spark.val, duck.val, rtol=1e-12)
    assert set(duck["prod"]) == {"C384", "C371", "C313", "C397", "C261"}
    year = figures[figures.year == 2021].merge(enterprises, on="enterprise_id")
    chosen = year.region_code.str.startswith("4301") & year.industry_code.str.startswith("C384")
    expected = year[chosen].output_wan.sum()
    got = duck[(duck.time == 2021) & (duck["loc"] == "430100") & (duck["prod"] == "C384")].val.iloc[0]
    assert got == pytest.approx(expected)


def test_relatedness_command_writes_the_ecomplexity_columns(tmp_path, spark):
    source = tmp_path / "in.csv"
    _long().to_csv(source, index=False)
    outs = {}
    for backend in (None, "duckdb", "spark"):
        out = tmp_path / f"out-{backend}.csv"
        main(["relatedness", str(source), "--out", str(out), "--compat", "ecomplexity",
              *(["--backend", backend] if backend else [])])
        outs[backend] = pd.read_csv(out, dtype={"loc": str, "prod": str}, encoding="utf-8-sig")
    assert list(outs[None].columns) == OUTPUT_COLUMNS
    assert outs[None]["loc"].iloc[0] == "430000"  # codes stay text, leading digits kept
    pd.testing.assert_frame_equal(outs["duckdb"], outs[None])
    pd.testing.assert_frame_equal(outs["spark"], outs[None])
    atlas = tmp_path / "atlas.parquet"
    main(["relatedness", str(source), "--out", str(atlas)])
    assert not np.allclose(pd.read_parquet(atlas).density, outs[None].density)


@pytest.mark.parametrize(("content", "message"), [
    ("time,loc,val\n2023,a,1\n", "缺少列 prod"),
    ("time,loc,prod,val\n2023,a,x,1\n2023,b,x,abc\n", "第 3 行 val 列不是非负数：'abc'"),
    ("time,loc,prod,val\n2023,a,x,1\n2023,a,x,2\n", "第 3 行与前面的行重复"),
    ("time,loc,prod,val\n2023,,x,1\n", "第 2 行 loc 列为空"),
])
def test_relatedness_command_names_bad_input(tmp_path, capsys, content, message):
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.csv"
    with pytest.raises(SystemExit):
        main(["relatedness", str(source), "--out", str(out)])
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cluster_metrics_command_over_parquet_on_both_backends(tmp_path, register, spark):
    enterprises, figures = register
    enterprises.to_parquet(tmp_path / "enterprises.parquet")
    figures.to_parquet(tmp_path / "figures.parquet")
    frames = {}
    for backend in ("duckdb", "spark"):
        out = tmp_path / f"metrics-{backend}.parquet"
        main(["analytics", "cluster-metrics", "--enterprises", str(tmp_path / "enterprises.parquet"),
              "--figures", str(tmp_path / "figures.parquet"), "--out", str(out), "--backend", backend])
        frames[backend] = pd.read_parquet(out)
    duck, spark_frame = frames["duckdb"], frames["spark"]
    assert len(duck) == len(spark_frame) > 50
    assert duck[["year", "region", "industry", "enterprises", "strong", "rank"]].values.tolist() == \
        spark_frame[["year", "region", "industry", "enterprises", "strong", "rank"]].values.tolist()
    np.testing.assert_allclose(spark_frame.lq, duck.lq, rtol=1e-12)


def test_cluster_metrics_command_names_a_missing_file(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["analytics", "cluster-metrics", "--enterprises", str(tmp_path / "nope.parquet"),
              "--figures", str(tmp_path / "f.parquet"), "--out", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert "文件不存在" in err and "nope.parquet" in err
