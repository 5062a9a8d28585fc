"""One Spark session for every Spark test (a cold start costs 4–6 s), small generated registers."""

import numpy as np
import pandas as pd
import pytest

REGIONS = ["430102", "430103", "430104", "430202", "430203", "430302", "440103", "440104", "440303", "420102"]
INDUSTRIES = ["C3841", "C3842", "C3711", "C3712", "C3130", "C3976", "C2614"]


def make_register(seed: int = 7, n: int = 400, years=(2020, 2021, 2022, 2023)):
    rng = np.random.default_rng(seed)
    weights = np.linspace(2, 0.5, len(REGIONS))
    enterprises = pd.DataFrame({
        "enterprise_id": np.arange(1, n + 1, dtype="int64"),
        "region_code": rng.choice(REGIONS, n, p=weights / weights.sum()),
        "industry_code": rng.choice(INDUSTRIES, n),
    })
    rows = []
    for i in range(n):
        base = rng.integers(10, 800)
        for k, year in enumerate(years):
            if rng.random() < 0.05:
                continue  # some enterprises miss a year
            employees = int(base * (1 + 0.05 * k) + rng.integers(-5, 6))
            output = None if rng.random() < 0.03 else round(float(rng.lognormal(7, 1)), 2)
            rows.append((i + 1, year, employees, output))
    figures = pd.DataFrame(rows, columns=["enterprise_id", "year", "employees", "output_wan"])
    figures["year"] = figures["year"].astype("int32")
    return enterprises, figures


@pytest.fixture(scope="session")
def register():
    return make_register()


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    from clusterdesk.analytics.backends import spark_session

    session = spark_session("local[2]", {"spark.sql.warehouse.dir": str(tmp_path_factory.mktemp("warehouse"))})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_con(spark):
    import ibis

    return ibis.pyspark.connect(spark)
