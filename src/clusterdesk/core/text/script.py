"""Traditional → simplified script, with OpenCC's ``t2s`` tables (loaded on first use).

OpenCC is the one dependency the text functions of core use, imported lazily so that importing core stays
standard-library only; import sheets, pasted briefings and chain keywords all convert through `t2s`.
"""

import functools
from typing import Any

__all__ = ["t2s"]


@functools.cache
def _converter() -> Any:
    import opencc  # type: ignore[import-untyped,import-not-found,unused-ignore]

    return opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    """Convert traditional characters to simplified (OpenCC ``t2s``).

    Examples
    --------
    >>> t2s("長沙智能製造項目")
    '长沙智能制造项目'
    """
    return str(_converter().convert(text))
