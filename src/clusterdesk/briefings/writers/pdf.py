"""PDF from the .docx through LibreOffice (Debian's ``libreoffice-writer-nogui``), offline, with open fonts.

Each conversion runs ``soffice --headless --convert-to pdf`` with its own throw-away profile
(``-env:UserInstallation``), so concurrent conversions never collide, under a timeout, with ``FONTCONFIG_FILE``
pointing at the shipped ``fonts.conf``, which maps 方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体 and 宋体 to Noto
Serif/Sans CJK. The private profile is a copy of one made by the first conversion (half a megabyte, kept in the
temporary folder): LibreOffice's first start with an empty profile costs several seconds.
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
        profile = work / "profile"
        template = _template()
        if template.is_dir():
            shutil.copytree(template, profile, symlinks=True, dirs_exist_ok=True)
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice ran past {timeout} s") from exc
        target = work / "briefing.pdf"
        if done.returncode != 0 or not target.exists():
            raise PdfError(f"LibreOffice failed ({done.returncode}): {(done.stderr or done.stdout).strip()[:500]}")
        if not template.is_dir():
            _keep_template(profile, template)
        return target.read_bytes()


def _template() -> Path:
    return Path(tempfile.gettempdir()) / f"clusterdesk-soffice-profile-{os.getuid()}"


def _keep_template(profile: Path, template: Path) -> None:
    """Keep a finished conversion's profile as the template (renamed into place: two racing runs cannot mix)."""
    staging = Path(tempfile.mkdtemp(prefix=template.name + "-", dir=template.parent))
    try:
        shutil.copytree(profile, staging / "p", symlinks=True)
        os.rename(staging / "p", template)
    except OSError:
        pass  # another conversion kept its profile first
    finally:
        shutil.rmtree(staging, ignore_errors=True)
