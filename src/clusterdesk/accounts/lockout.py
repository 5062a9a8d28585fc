"""Sign-in throttling on top of django-axes: per user name and address, and per address over all user names.

Axes counts failures per (user name, address) and locks that pair at ``AXES_FAILURE_LIMIT``. One address trying
many user names stays under that limit for each of them, so this handler also sums the failures of the address
over every user name within the cool-off time and locks the address (every user name tried from it, the right
password included) at ``CLUSTERDESK_LOGIN_ADDRESS_FAILURE_LIMIT``, a separate and higher threshold (offices share
one address behind their gateway). A successful sign-in still clears only its own user name's failures.

Behind a reverse proxy every request comes from the proxy's address: ``CLUSTERDESK_TRUSTED_PROXIES`` (the number
of proxies in front) makes `client_address` read the client from ``X-Forwarded-For`` instead.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

__all__ = ["AddressLimitAxesHandler", "address_failures", "client_address"]


def address_failures(request) -> int:
    """Failed sign-ins from the request's address within the cool-off time, over every user name."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address,
                                            attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AddressLimitAxesHandler(AxesDatabaseHandler):
    """Axes' database handler, also locked when the address alone reached its own limit."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        limit = settings.CLUSTERDESK_LOGIN_ADDRESS_FAILURE_LIMIT
        if limit and request.axes_ip_address and address_failures(request) >= limit:
            # Reported as at least the per-user limit: that is the number axes compares to decide a lock.
            return max(failures, get_failure_limit(request, credentials))
        return failures


def client_address(request) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or with N trusted proxies the N-th address from the right of
    ``X-Forwarded-For`` (each proxy appends the address it received the request from)."""
    proxies = settings.CLUSTERDESK_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
