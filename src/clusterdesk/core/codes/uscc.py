"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

An 18-character code, over the 31 characters ``0-9`` and ``A-Z`` without ``I O S V Z``::

    9 1 350100 M000100Y4 3
    | | |      |         └ 18    check character (mod 31)
    | | |      └────────── 9–17  organisation code (主体标识码, GB 11714: 8 characters + its own check)
    | | └───────────────── 3–8   region code of the registering authority (GB/T 2260, or 100000 national)
    | └─────────────────── 2     organisation type (机构类别), e.g. 1 company, 2 sole trader, 3 co-operative
    └───────────────────── 1     registering department (登记管理部门), e.g. 1 机构编制, 5 民政, 9 市场监管

`validate_uscc` rejects a code whose structure or mod-31 check character is wrong. The GB 11714 check of the
organisation-code part is only a warning (`uscc_warnings`): codes issued since 2015 by market regulators
(``91…MA…``) often do not follow it.
"""

from collections.abc import Mapping
from types import MappingProxyType

from clusterdesk.core.codes.region import validate_region_code
from clusterdesk.core.exceptions import InvalidCodeError
from clusterdesk.core.numerals import to_half_width

__all__ = [
    "NATIONAL_REGION_CODE",
    "REGISTRATION_DEPARTMENTS",
    "USCC_ALPHABET",
    "is_valid_uscc",
    "make_uscc",
    "normalize_uscc",
    "org_code_check_char",
    "uscc_check_char",
    "uscc_warnings",
    "validate_uscc",
]

#: The 31 characters a code may use, in the order that gives each its value 0–30.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: Registering departments (first character). GB 32100-2015 names 1–9, A and Y; B–G are kept from the
#: earlier drafts because old data carries them, and N (农业农村, rural collective economic organisations)
#: has been assigned since 2018.
REGISTRATION_DEPARTMENTS: Mapping[str, str] = MappingProxyType(
    {
        "1": "机构编制",
        "2": "外交",
        "3": "司法行政",
        "4": "文化",
        "5": "民政",
        "6": "旅游",
        "7": "宗教",
        "8": "工会",
        "9": "市场监管（工商）",
        "A": "中央军委改革和编制办公室",
        "B": "其他（B）",
        "C": "其他（C）",
        "D": "其他（D）",
        "E": "其他（E）",
        "F": "其他（F）",
        "G": "其他（G）",
        "N": "农业农村",
        "Y": "其他",
    }  # fmt: skip
)
# Market regulators register 1 enterprises, 2 sole traders (个体工商户), 3 farmers' co-operatives; other
# departments use the digits 1–9 (9 meaning "other").
_MARKET_REGULATOR_TYPES = "123"
_OTHER_TYPES = "123456789"

#: The region code of organisations registered at national level (e.g. central government bodies).
NATIONAL_REGION_CODE = "100000"

_REMOVED = " -\t\r\n\u2010\u2011\u2012\u2013\u2014\u2212"


def normalize_uscc(text: str) -> str:
    """Clean a code as people type it: full-width to half-width, spaces and hyphens removed, upper case.

    Normalising does not validate; use `validate_uscc` for that.

    Parameters
    ----------
    text : str
        The code as typed or pasted.

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_uscc(" ９１３５ 0100-m000100y43 ")
    '91350100M000100Y43'
    """
    folded = to_half_width(text)
    return "".join(ch for ch in folded if ch not in _REMOVED).upper()


def _require_chars(text: str, alphabet: str, length: int, what: str) -> str:
    if len(text) != length or any(ch not in alphabet for ch in text):
        raise InvalidCodeError(f'{what}应为 {length} 位且只含合法字符，实为 "{text}"')
    return text


def uscc_check_char(first17: str) -> str:
    """Return the check character (18th) for the first 17 characters of a code.

    The check is ``31 - (Σ value × weight mod 31)``, with 31 written as ``0``.

    Parameters
    ----------
    first17 : str
        The first 17 characters (normalised as by `normalize_uscc`).

    Returns
    -------
    str
        One character of `USCC_ALPHABET`.

    Raises
    ------
    InvalidCodeError
        If `first17` is not 17 characters of `USCC_ALPHABET`.

    Examples
    --------
    >>> uscc_check_char("91350100M000100Y4")
    '3'
    """
    body = _require_chars(normalize_uscc(first17), USCC_ALPHABET, 17, "统一社会信用代码前 17 位")
    total = sum(USCC_ALPHABET.index(ch) * weight for ch, weight in zip(body, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """Return the GB 11714 check character of an organisation code (组织机构代码) from its first 8 characters.

    Letters count 10 (A) to 35 (Z); the check is ``11 - (Σ value × weight mod 11)``, written ``X`` for 10 and
    ``0`` for 11.

    Parameters
    ----------
    first8 : str
        The first 8 characters, digits or capital letters.

    Returns
    -------
    str
        A digit or ``X``.

    Raises
    ------
    InvalidCodeError
        If `first8` is not 8 digits or capital letters.

    Examples
    --------
    >>> org_code_check_char("D2143569")
    'X'
    >>> org_code_check_char("10001043")
    '3'
    """
    body = _require_chars(normalize_uscc(first8), _ORG_CODE_ALPHABET, 8, "组织机构代码前 8 位")
    total = sum(_ORG_CODE_ALPHABET.index(ch) * weight for ch, weight in zip(body, _ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _region_problem(region: str) -> str | None:
    if region == NATIONAL_REGION_CODE:
        return None
    try:
        validate_region_code(region)
    except InvalidCodeError as exc:
        return str(exc)
    return None


def validate_uscc(text: str) -> str:
    """Check a unified social credit code and return it normalised.

    Checks, in this order: length, characters, registering department (1st), organisation type (2nd),
    region code (3rd–8th: a well-formed GB/T 2260 code or ``100000``), and the check character (18th).
    The message names the first problem found, with its position and, for the check character, the
    expected value.

    Parameters
    ----------
    text : str
        The code as typed; it is normalised first (`normalize_uscc`).

    Returns
    -------
    str
        The normalised 18-character code.

    Raises
    ------
    InvalidCodeError
        If the code is wrong in any of the ways above.

    Examples
    --------
    >>> validate_uscc("91350100m000100y43")
    '91350100M000100Y43'
    >>> validate_uscc("91350100M000100Y4X")
    Traceback (most recent call last):
    ...
    clusterdesk.core.exceptions.InvalidCodeError: 统一社会信用代码校验位错误：应为 "3"，实为 "X"（91350100M000100Y4X）
    """
    code = normalize_uscc(text)
    if not code:
        raise InvalidCodeError("统一社会信用代码为空")
    if len(code) != 18:
        raise InvalidCodeError(f"统一社会信用代码应为 18 位，实为 {len(code)} 位（{code}）")
    bad = [f'第 {pos} 位 "{ch}"' for pos, ch in enumerate(code, start=1) if ch not in USCC_ALPHABET]
    if bad:
        raise InvalidCodeError(
            f"统一社会信用代码含非法字符：{'、'.join(bad)}（只能使用数字和除 I、O、S、V、Z 以外的大写字母）（{code}）"
        )
    dept, org_type, region = code[0], code[1], code[2:8]
    if dept not in REGISTRATION_DEPARTMENTS:
        raise InvalidCodeError(
            f'统一社会信用代码第 1 位登记管理部门代码 "{dept}" 不存在，应为 1–9、A–G、N 或 Y（{code}）'
        )
    allowed_types = _MARKET_REGULATOR_TYPES if dept == "9" else _OTHER_TYPES
    if org_type not in allowed_types:
        raise InvalidCodeError(
            f'统一社会信用代码第 2 位机构类别代码 "{org_type}" 不合法，'
            f'登记管理部门为 "{dept}" 时应为 {"、".join(allowed_types)}（{code}）'
        )
    problem = _region_problem(region)
    if problem is not None:
        raise InvalidCodeError(f"统一社会信用代码第 3–8 位登记管理机关行政区划码无效：{problem}（{code}）")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise InvalidCodeError(f'统一社会信用代码校验位错误：应为 "{expected}"，实为 "{code[17]}"（{code}）')
    return code


def is_valid_uscc(text: str) -> bool:
    """Return True if `validate_uscc` accepts `text`.

    Parameters
    ----------
    text : str
        The code as typed.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_valid_uscc("91350100M000100Y43"), is_valid_uscc("91350100M000100Y44")
    (True, False)
    """
    try:
        validate_uscc(text)
    except InvalidCodeError:
        return False
    return True


def uscc_warnings(text: str) -> list[str]:
    """Return warnings about a valid code that do not make it invalid.

    Today there is one: the organisation-code part (9th–17th) fails its GB 11714 check. Many codes issued
    since 2015 do, so import screens show this as a warning, not an error.

    Parameters
    ----------
    text : str
        The code as typed.

    Returns
    -------
    list of str
        Messages in Chinese; empty when there is nothing to report.

    Raises
    ------
    InvalidCodeError
        If the code itself is invalid (see `validate_uscc`).

    Examples
    --------
    >>> uscc_warnings("91110000100010433L")
    []
    >>> uscc_warnings("91350100M000100Y0N")
    ['统一社会信用代码第 9–17 位主体标识码（组织机构代码）的校验位应为 "4"，实为 "0"（91350100M000100Y0N）']
    """
    code = validate_uscc(text)
    expected = org_code_check_char(code[8:16])
    if code[16] != expected:
        return [
            f"统一社会信用代码第 9–17 位主体标识码（组织机构代码）的校验位"
            f'应为 "{expected}"，实为 "{code[16]}"（{code}）'
        ]
    return []


def make_uscc(*, region_code: str, serial: int, dept: str = "9", org_type: str = "1") -> str:
    """Build a valid code deterministically, for tests and demo data.

    The organisation code is `serial` written in base 31 over `USCC_ALPHABET` (8 characters) followed by its
    GB 11714 check character, so the result passes both `validate_uscc` and the `uscc_warnings` check.

    Parameters
    ----------
    region_code : str
        The registering authority's GB/T 2260 code, or ``100000``.
    serial : int
        0 ≤ serial < 31⁸; different serials give different codes.
    dept : str
        Registering department (first character), default ``"9"`` (market regulator).
    org_type : str
        Organisation type (second character), default ``"1"`` (enterprise).

    Returns
    -------
    str
        An 18-character code.

    Raises
    ------
    InvalidCodeError
        If any part is invalid or `serial` is out of range.

    Examples
    --------
    >>> make_uscc(region_code="350102", serial=1)
    '91350102000000019B'
    >>> validate_uscc(make_uscc(region_code="110000", serial=123456789, dept="5", org_type="2"))
    '521100000049M3020R'
    """
    if isinstance(serial, bool) or not isinstance(serial, int) or not 0 <= serial < 31**8:
        raise InvalidCodeError(f'组织机构代码序号应为 0 到 {31**8 - 1} 之间的整数，实为 "{serial}"')
    if region_code != NATIONAL_REGION_CODE:
        region_code = validate_region_code(region_code)
    allowed_types = _MARKET_REGULATOR_TYPES if dept == "9" else _OTHER_TYPES
    if dept not in REGISTRATION_DEPARTMENTS or len(org_type) != 1 or org_type not in allowed_types:
        raise InvalidCodeError(f'登记管理部门代码 "{dept}" 与机构类别代码 "{org_type}" 的组合不合法')
    digits = []
    for _ in range(8):
        serial, value = divmod(serial, 31)
        digits.append(USCC_ALPHABET[value])
    body = "".join(reversed(digits))
    first17 = f"{dept}{org_type}{region_code}{body}{org_code_check_char(body)}"
    return validate_uscc(first17 + uscc_check_char(first17))
