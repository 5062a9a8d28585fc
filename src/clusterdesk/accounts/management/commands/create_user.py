"""Create a user with a role and a scope from the command line."""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from clusterdesk.accounts.roles import Role
from clusterdesk.accounts.scoping import scope_model
from clusterdesk.accounts.services import user_create
from clusterdesk.changelog.context import change_context


class Command(BaseCommand):
    help = "Create a user. Roles: " + ", ".join(Role.values)

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password")
        parser.add_argument("--full_name", default="")
        parser.add_argument("--region", action="append", default=[], help="GB/T 2260 code (repeatable)")
        parser.add_argument("--park", action="append", default=[], help="park name (repeatable)")
        parser.add_argument("--enterprise", action="append", default=[],
                            help="enterprise credit code (USCC; repeatable); an enterprise user takes exactly one")

    def handle(self, *args, username, role, password=None, full_name="", region=(), park=(),
               enterprise=(), **options):
        regions = list(scope_model("scope_regions").objects.filter(code__in=region))
        missing = set(region) - {r.code for r in regions}
        if missing:
            codes = ", ".join(sorted(missing))
            raise CommandError(f"unknown region code(s): {codes} — run `clusterdesk load-refdata`?")
        parks = list(scope_model("scope_parks").objects.filter(name__in=park))
        if len(parks) != len(set(park)):
            raise CommandError(f"unknown park name(s): {', '.join(sorted(set(park) - {p.name for p in parks}))}")
        codes = {code.upper() for code in enterprise}
        enterprises = list(scope_model("scope_enterprises").objects.filter(uscc__in=codes))
        if len(enterprises) != len(codes):
            unknown = ", ".join(sorted(codes - {e.uscc for e in enterprises}))
            raise CommandError(f"unknown enterprise credit code(s): {unknown}")
        if not password:
            password = getpass.getpass("Password: ")
        try:
            with change_context(actor=None, source="cli", message="create user"):
                user = user_create(username=username, password=password, role=role, full_name=full_name,
                                   regions=regions, parks=parks, enterprises=enterprises)
        except ValidationError as exc:  # the field named, in one line each
            raise CommandError("；".join(f"{field}: {' '.join(messages)}"
                                        for field, messages in exc.message_dict.items())) from None
        self.stdout.write(f"created {user.username} ({user.get_role_display()})")
