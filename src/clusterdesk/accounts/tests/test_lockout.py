"""Sign-in throttling (issue 16 item 8): per user name and address, and per address over all user names.

And what a lock does to API tokens: nothing. The lock stops password guessing on the sign-in form; anyone can set it
off for any user name, so it cannot be what cuts an account off. Deactivating the account does (README, Deploying).
"""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from clusterdesk.accounts.lockout import client_address
from clusterdesk.accounts.services import api_token_create
from clusterdesk.testing import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER, OFFICE = "10.6.6.6", "10.7.7.7"


def _sign_in(client, username, password, address):
    return client.post(reverse("web:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _spray(client, address, names, per_name):
    """Wrong passwords; the attempt that reaches a limit is itself answered 429."""
    return [_sign_in(client, name, "wrong-password", address).status_code for name in names for _ in range(per_name)]


def test_48_failures_over_12_user_names_from_one_address_lock_the_address(client, world):
    """The finding: 4 failures for each of 12 names stay under the per-name limit of 5 and locked nothing."""
    answers = _spray(client, ATTACKER, [f"guess{i}" for i in range(12)], 4)
    assert answers[:19] == [200] * 19 and set(answers[19:]) == {429}  # locked at the 20th failure
    locked = _sign_in(client, "city", PASSWORD, ATTACKER)
    assert locked.status_code == 429
    assert "本地址登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert _sign_in(client, "city", PASSWORD, OFFICE).status_code == 302  # other addresses are not affected


def test_the_address_limit_is_separate_and_higher_than_the_per_name_one(client, world, settings):
    assert settings.CLUSTERDESK_LOGIN_ADDRESS_FAILURE_LIMIT == 20 and settings.AXES_FAILURE_LIMIT == 5
    assert set(_spray(client, OFFICE, [f"typo{i}" for i in range(4)], 4)) == {200}  # 16: an office's typing
    assert _sign_in(client, "city", PASSWORD, OFFICE).status_code == 302
    client.logout()
    assert _spray(client, ATTACKER, ["county"], 5) == [200] * 4 + [429]  # the per-name limit, on its own
    assert _sign_in(client, "county", PASSWORD, ATTACKER).status_code == 429
    assert _sign_in(client, "city", PASSWORD, ATTACKER).status_code == 302  # 5 failures do not lock the address


def test_the_address_limit_is_configurable(client, world):
    with override_settings(CLUSTERDESK_LOGIN_ADDRESS_FAILURE_LIMIT=6):
        _spray(client, ATTACKER, ["a", "b", "c"], 2)
        assert _sign_in(client, "city", PASSWORD, ATTACKER).status_code == 429


def test_a_locked_account_keeps_its_tokens_and_sessions_and_a_deactivated_one_loses_both(client, world):
    from django.test import Client

    user = world.users["city"]
    _token, key = api_token_create(user=user)
    office = Client()
    assert _sign_in(office, "city", PASSWORD, OFFICE).status_code == 302
    _spray(client, ATTACKER, ["city"], 5)
    assert _sign_in(client, "city", PASSWORD, ATTACKER).status_code == 429
    assert client.get("/api/parks/parks/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert office.get("/projects/").status_code == 200  # signed in before the lock: still signed in
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/parks/parks/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert office.get("/projects/").status_code == 302  # back to the sign-in page


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "1.1.1.1", "192.0.2.1"),                 # no proxy trusted: the header is the client's to forge
    (1, "1.1.1.1, 198.51.100.7", "198.51.100.7"),  # one proxy: the address it saw, not what the client wrote
    (2, "1.1.1.1, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
    (2, "198.51.100.7", "192.0.2.1"),            # fewer entries than proxies: the peer's address
])
def test_the_client_address_behind_trusted_proxies(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(CLUSTERDESK_TRUSTED_PROXIES=proxies):
        assert client_address(request) == expected


def test_behind_a_proxy_the_lock_follows_the_client_not_the_proxy(client, world):
    with override_settings(CLUSTERDESK_TRUSTED_PROXIES=1, CLUSTERDESK_LOGIN_ADDRESS_FAILURE_LIMIT=6):
        for i in range(6):  # the attacker varies what it forges; the proxy appends its real address
            client.post(reverse("web:login"), {"username": f"n{i}", "password": "x"}, REMOTE_ADDR="127.0.0.1",
                        HTTP_X_FORWARDED_FOR=f"9.9.9.{i}, {ATTACKER}")
        other = client.post(reverse("web:login"), {"username": "city", "password": PASSWORD},
                            REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
        assert other.status_code == 302
        client.logout()
        locked = client.post(reverse("web:login"), {"username": "city", "password": PASSWORD},
                             REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)
        assert locked.status_code == 429
