"""Production: secrets and hosts from the environment, HTTPS enforced, PostgreSQL expected.

`python -m django check --deploy --settings=clusterdesk.config.settings.prod` is clean.
"""

import os

# Checked before the base settings load, so that nothing (such as a key file in the data directory) is written first.
if not os.environ.get("CLUSTERDESK_SECRET_KEY", "").strip():
    raise SystemExit(
        "clusterdesk: 生产配置需要环境变量 CLUSTERDESK_SECRET_KEY / production settings need CLUSTERDESK_SECRET_KEY; "
        "make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'")

from .base import *  # noqa: E402, F403

DEBUG = False
SECRET_KEY = os.environ["CLUSTERDESK_SECRET_KEY"].strip()
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("CLUSTERDESK_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes on the loopback address speak plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("CLUSTERDESK_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
# Production mail: both TLS flavours cannot be on at once (Django refuses it only when sending).
if EMAIL_USE_TLS and EMAIL_USE_SSL:  # noqa: F405
    raise SystemExit("clusterdesk: CLUSTERDESK_EMAIL_USE_TLS 与 CLUSTERDESK_EMAIL_USE_SSL 只能二选一 / "
                     "set only one of CLUSTERDESK_EMAIL_USE_TLS and CLUSTERDESK_EMAIL_USE_SSL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405
