"""PDF from the .docx through LibreOffice (Debian's ``libreoffice-writer-nogui``), offline, with open fonts.

Each conversion runs ``soffice --headless --convert-to pdf`` with its own throw-away profile
(``-env:UserInstallation``), so concurrent conversions never collide, under a timeout, with ``FONTCONFIG_FILE``
pointing at the shipped ``fonts.conf``, which maps 方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体 and 宋体 to Noto
Serif/Sans CJK.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["FONTS_CONF", "PdfError", "docx_to_pdf", "soffice_path"]

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TIMEOUT_S = 180


class PdfError(RuntimeError):
    """LibreOffice is missing, failed, or ran past its time."""


def soffice_path() -> str | None:
    """The LibreOffice program (``soffice`` or ``libreoffice``) on the PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_S) -> bytes:
    """Convert a .docx file's bytes to PDF bytes."""
    program = soffice_path()
    if program is None:
        raise PdfError("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="cd-briefing-") as folder:
        work = Path(folder)
        source = work / "briefing.docx"
        source.write_bytes(docx)
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": folder}
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice ran past {timeout} s") from exc
        target = work / "briefing.pdf"
        if done.returncode != 0 or not target.exists():
            raise PdfError(f"LibreOffice failed ({done.returncode}): {(done.stderr or done.stdout).strip()[:500]}")
        return target.read_bytes()
