"""One import from a file to a report: read, plan, write in one transaction (or roll back for a dry run)."""

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from clusterdesk.changelog.context import change_context
from clusterdesk.changelog.models import ImportBatch, ObjectChange
from clusterdesk.common.bulk import bulk_session
from clusterdesk.core.importing import RowError

from .pipeline import ImportFailed, Plan, apply_plan, plan_import
from .reader import WorkbookError, read_workbook
from .specs import spec_for

__all__ = ["ImportReport", "run_import", "run_import_file"]

SAMPLE_ROWS = 200
MAX_NOTES = 50  # notes printed by `summary_text` (the preview page lists more)
SKIP_SHEETS = ("填写说明", "选项", "说明", "Notes", "Options")


class _DryRun(Exception):
    pass


@dataclass
class ImportReport:
    """What an import did or, for a dry run, would do."""

    kind: str
    file_name: str
    dry_run: bool
    sheet: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored: tuple[str, ...] = ()
    header_row: int | None = None
    batch_id: int | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    samples: list[dict] = field(default_factory=list)
    notes: list[RowError] = field(default_factory=list)  # what was recognised or decided: sections, totals …

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary_text(self) -> str:
        mode = "试导入（未写入）/ dry run" if self.dry_run else "已导入 / imported"
        head = f"{mode}：{self.file_name} [{self.sheet}] {self.kind}"
        extra = f"\n忽略的列（未导入） / ignored columns (not imported): {'、'.join(self.ignored)}" \
            if self.ignored else ""
        extra += "".join(f"\n说明 / note: {note.as_line()}" for note in self.notes[:MAX_NOTES])
        if len(self.notes) > MAX_NOTES:
            extra += f"\n… 共 {len(self.notes)} 条说明 / {len(self.notes)} notes in all"
        if self.errors:
            count = len(self.errors)
            return f"{head}\n发现 {count} 个错误，未写入任何数据 / {count} errors, nothing written{extra}"
        counts = (f"新增 {self.created}、更新 {self.updated}、未变 {self.unchanged} / created {self.created}, "
                  f"updated {self.updated}, unchanged {self.unchanged}")
        batch = f"\n导入批次 / import batch #{self.batch_id}" if self.batch_id else ""
        return f"{head}\n{counts}（{self.seconds:.1f} s）{extra}{batch}"


def _samples(plan: Plan) -> list[dict]:
    columns = {c.field: (i, c) for i, c in enumerate((*plan.spec.columns, *plan.spec.import_only))}
    out = []
    for r in plan.rows:
        if r.action == "unchanged" or len(out) >= SAMPLE_ROWS:
            continue
        changes = sorted(r.changes, key=lambda change: columns.get(change[0], (99, None))[0])
        out.append({"row": r.row, "action": r.action, "object": str(r.instance),
                    "changes": [(_header(columns, n), _show(b, columns, n), _show(a, columns, n))
                                for n, b, a in changes]})
    return out


def _header(columns, name: str) -> str:
    return columns[name][1].header if name in columns else name


def _show(value, columns=None, name: str = "") -> str:
    if value is None or value == "":
        return "—"
    column = columns[name][1] if columns and name in columns else None
    if column is not None and column.kind == "choice":
        return next((zh for v, zh, _ in column.choices if v == value), str(value))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _choose_sheet(spec, sheets, actor) -> tuple[object, Plan | None]:
    """The sheet to import: the spec's named sheet, else the first that has a header row for this kind."""
    candidates = [s for s in sheets if s.name not in SKIP_SHEETS] or sheets
    named = [s for s in candidates if s.name in (spec.sheet_name, spec.title)]
    return (named or candidates)[0], None


def run_import(*, kind: str, data: bytes, file_name: str, actor, dry_run: bool = False, source: str = "import",
               progress: bool = False) -> ImportReport:
    """Import one workbook: every error, or every row written in one transaction and recorded as a batch."""
    with bulk_session():
        return _run_import(kind=kind, data=data, file_name=file_name, actor=actor, dry_run=dry_run, source=source,
                           progress=progress)


def _run_import(*, kind: str, data: bytes, file_name: str, actor, dry_run: bool, source: str,
                progress: bool) -> ImportReport:
    started = time.perf_counter()
    spec = spec_for(kind)
    report = ImportReport(kind, file_name, dry_run)
    mark = time.perf_counter()
    try:
        sheets = read_workbook(data)
    except WorkbookError as exc:
        chinese, _, english = str(exc).partition(" / ")  # the reader's message is "中文 / English"
        report.errors = [RowError(file_name, None, None, "", chinese, english or chinese)]
        return report
    if not sheets:
        report.errors = [RowError(file_name, None, None, "", "文件中没有数据", "the file holds no data")]
        return report
    report.timings["read"] = time.perf_counter() - mark
    sheet, _ = _choose_sheet(spec, sheets, actor)
    report.sheet = sheet.name
    message = f"导入 {file_name}"[:200]
    with change_context(actor, ObjectChange.Source.IMPORT if source == "import" else source, message=message) as ctx:
        try:
            with transaction.atomic():
                mark = time.perf_counter()
                plan = _plan(spec, sheet, actor, progress)
                report.timings["validate"] = time.perf_counter() - mark
                _fill(report, plan)
                mark = time.perf_counter()
                batch = ImportBatch.objects.create(
                    kind=kind, file_name=file_name[:255], file_sha256=hashlib.sha256(data).hexdigest(),
                    sheet=sheet.name[:100], user=actor if getattr(actor, "pk", None) else None,
                    user_name=getattr(actor, "username", "") or "system", source=ctx.source,
                    request_id=ctx.request_id, rows=len(plan.rows), created_count=report.created,
                    updated_count=report.updated, unchanged_count=report.unchanged)
                # Every change the services record from here on belongs to the batch.
                with change_context(actor, ctx.source, message=message, request_id=ctx.request_id,
                                    import_batch_id=batch.pk):
                    apply_plan(plan, actor=actor)
                report.timings["write"] = time.perf_counter() - mark
                if dry_run:
                    raise _DryRun  # rolls back the batch and every write with it
                report.batch_id = batch.pk
        except ImportFailed as failed:
            report.errors = _sorted(failed.errors)
        except _DryRun:
            pass
    report.seconds = time.perf_counter() - started
    return report


def _sorted(errors: list[RowError]) -> list[RowError]:
    # By row; within a row, cells left to right, then what concerns the whole row.
    return sorted(errors, key=lambda e: (e.row or 0, e.column is None, len(e.column or ""), e.column or ""))


def _plan(spec, sheet, actor, progress: bool) -> Plan:
    if not progress:
        return plan_import(spec, sheet.rows, actor=actor, sheet=sheet.name)
    from tqdm import tqdm

    def wrap(rows, total):
        return tqdm(rows, total=total, desc="校验 validate", unit="行", mininterval=0.5)

    return plan_import(spec, sheet.rows, actor=actor, sheet=sheet.name, wrap=wrap)


def _fill(report: ImportReport, plan: Plan) -> None:
    report.rows = len(plan.rows)
    report.created, report.updated, report.unchanged = (plan.count(a) for a in ("create", "update", "unchanged"))
    report.ignored, report.header_row, report.notes = plan.ignored, plan.header_row, plan.notes
    report.samples = _samples(plan)


def run_import_file(*, kind: str, path: Path, actor, dry_run: bool = False, source: str = "cli",
                    progress: bool = False) -> ImportReport:
    """`run_import` for a file on disk (the CLI)."""
    return run_import(kind=kind, data=Path(path).read_bytes(), file_name=Path(path).name, actor=actor,
                      dry_run=dry_run, source="import" if source == "cli" else source, progress=progress)
