"""`build_demo`: generate the demonstration province (湖南省) into the configured database."""

from django.core.management.base import BaseCommand, CommandError

from clusterdesk.demo.generator import SCALES, DemoDataError, build_demo


class Command(BaseCommand):
    help = "Generate the demonstration province reproducibly from a seed (生成演示数据)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            default="quick",
            help="quick: 4 cities, 2,000 enterprises; province: 14 cities, 200,000 enterprises",
        )
        parser.add_argument("--seed", type=int, default=2026, help="the same seed gives the same data")
        parser.add_argument("--force", action="store_true", help="delete existing demo data and rebuild")
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args, scale: str, seed: int, force: bool, no_progress: bool = False, **options) -> None:
        verbose = options.get("verbosity", 1) > 0
        try:
            result = build_demo(scale=scale, seed=seed, force=force, progress=not no_progress and verbose,
                                report=self._phase if verbose else None)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(result["message"])
        if result["created"]:
            for name, count in result["counts"].items():
                self.stdout.write(f"  {name:<20} {count:>10,}")
            self.stdout.write(f"  {'seconds':<20} {result['seconds']:>10}")
            self.stdout.write(f"  {'CPU seconds':<20} {result['cpu_seconds']:>10}")
            self.stdout.write(f"  {'peak memory (MiB)':<20} {result['peak_memory_mb']:>10,}")

    def _phase(self, line: str) -> None:
        """One phase's wall and CPU seconds, as it ends (the output is flushed, for a log read while it runs)."""
        self.stdout.write(f"阶段 phase  {line}")
        self.stdout.flush()
