"""Traditional → simplified script with OpenCC's ``t2s`` tables, for every part that reads Chinese text.

Import sheets (headers and cells) and pasted briefings are converted with the same function; the tables are
loaded on first use. `core` stays standard-library only and takes the converter as an argument.
"""

import functools

import opencc

__all__ = ["t2s"]


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    """Convert traditional characters to simplified (OpenCC ``t2s``): 長沙智能製造項目 → 长沙智能制造项目."""
    return _converter().convert(text)
