"""Production: secrets and hosts from the environment, HTTPS enforced, PostgreSQL expected.

`python -m django check --deploy --settings=clusterdesk.config.settings.prod` is clean.
"""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["CLUSTERDESK_SECRET_KEY"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("CLUSTERDESK_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("CLUSTERDESK_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
