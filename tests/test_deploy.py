"""Production settings pass Django's deployment checks."""

import os
import subprocess
import sys

import pytest


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "clusterdesk.config.settings.prod",
           "CLUSTERDESK_SECRET_KEY": "x" * 20 + "-long-random-production-secret-value-0123456789",
           "CLUSTERDESK_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("command", [["-m", "clusterdesk.cli", "serve"], ["-m", "clusterdesk.cli", "migrate"],
                                     ["-m", "django", "check"]], ids=["serve", "migrate", "django-check"])
def test_production_settings_without_a_secret_key_say_so_in_one_line(tmp_path, command):
    """Issue 16 item 7: one line naming the variable and how to make a key, a non-zero status, no traceback."""
    env = {k: v for k, v in os.environ.items() if k != "CLUSTERDESK_SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="clusterdesk.config.settings.prod", CLUSTERDESK_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, *command], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "CLUSTERDESK_SECRET_KEY" in lines[0] and "secrets.token_urlsafe" in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing written to the data directory (no key file)


def test_production_redirects_to_https_except_healthz(tmp_path):
    """Probes on the loopback address speak plain HTTP: /healthz answers them; every other page redirects."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "clusterdesk.config.settings.prod",
           "CLUSTERDESK_SECRET_KEY": "k" * 50, "CLUSTERDESK_DATA_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    code = ("import django; django.setup(); from django.test import Client; c = Client(HTTP_HOST='127.0.0.1');"
            "print(c.get('/healthz').status_code, c.get('/login/').status_code)")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["503", "301"], result.stderr  # 503: this database is not migrated


@pytest.mark.django_db
def test_models_and_migrations_agree():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
