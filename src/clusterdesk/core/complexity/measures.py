"""Economic-complexity measures on a location × product value matrix, vectorised with numpy and scipy.

Notation: ``X`` is the L × P matrix of values (output, employment, exports) of L locations and P products
(industries). The measures, for one period:

* RCA (Balassa): ``rca[c, p] = (X[c, p] / X[c, :].sum()) / (X[:, p].sum() / X.sum())``;
* presence ``M[c, p] = 1`` when ``rca ≥ threshold`` (1 by default), else 0;
* diversity ``k_c = M[c, :].sum()``, ubiquity ``k_p = M[:, p].sum()``;
* proximity ``φ[p, q] = C[p, q] / max(k_p, k_q)`` with the co-occurrence ``C = Mᵀ M``;
* density ``ω[c, p] = Σ_q M[c, q] φ[p, q] / Σ_q φ[p, q]``;
* ECI and PCI from the eigenvector of the second-largest eigenvalue of ``M̃ = D_p⁻¹ Mᵀ D_c⁻¹ M``, signed so
  that ECI correlates positively with diversity (``kc = D_c⁻¹ M kp``);
* COI ``Σ_p ω[c, p] (1 − M[c, p]) PCI_p`` and COG
  ``(1 − M[c, q]) Σ_p (1 − M[c, p]) φ[p, q] PCI_p / Σ_r φ[p, r]``, both from the un-normalised PCI.

Two conventions, because the Growth Lab's own tools disagree:

``compat="atlas"`` (default) follows the reference implementation the Atlas is built on: a product's
proximity to itself is 0, so its own presence does not count in its density; ECI and PCI are centred on the
mean of the un-normalised ECI and divided by its sample standard deviation (``ddof = 1``) taken over the long
table of location × product rows (each location counted once per product), which keeps ECI equal to the
mean PCI of the products a location has; COI is z-scored the same way over the long table, and COG is divided
by the same deviation as ECI.

``compat="ecomplexity"`` reproduces the PyPI package ``ecomplexity`` 0.5.3: proximity 1 on the diagonal (a
product's own presence counts in its density), and every deviation is the population standard deviation
(``ddof = 0``) over locations.

The eigenvector is taken from the symmetric matrix ``D_p^-½ Mᵀ D_c⁻¹ M D_p^-½`` (or its location-side twin,
whichever is smaller) with `scipy.linalg.eigh`, which is similar to ``M̃`` and much faster than a general
eigen-solver; every output is invariant to the eigenvector's scale, so the results are the package's.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
from scipy import linalg  # type: ignore[import-untyped]

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "ATLAS",
    "COMPAT_MODES",
    "ECOMPLEXITY",
    "ComplexityError",
    "ComplexityResult",
    "complexity",
    "complexity_long",
    "density",
    "diversity_ubiquity",
    "eci_pci",
    "presence",
    "proximity",
    "rca",
]

Array = npt.NDArray[np.float64]
Compat = Literal["atlas", "ecomplexity"]
ATLAS: Final = "atlas"
ECOMPLEXITY: Final = "ecomplexity"
COMPAT_MODES: Final[tuple[str, ...]] = (ATLAS, ECOMPLEXITY)
LONG_COLUMNS: Final = ("diversity", "ubiquity", "rca", "mcp", "eci", "pci", "density", "coi", "cog")


class ComplexityError(CoreError):
    """The input of a complexity calculation is unusable: negative or missing values, duplicates, an empty table."""


@dataclass(frozen=True)
class ComplexityResult:
    """All measures of one period; matrices are L × P, vectors have one entry per location or product."""

    rca: Array
    mcp: Array
    diversity: Array
    ubiquity: Array
    proximity: Array
    density: Array
    eci: Array
    pci: Array
    coi: Array
    cog: Array


def _check_compat(compat: str) -> None:
    if compat not in COMPAT_MODES:
        raise ComplexityError(f"未知的口径 {compat!r}，可选：{', '.join(COMPAT_MODES)}")


def rca(values: npt.ArrayLike) -> Array:
    """Balassa's revealed comparative advantage of each location in each product.

    Parameters
    ----------
    values : array_like, shape (L, P)
        Non-negative values; every row and column must have a positive total.

    Returns
    -------
    numpy.ndarray
        ``(X / row totals) / (column totals / grand total)``.

    Examples
    --------
    >>> rca([[1.0, 1.0], [0.0, 2.0]]).round(3).tolist()
    [[2.0, 0.667], [0.0, 1.333]]
    """
    x = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = x / np.nansum(x, axis=1)[:, np.newaxis]
        column = np.nansum(x, axis=0)[np.newaxis, :]
        result: Array = share / (column / np.nansum(column))
    return result


def presence(rca_matrix: npt.ArrayLike, threshold: float = 1.0) -> Array:
    """The presence matrix ``M``: 1 where RCA is at least the threshold, else 0 (NaN counts as 0).

    Parameters
    ----------
    rca_matrix : array_like, shape (L, P)
    threshold : float, default 1.0

    Returns
    -------
    numpy.ndarray
        Float matrix of zeros and ones.

    Examples
    --------
    >>> presence([[2.0, 0.5], [float("nan"), 1.0]]).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    r = np.nan_to_num(np.asarray(rca_matrix, dtype=np.float64))
    return (r >= threshold).astype(np.float64)


def diversity_ubiquity(mcp: npt.ArrayLike) -> tuple[Array, Array]:
    """Diversity (products per location) and ubiquity (locations per product) of a presence matrix.

    Parameters
    ----------
    mcp : array_like, shape (L, P)

    Returns
    -------
    tuple of numpy.ndarray
        ``(diversity, ubiquity)``.

    Examples
    --------
    >>> d, u = diversity_ubiquity([[1, 1, 0], [0, 1, 0]])
    >>> d.tolist(), u.tolist()
    ([2.0, 1.0], [1.0, 2.0, 0.0])
    """
    m = np.asarray(mcp, dtype=np.float64)
    return np.nansum(m, axis=1), np.nansum(m, axis=0)


def _cooccurrence(m: Array) -> Array:
    # Counts of a 0/1 matrix are exact in float32 up to 2**24 rows, and the product is twice as fast.
    if m.shape[0] < 2**24:
        m32 = m.astype(np.float32)
        return (m32.T @ m32).astype(np.float64)
    return m.T @ m


def proximity(mcp: npt.ArrayLike, *, compat: Compat = "atlas") -> Array:
    """Product proximity: the smaller of the two conditional probabilities of co-presence.

    Parameters
    ----------
    mcp : array_like, shape (L, P)
    compat : {"atlas", "ecomplexity"}
        ``"atlas"`` sets the diagonal to 0; ``"ecomplexity"`` keeps it at 1. Under ``"atlas"`` a product
        present nowhere has proximity 0 to everything; the package gives NaN.

    Returns
    -------
    numpy.ndarray, shape (P, P)

    Raises
    ------
    ComplexityError
        For an unknown convention.

    Examples
    --------
    >>> proximity([[1, 1], [1, 0]]).tolist()
    [[0.0, 0.5], [0.5, 0.0]]
    >>> proximity([[1, 1], [1, 0]], compat="ecomplexity").tolist()
    [[1.0, 0.5], [0.5, 1.0]]
    """
    _check_compat(compat)
    m = np.asarray(mcp, dtype=np.float64)
    ubiquity = np.nansum(m, axis=0)
    co = _cooccurrence(m)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi: Array = co / np.maximum(ubiquity[:, np.newaxis], ubiquity[np.newaxis, :])
    if compat == ATLAS:
        phi = np.nan_to_num(phi, nan=0.0, posinf=0.0)
        np.fill_diagonal(phi, 0.0)
    return phi


def density(mcp: npt.ArrayLike, proximity_matrix: npt.ArrayLike) -> Array:
    """Density of each location around each product: the proximity-weighted share of its neighbours present.

    Parameters
    ----------
    mcp : array_like, shape (L, P)
    proximity_matrix : array_like, shape (P, P)
        From `proximity`; its diagonal decides whether a product's own presence counts.

    Returns
    -------
    numpy.ndarray, shape (L, P)
        ``Σ_q M[c, q] φ[p, q] / Σ_q φ[p, q]``; 0 for a product with no neighbours.

    Examples
    --------
    >>> m = [[1, 1, 0], [1, 0, 1]]
    >>> density(m, proximity(m)).round(3).tolist()
    [[0.5, 1.0, 1.0], [0.5, 1.0, 1.0]]
    """
    m = np.asarray(mcp, dtype=np.float64)
    phi = np.asarray(proximity_matrix, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = phi.T / np.nansum(phi, axis=1)[np.newaxis, :]
    if not np.isnan(phi).any():
        weights = np.nan_to_num(weights, nan=0.0, posinf=0.0)
    result: Array = m @ weights
    return result


def _top_two(scaled: Array, *, transpose: bool) -> Array:
    """Eigenvector of the second-largest eigenvalue of ``SᵀS`` (or ``SSᵀ``), ``S`` the scaled presence matrix.

    Small problems use a dense symmetric solver; large ones Lanczos (``eigsh``, ``tol=0``: to machine precision),
    which needs only products with the square matrix instead of its full tridiagonalisation.
    """
    sym = scaled @ scaled.T if transpose else scaled.T @ scaled
    n = sym.shape[0]
    if n <= 400:
        _, vec = linalg.eigh(sym, subset_by_index=[n - 2, n - 2])
        return np.asarray(vec[:, 0])
    from scipy.sparse.linalg import eigsh  # type: ignore[import-untyped]

    start = np.random.default_rng(0).random(n) + 0.5  # fixed start: the same result on every run
    values, vectors = eigsh(sym, k=2, which="LA", tol=0, v0=start, ncv=min(n, 40))
    return np.asarray(vectors[:, int(np.argsort(values)[0])])


def _second_eigenvector(m: Array, div: Array, ubi: Array) -> tuple[Array, Array]:
    """Un-normalised ``(kc, kp)`` of the second eigenvalue, through a symmetric similar matrix."""
    locations, products = m.shape
    scaled = m / np.sqrt(div)[:, np.newaxis] / np.sqrt(ubi)[np.newaxis, :]
    if products <= locations:
        kp = _top_two(scaled, transpose=False) / np.sqrt(ubi)
    else:
        kc_side = _top_two(scaled, transpose=True) / np.sqrt(div)
        kp = (m / ubi[np.newaxis, :]).T @ kc_side
    kp = kp / np.linalg.norm(kp)
    kc = (m / div[:, np.newaxis]) @ kp
    return kc, kp


def eci_pci(mcp: npt.ArrayLike) -> tuple[Array, Array]:
    """Un-normalised ECI and PCI: the second eigenvector, signed to correlate with diversity.

    Locations with diversity 0 and products with ubiquity 0 are left out of the eigenproblem and get NaN.
    PCI has unit length; `complexity` normalises both.

    Parameters
    ----------
    mcp : array_like, shape (L, P)
        Needs at least two locations and two products with presence.

    Returns
    -------
    tuple of numpy.ndarray
        ``(kc, kp)``.

    Raises
    ------
    ComplexityError
        When fewer than two locations or products have any presence.

    Examples
    --------
    >>> kc, kp = eci_pci([[1, 1, 1], [1, 1, 0], [1, 0, 0]])
    >>> bool(kc[0] > kc[1] > kc[2]), bool(kp[2] > kp[1] > kp[0])
    (True, True)
    """
    m = np.asarray(mcp, dtype=np.float64)
    div, ubi = diversity_ubiquity(m)
    rows, cols = div != 0, ubi != 0
    if rows.sum() < 2 or cols.sum() < 2:
        raise ComplexityError("计算经济复杂度至少需要两个有优势产业的地区和两个产业")
    kc_valid, kp_valid = _second_eigenvector(m[rows][:, cols], div[rows], ubi[cols])
    sign = np.sign(np.corrcoef(div[rows], kc_valid)[0, 1])
    kc = np.full(m.shape[0], np.nan)
    kp = np.full(m.shape[1], np.nan)
    kc[rows] = sign * kc_valid
    kp[cols] = sign * kp_valid
    return kc, kp


def _long_mean_sd(vector: Array, repeat: int, *, compat: Compat) -> tuple[float, float]:
    if compat == ECOMPLEXITY:
        return float(vector.mean()), float(vector.std())
    valid = vector[~np.isnan(vector)]
    mean = float(valid.mean())
    rows = valid.size * repeat
    return mean, float(np.sqrt(repeat * ((valid - mean) ** 2).sum() / (rows - 1)))


def complexity(values: npt.ArrayLike, *, compat: Compat = "atlas", rca_threshold: float = 1.0) -> ComplexityResult:
    """Every measure for one period of a location × product matrix.

    Parameters
    ----------
    values : array_like, shape (L, P)
        Non-negative, finite; every location and every product must have a positive total (drop the others
        first, as `complexity_long` does).
    compat : {"atlas", "ecomplexity"}
    rca_threshold : float, default 1.0

    Returns
    -------
    ComplexityResult

    Raises
    ------
    ComplexityError
        For negative or non-finite values, a zero row or column, or an unknown convention.

    Examples
    --------
    >>> x = [[5, 3, 2, 0], [4, 4, 0, 1], [6, 0, 1, 1], [0, 2, 3, 4]]
    >>> r = complexity(x)
    >>> r.mcp.astype(int).tolist()
    [[1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1]]
    >>> r.diversity.tolist()
    [3.0, 2.0, 1.0, 2.0]
    >>> bool(abs(r.eci @ r.diversity) > 0), r.pci.shape
    (True, (4,))
    """
    _check_compat(compat)
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 2 or x.size == 0:
        raise ComplexityError("需要一个非空的 地区 × 产业 矩阵")
    if not np.isfinite(x).all() or (x < 0).any():
        raise ComplexityError("数值必须是非负的有限数")
    if (x.sum(axis=1) == 0).any() or (x.sum(axis=0) == 0).any():
        bad_row = np.flatnonzero(x.sum(axis=1) == 0)
        bad_col = np.flatnonzero(x.sum(axis=0) == 0)
        raise ComplexityError(f"合计为零的地区（行 {bad_row.tolist()}）或产业（列 {bad_col.tolist()}）须先剔除")
    r = rca(x)
    m = presence(r, rca_threshold)
    div, ubi = diversity_ubiquity(m)
    kc, kp = eci_pci(m)
    phi = proximity(m, compat=compat)
    dens = density(m, phi)
    absent = 1.0 - m
    coi = ((dens * absent) * kp).sum(axis=1)
    neighbours = phi.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = kp / neighbours
    if compat == ATLAS:
        weight[neighbours == 0] = 0.0
    cog = absent * (absent @ (phi * weight[:, np.newaxis]))
    products = x.shape[1]
    eci_mean, eci_sd = _long_mean_sd(kc, products, compat=compat)
    coi_mean, coi_sd = _long_mean_sd(coi, products, compat=compat)
    return ComplexityResult(
        rca=r,
        mcp=m,
        diversity=div,
        ubiquity=ubi,
        proximity=phi,
        density=dens,
        eci=(kc - eci_mean) / eci_sd,
        pci=(kp - eci_mean) / eci_sd,
        coi=(coi - coi_mean) / coi_sd,
        cog=cog / eci_sd,
    )


def _codes(column: npt.ArrayLike) -> tuple[npt.NDArray[Any], npt.NDArray[np.intp]]:
    labels, inverse = np.unique(np.asarray(column), return_inverse=True)
    return labels, inverse.reshape(-1)


def complexity_long(
    time: Sequence[Any] | npt.ArrayLike,
    loc: Sequence[Any] | npt.ArrayLike,
    prod: Sequence[Any] | npt.ArrayLike,
    val: Sequence[float] | npt.ArrayLike,
    *,
    compat: Compat = "atlas",
    rca_threshold: float = 1.0,
) -> dict[str, npt.NDArray[Any]]:
    """Every measure over a long table ``time, loc, prod, val``, one output row per (time, loc, prod).

    For each period the table is made rectangular over the locations and products with a positive total in
    that period (missing pairs count as 0), as ``ecomplexity`` does; input rows of a location or product whose
    total is zero in that period follow with NaN measures. Rows are sorted by time, location, product.

    Parameters
    ----------
    time, loc, prod : array_like
        Labels (strings or integers), one per row.
    val : array_like of float
        Non-negative finite values.
    compat : {"atlas", "ecomplexity"}
    rca_threshold : float, default 1.0

    Returns
    -------
    dict of str to numpy.ndarray
        Columns ``time, loc, prod, val, diversity, ubiquity, rca, mcp, eci, pci, density, coi, cog``.

    Raises
    ------
    ComplexityError
        For unequal column lengths, a negative or non-finite value, or a repeated (time, loc, prod) row;
        the message names the first offending row (counted from 1).

    Examples
    --------
    >>> out = complexity_long([2024] * 5, list("aabcc"), list("xyyxz"), [1.0, 1.0, 2.0, 3.0, 1.0])
    >>> out["loc"].tolist()
    ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c']
    >>> out["prod"].tolist()
    ['x', 'y', 'z', 'x', 'y', 'z', 'x', 'y', 'z']
    >>> out["mcp"].astype(int).tolist()
    [1, 1, 0, 0, 1, 0, 1, 0, 1]
    """
    _check_compat(compat)
    values = np.asarray(val, dtype=np.float64)
    t_labels, t_idx = _codes(time)
    l_labels, l_idx = _codes(loc)
    p_labels, p_idx = _codes(prod)
    if not (values.size == t_idx.size == l_idx.size == p_idx.size):
        raise ComplexityError("time、loc、prod、val 四列长度不一致")
    bad = np.flatnonzero(~np.isfinite(values) | (values < 0))
    if bad.size:
        raise ComplexityError(f"第 {bad[0] + 1} 行 val 不是非负数：{values[bad[0]]}")
    key = (t_idx.astype(np.int64) * l_labels.size + l_idx) * p_labels.size + p_idx
    order = np.argsort(key, kind="stable")
    repeated = np.flatnonzero(np.diff(key[order]) == 0)
    if repeated.size:
        row = int(order[repeated[0] + 1])
        raise ComplexityError(
            f"第 {row + 1} 行重复：time={t_labels[t_idx[row]]} loc={l_labels[l_idx[row]]} prod={p_labels[p_idx[row]]}"
        )
    parts: list[dict[str, npt.NDArray[Any]]] = []
    for t in range(t_labels.size):
        rows = t_idx == t
        parts.append(_one_period(t_labels[t], l_labels, p_labels, l_idx[rows], p_idx[rows], values[rows],
                                 compat=compat, rca_threshold=rca_threshold))
    return {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}


def _one_period(
    t_label: Any,
    l_labels: npt.NDArray[Any],
    p_labels: npt.NDArray[Any],
    li: npt.NDArray[np.intp],
    pi: npt.NDArray[np.intp],
    v: Array,
    *,
    compat: Compat,
    rca_threshold: float,
) -> dict[str, npt.NDArray[Any]]:
    loc_total = np.bincount(li, weights=v, minlength=l_labels.size)
    prod_total = np.bincount(pi, weights=v, minlength=p_labels.size)
    locs = np.flatnonzero(loc_total > 0)
    prods = np.flatnonzero(prod_total > 0)
    l_pos = np.full(l_labels.size, -1)
    p_pos = np.full(p_labels.size, -1)
    l_pos[locs] = np.arange(locs.size)
    p_pos[prods] = np.arange(prods.size)
    kept = (l_pos[li] >= 0) & (p_pos[pi] >= 0)
    x = np.zeros((locs.size, prods.size))
    x[l_pos[li[kept]], p_pos[pi[kept]]] = v[kept]
    n_l, n_p = x.shape
    out: dict[str, npt.NDArray[Any]] = {
        "time": np.full(n_l * n_p, t_label),
        "loc": np.repeat(l_labels[locs], n_p),
        "prod": np.tile(p_labels[prods], n_l),
        "val": x.ravel(),
    }
    r = complexity(x, compat=compat, rca_threshold=rca_threshold)
    out.update(
        diversity=np.repeat(r.diversity, n_p),
        ubiquity=np.tile(r.ubiquity, n_l),
        rca=r.rca.ravel(),
        mcp=r.mcp.ravel(),
        eci=np.repeat(r.eci, n_p),
        pci=np.tile(r.pci, n_l),
        density=r.density.ravel(),
        coi=np.repeat(r.coi, n_p),
        cog=r.cog.ravel(),
    )
    dropped = ~kept
    if dropped.any():
        nan = np.full(int(dropped.sum()), np.nan)
        extra: dict[str, npt.NDArray[Any]] = {
            "time": np.full(nan.size, t_label),
            "loc": l_labels[li[dropped]],
            "prod": p_labels[pi[dropped]],
            "val": v[dropped],
        }
        extra.update({name: nan for name in LONG_COLUMNS})
        out = {name: np.concatenate([out[name], extra[name]]) for name in out}
    return out
