"""Complexity measures: the ecomplexity compat mode against the installed package, the Atlas mode by hand."""

import itertools
import warnings
from typing import Any, cast

import numpy as np
import pandas as pd
import pytest
from ecomplexity import ecomplexity

from clusterdesk.core.complexity import (
    ComplexityError,
    complexity,
    complexity_long,
    density,
    eci_pci,
    presence,
    proximity,
    rank_opportunities,
    rca,
)

COLUMNS = ["diversity", "ubiquity", "rca", "mcp", "eci", "pci", "density", "coi", "cog"]


def _panel(seed, locations=30, products=20, years=(2021, 2022, 2023), zero_share=0.35):
    rng = np.random.default_rng(seed)
    rows = []
    for year in years:
        values = rng.lognormal(3, 1.5, (locations, products)) * (rng.random((locations, products)) > zero_share)
        values[seed % locations] = 0 if year == years[-1] else values[seed % locations]
        for (i, j) in itertools.product(range(locations), range(products)):
            if values[i, j] > 0 or rng.random() < 0.3:  # some explicit zeros, most missing
                rows.append((year, f"L{i:03d}", f"P{j:03d}", float(values[i, j])))
    return pd.DataFrame(rows, columns=["time", "loc", "prod", "val"])


def _package(df):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = ecomplexity(df, {"time": "time", "loc": "loc", "prod": "prod", "val": "val"},
                          check_logsupermodularity=False, verbose=False)
    return out.sort_values(["time", "loc", "prod"]).reset_index(drop=True)


def _ours(df, compat):
    out = pd.DataFrame(complexity_long(df.time, df["loc"], df["prod"], df.val, compat=compat))
    return out.sort_values(["time", "loc", "prod"]).reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2, 3, 7])
def test_compat_mode_reproduces_the_ecomplexity_package_to_1e_9(seed):
    df = _panel(seed)
    theirs, ours = _package(df), _ours(df, "ecomplexity")
    assert len(theirs) == len(ours)
    assert (theirs[["time", "loc", "prod"]].values == ours[["time", "loc", "prod"]].values).all()
    for column in COLUMNS:
        np.testing.assert_allclose(ours[column], theirs[column], rtol=0, atol=1e-9, equal_nan=True, err_msg=column)
    assert ours.eci.notna().sum() > 0.9 * len(ours)


def test_compat_mode_matches_on_a_wide_panel_where_locations_are_fewer_than_products():
    df = _panel(5, locations=12, products=40, years=(2020, 2021))
    theirs, ours = _package(df), _ours(df, "ecomplexity")
    for column in COLUMNS:
        np.testing.assert_allclose(ours[column], theirs[column], rtol=0, atol=1e-9, equal_nan=True, err_msg=column)


def test_atlas_and_compat_modes_differ_where_the_conventions_differ():
    df = _panel(4)
    atlas, compat = _ours(df, "atlas"), _ours(df, "ecomplexity")
    np.testing.assert_allclose(atlas.rca, compat.rca, equal_nan=True)
    np.testing.assert_array_equal(atlas.mcp.fillna(-1), compat.mcp.fillna(-1))
    assert not np.allclose(atlas.density, compat.density, equal_nan=True)
    for _, year in (atlas.eci / compat.eci).groupby(atlas.time):
        ratio = year.dropna()
        # same ordering; only the deviation differs (ddof=1 over the long table vs ddof=0 over locations)
        assert np.allclose(ratio, ratio.iloc[0]) and 0.99 < ratio.iloc[0] < 1


# A small case worked by hand: three locations, three products.
X = np.array([[4.0, 4.0, 2.0], [6.0, 2.0, 0.0], [0.0, 2.0, 8.0]])


def test_rca_and_presence_by_hand():
    # totals: rows 10, 8, 10; columns 10, 8, 10; grand total 28
    expected = np.array([[0.4 / (10 / 28), 0.4 / (8 / 28), 0.2 / (10 / 28)],
                         [0.75 / (10 / 28), 0.25 / (8 / 28), 0.0],
                         [0.0, 0.2 / (8 / 28), 0.8 / (10 / 28)]])
    np.testing.assert_allclose(rca(X), expected)
    assert presence(rca(X)).tolist() == [[1, 1, 0], [1, 0, 0], [0, 0, 1]]


def test_atlas_proximity_and_density_by_hand():
    m = np.array([[1, 1, 0], [1, 0, 0], [0, 1, 1]], dtype=float)
    # ubiquity 2, 2, 1; co-occurrence (0,1)=1, (0,2)=0, (1,2)=1
    phi = proximity(m)
    assert phi.tolist() == [[0, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0]]
    # density of location 1 (has product 0 only) around product 1: φ10·1 / (φ10 + φ12) = 0.5
    d = density(m, phi)
    assert d[1, 1] == 0.5 and d[1, 2] == 0.0 and d[0, 2] == 1.0
    # with the package's diagonal of 1 a product's own presence counts: location 0 around product 0
    d_compat = density(m, proximity(m, compat="ecomplexity"))
    assert d_compat[0, 0] == pytest.approx((1 + 0.5) / 1.5)


def _hand_eci(m):
    """The matrix M̃ built with loops and solved with a general eigen-solver, as an independent check."""
    n_l, n_p = len(m), len(m[0])
    kc0 = [sum(m[c]) for c in range(n_l)]
    kp0 = [sum(m[c][p] for c in range(n_l)) for p in range(n_p)]
    mpp = [[sum(m[c][p] * m[c][q] / kc0[c] for c in range(n_l)) / kp0[p] for q in range(n_p)] for p in range(n_p)]
    values, vectors = np.linalg.eig(np.array(mpp))
    kp = np.real(vectors[:, np.argsort(np.real(values))[-2]])
    kc = np.array([sum(m[c][p] * kp[p] for p in range(n_p)) / kc0[c] for c in range(n_l)])
    sign = np.sign(np.corrcoef(kc0, kc)[0, 1])
    return sign * kc, sign * kp


def test_atlas_eci_pci_are_normalised_over_the_long_table_with_ddof_1():
    x = np.array([[5, 3, 2, 0, 1], [4, 4, 0, 1, 0], [6, 0, 1, 1, 0], [0, 2, 3, 4, 5], [1, 1, 1, 1, 9]], dtype=float)
    r = complexity(x)
    kc, kp = _hand_eci(r.mcp.tolist())
    long_eci = np.repeat(kc, 5)  # every location appears once per product in the long table
    mean, sd = long_eci.mean(), long_eci.std(ddof=1)
    np.testing.assert_allclose(r.eci, (kc - mean) / sd, atol=1e-12)
    np.testing.assert_allclose(r.pci, (kp - mean) / sd, atol=1e-12)
    # COI from the un-normalised PCI, z-scored over the long table
    coi = np.array([sum(r.density[c, p] * (1 - r.mcp[c, p]) * kp[p] for p in range(5)) for c in range(5)])
    np.testing.assert_allclose(r.coi, (coi - coi.mean()) / np.repeat(coi, 5).std(ddof=1), atol=1e-12)
    # COG for one absent pair, by the definition, divided by the ECI deviation
    c, q = 1, 2
    phi = r.proximity
    gain = sum((1 - r.mcp[c, p]) * phi[p, q] * kp[p] / phi[p].sum() for p in range(5)) * (1 - r.mcp[c, q])
    assert r.cog[c, q] == pytest.approx(gain / sd, abs=1e-12)
    assert (r.cog[r.mcp == 1] == 0).all()


def test_eci_sign_follows_diversity():
    m = np.array([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]], dtype=float)
    kc, kp = eci_pci(m)
    assert np.all(np.diff(kc) < 0) and np.all(np.diff(kp) > 0)


def test_bad_input_is_named():
    with pytest.raises(ComplexityError, match="第 2 行 val"):
        complexity_long([1, 1], ["a", "b"], ["x", "y"], [1.0, -1.0])
    with pytest.raises(ComplexityError, match="第 3 行重复.*loc=a prod=x"):
        complexity_long([1, 1, 1], ["a", "b", "a"], ["x", "y", "x"], [1.0, 2.0, 3.0])
    with pytest.raises(ComplexityError, match="行 \\[1\\]"):
        complexity([[1.0, 2.0], [0.0, 0.0]])
    with pytest.raises(ComplexityError, match="未知的口径"):
        complexity(X, compat=cast(Any, "stata"))   # a value the signature does not allow, on purpose


def test_opportunities_rank_absent_products_by_density_then_by_weights():
    r = complexity(_matrix(11))
    ranked = rank_opportunities(r, 0)
    assert all(r.mcp[0, o.product] == 0 for o in ranked)
    assert [o.density for o in ranked] == sorted((o.density for o in ranked), reverse=True)
    mixed = rank_opportunities(r, 0, weights="low_hanging", limit=3)
    assert len(mixed) == 3 and mixed[0].score >= mixed[1].score >= mixed[2].score
    with pytest.raises(ComplexityError, match="预设"):
        rank_opportunities(r, 0, weights="nope")


def _matrix(seed):
    return np.random.default_rng(seed).lognormal(2, 1, (15, 12))
