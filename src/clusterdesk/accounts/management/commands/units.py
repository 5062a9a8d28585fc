"""`units match`: link the old free-text owners of every source of work (and users' typed units) to unit records.

    clusterdesk units match [--dry-run] [--seed-standard [--region CODE …]] [--out unmatched.xlsx]

``--seed-standard`` first creates the standard offices (`accounts.services.units_seed_standard`) of each region
given, or of every city that has a park; the counts of matched rows are printed per kind of record and the
unmatched rows are listed (or written to ``--out`` as .xlsx: kind, record id, text, region, address).
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from clusterdesk.accounts.models import Unit
from clusterdesk.accounts.services import units_match_free_text, units_seed_standard
from clusterdesk.changelog.context import change_context

HEADERS = ["类型 kind", "记录 record", "编号 id", "单位（原填写） unit as written", "地区 region", "地址 address"]


class Command(BaseCommand):
    help = "Match free-text responsible units to unit records: units match [--dry-run] [--seed-standard] [--out F]."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["match"])
        parser.add_argument("--dry-run", action="store_true", help="report what would be linked; write nothing")
        parser.add_argument("--seed-standard", action="store_true",
                            help="first create the standard offices of --region (or of every city with a park)")
        parser.add_argument("--region", action="append", default=[], help="GB/T 2260 code of a city or county")
        parser.add_argument("--out", help="write the unmatched rows to this .xlsx file")

    def handle(self, *args, action: str, dry_run: bool = False, seed_standard: bool = False, region=(), out=None,
               **options) -> None:
        region_model = Unit._meta.get_field("region").related_model
        with change_context(actor=None, source="cli", message="units match"):
            if seed_standard:
                regions = list(region_model.objects.filter(code__in=region))
                if len(regions) != len(set(region)):
                    raise CommandError(f"未知的地区代码 / unknown region codes: {' '.join(region)}")
                if not regions:
                    park_model = Unit._meta.get_field("park").related_model
                    cities = {p.region.code[:4] + "00" for p in park_model.objects.select_related("region")}
                    regions = list(region_model.objects.filter(code__in=cities, level="city"))
                created = [u for r in regions for u in units_seed_standard(region=r, actor=None)]
                self.stdout.write(f"标准单位 / standard units created: {len(created)}")
            report = units_match_free_text(dry_run=dry_run, actor=None)
        mode = "（试运行，未写入）/ dry run" if dry_run else ""
        for label, count in sorted(report.matched.items()):
            self.stdout.write(f"{apps.get_model(label)._meta.verbose_name} {label}: {count} {mode}")
        self.stdout.write(f"匹配 / matched: {report.total_matched}; 未匹配 / unmatched: {len(report.unmatched)}")
        rows = self._rows(report.unmatched)
        if out:
            from pathlib import Path

            from clusterdesk.common.xlsx import xlsx_bytes

            Path(out).write_bytes(xlsx_bytes("未匹配单位", HEADERS, rows))
            self.stdout.write(f"未匹配清单 / unmatched list: {out}")
        else:
            for row in rows[:200]:
                self.stdout.write("\t".join(str(v) for v in row))
            if len(rows) > 200:
                self.stdout.write(f"… {len(rows) - 200} more (use --out FILE)")

    @staticmethod
    def _rows(unmatched) -> list[list[object]]:
        region_model = Unit._meta.get_field("region").related_model
        regions = region_model.objects.in_bulk({u.region_id for u in unmatched if u.region_id})
        rows = []
        by_model: dict[str, list] = {}
        for item in unmatched:
            by_model.setdefault(item.model, []).append(item)
        for label, items in by_model.items():
            model = apps.get_model(label)
            found = model._default_manager.in_bulk([i.pk for i in items])
            for item in items:
                obj = found.get(item.pk)
                region = regions.get(item.region_id)
                rows.append([str(model._meta.verbose_name), str(obj) if obj else "", item.pk, item.text,
                             str(region) if region else "", obj.get_absolute_url() if obj else ""])
        return rows
