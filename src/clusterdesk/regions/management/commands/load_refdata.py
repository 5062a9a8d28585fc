"""Load the packaged reference tables: GB/T 2260 regions and GB/T 4754-2017 industry codes."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from clusterdesk.changelog.context import change_context
from clusterdesk.regions.services import refdata_load


class Command(BaseCommand):
    help = "Load regions (GB/T 2260, with points) and industry codes (GB/T 4754-2017); safe to run again."

    def handle(self, *args, **options):
        with change_context(actor=None, source="cli", message="load reference data"):
            counts = refdata_load(progress=lambda rows: tqdm(rows, desc="参考数据 refdata", unit="行", leave=False))
        self.stdout.write(f"regions: {counts['regions']}, industries: {counts['industries']}")
