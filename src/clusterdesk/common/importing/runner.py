"""One import from a file to a report: read, plan, then write all or nothing (or roll back for a dry run)."""

import hashlib
import os
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, OperationalError, transaction

from clusterdesk.changelog.context import change_context
from clusterdesk.changelog.models import ImportBatch, ObjectChange
from clusterdesk.common.bulk import bulk_session
from clusterdesk.common.busy import is_database_busy
from clusterdesk.common.models import ImportJournalEntry
from clusterdesk.core.importing import RowError

from .journal import chunked, journaling, recover
from .pipeline import ImportFailed, Plan, _existing, _stored_key, apply_plan, plan_import
from .reader import WorkbookError, read_workbook
from .specs import spec_for

__all__ = ["ImportReport", "run_import", "run_import_file"]

SAMPLE_ROWS = 200
#: Rows per transaction of an import on SQLite: a fraction of a second of the write lock each, so that other writes
#: wait no longer than that for their turn.
CHUNK_ROWS = max(1, int(os.environ.get("CLUSTERDESK_IMPORT_CHUNK_ROWS", "2000")))
BUSY_RETRIES = 5  # a chunk that could not get the write lock in time (the database's timeout) is tried again
#: Seconds the import leaves the lock free after each chunk: a write waiting for it checks every 0.1 s (SQLite's busy
#: handler), and the import, which asks again at once, would otherwise win nearly every time.
CHUNK_PAUSE = 0.1
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
    """Import one workbook: every error, or every row written and recorded as a batch, all or nothing.

    The file is read, validated and resolved against the database first, outside any transaction. On PostgreSQL
    the rows are then written in one transaction. On SQLite, where one writer at a time holds the whole database,
    they are written in chunks of `CHUNK_ROWS`, each its own short transaction, so that other writes (forms, the
    API, sign-ins) get their turn in between; a journal (`journal`) takes every chunk back if a later one fails or
    the process dies. A dry run writes in one transaction and rolls it back: chunks rolled back one by one would
    leave later chunks pointing at rows (owners, projects) that no longer exist.
    """
    with bulk_session():
        recover()  # an import whose process died is undone before another begins
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
        batch_fields = dict(
            kind=kind, file_name=file_name[:255], file_sha256=hashlib.sha256(data).hexdigest(), sheet=sheet.name[:100],
            user=actor if getattr(actor, "pk", None) else None,
            user_name=getattr(actor, "username", "") or "system", source=ctx.source, request_id=ctx.request_id)
        if spec.plan_rows is not None:  # a kind that plans itself (a user's scopes): small, planned and written whole
            _import_whole(spec, sheet, actor, progress, report, batch_fields, ctx, message, dry_run)
        else:
            _import_chunked(spec, sheet, actor, progress, report, batch_fields, ctx, message, dry_run)
    report.seconds = time.perf_counter() - started
    return report


def _new_batch(report: ImportReport, plan: Plan, batch_fields: dict) -> ImportBatch:
    return ImportBatch.objects.create(**batch_fields, rows=len(plan.rows), created_count=report.created,
                                      updated_count=report.updated, unchanged_count=report.unchanged)


def _import_whole(spec, sheet, actor, progress, report, batch_fields, ctx, message, dry_run) -> None:
    try:
        with transaction.atomic():
            mark = time.perf_counter()
            plan = _plan(spec, sheet, actor, progress)
            report.timings["validate"] = time.perf_counter() - mark
            _fill(report, plan)
            mark = time.perf_counter()
            batch = _new_batch(report, plan, batch_fields)
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


def _import_chunked(spec, sheet, actor, progress, report, batch_fields, ctx, message, dry_run) -> None:
    mark = time.perf_counter()
    plan = _plan(spec, sheet, actor, progress)  # reads only: no transaction, no lock
    report.timings["validate"] = time.perf_counter() - mark
    _fill(report, plan)
    if plan.errors:
        try:
            apply_plan(plan, actor=actor)  # writes nothing: adds the errors of the app's bulk rules, then raises
        except ImportFailed:
            pass
        report.errors = _sorted(plan.errors)
        return
    mark = time.perf_counter()
    written = [r for r in plan.rows if r.action != "unchanged"]
    size = CHUNK_ROWS if chunked() and not dry_run else max(len(written), 1)
    chunks = [written[i:i + size] for i in range(0, len(written), size)] or [[]]
    journal_block = journaling(f"{batch_fields['kind']} {batch_fields['file_name']}") if chunked() and not dry_run \
        else nullcontext()
    longest = 0.0
    with journal_block as journal:
        batch_id: int | None = None
        for index, rows in enumerate(chunks):
            # Once a chunk has failed, the rest are still written, to list every error, but rolled back; each is
            # written as though it had no errors before it (a plan with errors is not written). What goes after
            # the rows (annual plans) is then left out: it would point at rows of the chunks rolled back.
            failed, plan.errors = plan.errors, []
            begun = time.perf_counter()
            try:
                batch_id = _write_chunk(plan, rows, actor, report, batch_fields, ctx, message, batch_id,
                                        not dry_run and not failed, journal, index == 0,
                                        index == len(chunks) - 1 and not failed)
            except ImportFailed:
                pass
            except IntegrityError as exc:  # someone else wrote a row with the same key since the file was read
                plan.errors.append(RowError(plan.sheet, rows[0].row if rows else None, None, "", _CHANGED_ZH,
                                            f"{_CHANGED_EN} ({exc})"))
            finally:
                plan.errors = failed + plan.errors
            longest = max(longest, time.perf_counter() - begun)
            if chunked() and rows is not chunks[-1]:
                time.sleep(CHUNK_PAUSE)
        if plan.errors:
            if journal is not None:
                journal.undo()
            report.errors = _sorted(plan.errors)
        elif journal is not None:
            journal.finish()
    report.timings["write"] = time.perf_counter() - mark
    report.timings["longest transaction"] = longest
    if not plan.errors and not dry_run:
        report.batch_id = batch_id


_CHANGED_ZH = "该记录在导入期间被他人修改或新增，未写入任何数据，请重新导入"
_CHANGED_EN = "the record was changed or added by someone else during the import; nothing was written, import again"


def _write_chunk(plan: Plan, rows: list, actor, report, batch_fields, ctx, message, batch_id: int | None,
                 keep: bool, journal, first: bool, last: bool) -> int | None:
    """Write one chunk in its own transaction: kept (committed) when ``keep``, else rolled back (a dry run, or the
    rest of an import that has already failed); the ``first`` also writes what goes before the rows (the owners an
    import registers), the ``last`` what goes after them (annual plans). Returns the batch's id once a kept chunk
    has written it."""
    for attempt in range(BUSY_RETRIES):
        try:
            with transaction.atomic(), journal.chunk() if journal is not None else nullcontext():
                _check_current(plan, rows, journal)
                batch = batch_id or _new_batch(report, plan, batch_fields).pk
                with change_context(actor, ctx.source, message=message, request_id=ctx.request_id,
                                    import_batch_id=batch):
                    apply_plan(plan, actor=actor, rows=rows, first=first, last=last)
                if not keep:
                    transaction.set_rollback(True)
                    return batch_id
                return batch
        except OperationalError as exc:  # the lock did not come in time: the others were busy; try again
            if not is_database_busy(exc) or attempt == BUSY_RETRIES - 1:
                raise
    return batch_id


def _check_current(plan: Plan, rows: list, journal) -> None:
    """Refuse a chunk whose records someone else changed or added since the file was read (the plan was made then):
    its updates would overwrite their change, its creates duplicate their record."""
    spec = plan.spec
    model = spec.model_class
    updates = [r for r in rows if r.action == "update"]
    if updates:
        mine: set[int] = set()
        if journal is not None:  # rows this import changed itself (a service that moves its siblings)
            mine = set(ImportJournalEntry.objects.filter(
                journal_id=journal.pk, table_name=model._meta.db_table, op="U",
                row_id__in=[r.stored.pk for r in updates]).values_list("row_id", flat=True))
        current = model._base_manager.in_bulk([r.stored.pk for r in updates])
        attnames = [f.attname for f in model._meta.concrete_fields]
        for r in updates:
            now = current.get(r.stored.pk)
            if r.stored.pk in mine:
                continue
            if now is None or any(now.__dict__.get(a) != r.stored.__dict__.get(a) for a in attnames):
                plan.errors.append(RowError(plan.sheet, r.row, None, "", _CHANGED_ZH, _CHANGED_EN))
    creates = [r for r in rows if r.action == "create"]
    if creates and spec.key:
        keys = [_stored_key(r.instance, spec.key) for r in creates]
        found = _existing(spec, keys)
        for r, key in zip(creates, keys, strict=True):
            if key in found:
                plan.errors.append(RowError(plan.sheet, r.row, None, "", _CHANGED_ZH, _CHANGED_EN))
    if plan.errors:
        raise ImportFailed(plan.errors)


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
