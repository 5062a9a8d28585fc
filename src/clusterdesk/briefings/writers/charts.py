"""Charts of the briefings as PNG, drawn on the server by matplotlib (Agg, no display) with the CJK font that
fontconfig finds (Noto Sans CJK, Debian's ``fonts-noto-cjk``)."""

import functools
import io
import subprocess

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from clusterdesk.core.briefings import BriefChart

__all__ = ["MAX_BARS", "cjk_font_path", "render_chart"]

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei")
#: Bars drawn at most (the first ones, in the chart's order: a briefing's charts follow its rankings).
MAX_BARS = 20


@functools.cache
def cjk_font_path() -> str | None:
    """The file of a CJK font installed on this machine, asked of fontconfig (``fc-match``); None if there is none."""
    for family in CJK_FAMILIES:
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}\t%{family}", family], capture_output=True, text=True,
                                   timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        path, _, families = found.partition("\t")
        if path and family.split()[0] in families:
            return path
    return None


@functools.cache
def _font() -> FontProperties:
    path = cjk_font_path()
    return FontProperties(fname=path) if path else FontProperties()


def render_chart(chart: BriefChart) -> bytes:
    """A bar chart of the first `MAX_BARS` values as PNG bytes (150 dpi, 16 × 8 cm), its labels in the CJK font."""
    font = _font()
    labels, values = chart.labels[:MAX_BARS], chart.values[:MAX_BARS]
    figure = Figure(figsize=(6.3, 3.15), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(labels))
    bars = axes.bar(positions, values, color="#c0392b")
    axes.set_xticks(list(positions), labels, fontproperties=font, rotation=45 if len(labels) > 8 else 0,
                    ha="right" if len(labels) > 8 else "center", fontsize=7)
    axes.set_ylabel(chart.unit, fontproperties=font)
    axes.bar_label(bars, fmt="%.1f", fontsize=6)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
