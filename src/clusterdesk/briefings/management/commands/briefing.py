"""`briefing KIND --period YYYY-MM [--region CODE] [--user NAME] --out FILE.docx|FILE.pdf [--annex FILE.xlsx]`.

Generates a briefing in the scope of ``--user`` (the first administrator by default), keeps it in the library and
writes it to ``--out`` (the extension picks .docx or PDF) with its .xlsx annex beside it (or at ``--annex``).
``briefing list`` prints the registered kinds.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from clusterdesk.briefings.registry import briefing_kinds
from clusterdesk.briefings.services import briefing_generate
from clusterdesk.briefings.writers.pdf import PdfError
from clusterdesk.changelog.context import change_context
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.regions.selectors import region_by_code


class Command(BaseCommand):
    help = "Generate a briefing (通报) as .docx or PDF with its .xlsx annex; 'list' prints the kinds."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", help="a registered kind (projects-monthly, per-mu, cluster, …) or 'list'")
        parser.add_argument("--period", help="the month, e.g. 2026-10")
        parser.add_argument("--region", help="GB/T 2260 code of the region covered (default: the user's scope)")
        parser.add_argument("--user", help="whose scope the figures follow (default: the first administrator)")
        parser.add_argument("--out", help="FILE.docx or FILE.pdf")
        parser.add_argument("--annex", help="where to write the .xlsx annex (default: beside --out)")

    def handle(self, *args, kind, period=None, region=None, user=None, out=None, annex=None, **options) -> None:
        kinds = {k.key: k for k in briefing_kinds()}
        if kind == "list":
            for key, spec in kinds.items():
                self.stdout.write(f"{key}\t{spec.title}")
            return
        if kind not in kinds:
            raise CommandError(f"unknown kind {kind!r}; registered kinds: {', '.join(kinds)}")
        if not period or not out:
            raise CommandError("--period and --out are required")
        target = Path(out)
        if target.suffix.lower() not in (".docx", ".pdf"):
            raise CommandError("--out must end in .docx or .pdf")
        try:
            month = parse_date(period).replace(day=1)
        except CoreError as exc:
            raise CommandError(f"--period: {exc}") from exc
        area = None
        if region:
            area = region_by_code(region)
            if area is None:
                raise CommandError(f"--region: no region with code {region}")
        users = get_user_model().objects.filter(is_active=True)
        reader = (users.filter(username=user).first() if user
                  else users.filter(role="admin").order_by("pk").first() or users.filter(is_superuser=True).first())
        if reader is None:
            raise CommandError(f"--user: no active user {user!r}" if user else "no administrator: give --user")
        as_pdf = target.suffix.lower() == ".pdf"
        try:
            with change_context(actor=None, source="cli", message=f"briefing {kind} {period}"):
                briefing = briefing_generate(kind=kind, period=month, actor=None, user=reader, region=area,
                                             pdf=as_pdf)
        except (PermissionDenied, ValidationError, PdfError) as exc:
            raise CommandError(str(exc)) from exc
        target.write_bytes(briefing.read_file("pdf" if as_pdf else "docx") or b"")
        annex_path = Path(annex) if annex else target.with_suffix(".xlsx")
        annex_path.write_bytes(briefing.read_file("xlsx") or b"")
        self.stdout.write(f"{briefing.title}: {target} ({target.stat().st_size} bytes), annex {annex_path}")
