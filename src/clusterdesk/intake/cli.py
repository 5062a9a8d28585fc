"""The intake subcommands of `clusterdesk`: import KIND FILE, export KIND FILE, intake FILE --json."""

import json
import sys
from pathlib import Path

__all__ = ["add_subcommands"]


def _actor(username: str | None):
    from django.contrib.auth import get_user_model

    User = get_user_model()  # noqa: N806 - the user model, reached without importing accounts.models
    if username:
        return User.objects.get(username=username)
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        raise SystemExit("没有管理员账号，请用 --user 指定导入人 / no administrator account: pass --user")
    return admin


def cmd_import(args) -> None:
    from clusterdesk.common.importing.runner import run_import_file

    report = run_import_file(kind=args.kind, path=Path(args.file), actor=_actor(args.user), dry_run=args.dry_run,
                             source="cli", progress=not args.no_progress)
    print(report.summary_text())
    if report.errors:
        for error in report.errors[: args.max_errors]:
            print(error.as_line(), file=sys.stderr)
        if len(report.errors) > args.max_errors:
            print(f"… 共 {len(report.errors)} 个错误 / {len(report.errors)} errors in all", file=sys.stderr)
        raise SystemExit(1)


def cmd_export(args) -> None:
    from clusterdesk.common.importing.export import export_kind_to_path

    count = export_kind_to_path(kind=args.kind, path=Path(args.file), user=_actor(args.user),
                                progress=not args.no_progress)
    print(f"已导出 {count} 行 → {args.file} / exported {count} rows")


def cmd_template(args) -> None:
    from clusterdesk.common.importing.templates import write_template

    write_template(args.kind, Path(args.file))
    print(f"模板 → {args.file} / template written")


def _offline_gazetteer():
    """Without a database: the packaged GB/T 2260 regions only (no parks, enterprises or projects to link to)."""
    from clusterdesk.intake.textintake import AhoCorasickGazetteer, region_known_names
    from clusterdesk.refdata.readers import read_regions

    return AhoCorasickGazetteer(region_known_names((r.code, r.name, r.full_name, r.level) for r in read_regions()))


def cmd_intake(args) -> None:
    from clusterdesk.cli import database_problem
    from clusterdesk.intake.textintake import analyse_text

    raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding=args.encoding)
    gazetteer = None
    if (problem := database_problem()) is not None:
        print(f"clusterdesk intake: {problem}；只按内置行政区划识别，不与登记的园区、企业、项目关联 "
              f"/ regions from the packaged table only, linking skipped", file=sys.stderr)
        gazetteer = _offline_gazetteer()
    result = analyse_text(raw, year=args.year, gazetteer=gazetteer, link=problem is None)
    normalized = result["normalized"]
    data = {"text": normalized.text,
            "entities": [e.as_dict(links=args.links) for e in result["entities"]],
            "removed_lines": list(normalized.removed_lines)}
    if normalized.translation:
        data["translation"] = normalized.translation
    if normalized.dateline:
        data["dateline"] = normalized.dateline
    if args.drafts:
        from clusterdesk.intake.drafts import draft_as_dict

        data["drafts"] = [draft_as_dict(d) for d in result["drafts"]]
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=None if args.compact else 2))
        return
    print(data["text"])
    for e in result["entities"]:
        value = "" if e.value is None else f" = {e.value}"
        print(f"  [{e.start}:{e.end}] {e.type:<10} {e.text}{value}")


def add_subcommands(sub) -> None:
    """Register import, export, template and intake on the `clusterdesk` parser."""
    imp = sub.add_parser("import", help="import an Excel list (.xlsx): validate, then write in one transaction")
    imp.add_argument("kind", help="parks, enterprises, projects, users, scopes, … (see `clusterdesk template -h`)")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="validate and show what would change; write nothing")
    imp.add_argument("--user", help="import as this user (default: the first administrator)")
    imp.add_argument("--max-errors", type=int, default=200)
    imp.add_argument("--no-progress", action="store_true")
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", help="export a kind of record to .xlsx with the import headers")
    exp.add_argument("kind")
    exp.add_argument("file")
    exp.add_argument("--user", help="export what this user may see (default: the first administrator)")
    exp.add_argument("--no-progress", action="store_true")
    exp.set_defaults(func=cmd_export)

    tpl = sub.add_parser("template", help="write the .xlsx import template of a kind")
    tpl.add_argument("kind")
    tpl.add_argument("file")
    tpl.set_defaults(func=cmd_template)

    txt = sub.add_parser("intake", help="normalise a news item or briefing and list its entities")
    txt.add_argument("file", help="a UTF-8 text file, or - for standard input")
    txt.add_argument("--json", action="store_true", help="print one JSON object: text and entities")
    txt.add_argument("--year", type=int, help="year of dates written without one when the article has no date line "
                                                "of its own (default: this year)")
    txt.add_argument("--links", action="store_true", help="add the link of each entity (match, key, score)")
    txt.add_argument("--drafts", action="store_true", help="add the draft visits/meetings and tasks")
    txt.add_argument("--compact", action="store_true", help="JSON on one line")
    txt.add_argument("--encoding", default="utf-8")
    txt.set_defaults(func=cmd_intake)
