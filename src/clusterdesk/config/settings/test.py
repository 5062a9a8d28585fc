"""Test settings: fast hashing, strict change context. DATABASE_URL selects SQLite or PostgreSQL."""

import os

from .base import *  # noqa: F403
from .base import CLUSTERDESK, DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Review (填报 → 审核 → 上报) is off: the suite's fixtures file reports and figures and test what they make; the
# review tests switch it on with the ``review_required`` fixture (conftest.py).
CLUSTERDESK = {**CLUSTERDESK, "STRICT_CHANGE_CONTEXT": True, "REVIEW": {"REQUIRED": False}}
if "DATABASE_URL" not in os.environ:
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": None}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
AXES_FAILURE_LIMIT = 5
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the SMTP test sets its own
