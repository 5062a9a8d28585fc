"""Park positioning rules: how many leading (主导) and featured (特色) industries a park may declare.

National parks declare at most three leading and two featured industries ("三主两特"); provincial and
municipal parks at most two and two ("两主两特"). The limits are defaults a deployment may override.
"""

from collections.abc import Mapping, Sequence

__all__ = ["POSITIONING_LIMITS", "positioning_errors"]

POSITIONING_LIMITS: Mapping[str, tuple[int, int]] = {
    "national": (3, 2),
    "provincial": (2, 2),
    "municipal": (2, 2),
}


def positioning_errors(
    *,
    level: str,
    leading: Sequence[str],
    featured: Sequence[str],
    limits: Mapping[str, tuple[int, int]] = POSITIONING_LIMITS,
) -> list[str]:
    """Return every way a park's declared industries break the positioning rule (empty when they comply).

    Parameters
    ----------
    level : str
        The park's level: ``"national"``, ``"provincial"`` or ``"municipal"``.
    leading, featured : sequence of str
        Industry codes declared as leading and as featured.
    limits : mapping
        Level → (max leading, max featured).

    Returns
    -------
    list of str
        Messages in Chinese, one per broken rule.

    Examples
    --------
    >>> positioning_errors(level="national", leading=["C37", "C38", "C39"], featured=["C34"])
    []
    >>> positioning_errors(level="provincial", leading=["C37", "C38", "C39"], featured=[])
    ['主导产业最多 2 个，已填 3 个']
    >>> positioning_errors(level="municipal", leading=["C37"], featured=["C37"])
    ['产业 C37 不能同时是主导产业和特色产业']
    """
    max_leading, max_featured = limits.get(level, (2, 2))
    errors = []
    if len(leading) > max_leading:
        errors.append(f"主导产业最多 {max_leading} 个，已填 {len(leading)} 个")
    if len(featured) > max_featured:
        errors.append(f"特色产业最多 {max_featured} 个，已填 {len(featured)} 个")
    errors += [f"产业 {code} 不能同时是主导产业和特色产业" for code in sorted(set(leading) & set(featured))]
    return errors
