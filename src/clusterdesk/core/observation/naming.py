"""Round numbers as officials write them: 第十八次."""

__all__ = ["chinese_number"]

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """A number from 0 to 9999 in Chinese numerals (十八, not 一十八).

    Returns
    -------
    str
        The number in Chinese numerals.

    Examples
    --------
    >>> [chinese_number(n) for n in (1, 10, 18, 20, 101, 110, 2025)]
    ['一', '十', '十八', '二十', '一百零一', '一百一十', '二千零二十五']
    """
    if not 0 <= n <= 9999:
        raise ValueError("only 0–9999")
    if n == 0:
        return _DIGITS[0]
    parts, zero = [], False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, n = divmod(n, size)
        if digit:
            if zero:
                parts.append(_DIGITS[0])
            parts.append(_DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text
