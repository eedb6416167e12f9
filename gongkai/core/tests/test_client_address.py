"""The client address behind our proxy (issue 9, item 4): X-Forwarded-For counts only when a trusted
proxy added it, and login lockout uses that address."""

import pytest
from django.test import RequestFactory, override_settings

from gongkai.core.client_address import client_address

rf = RequestFactory()


def addr(remote: str, forwarded: str | None = None) -> str:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(rf.get("/", **extra))


@override_settings(GONGKAI_TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    assert addr("203.0.113.7", "198.51.100.1") == "203.0.113.7"


@override_settings(GONGKAI_TRUSTED_PROXIES=["127.0.0.1", "::1"])
def test_spoofed_header_from_an_untrusted_peer_is_ignored():
    # A client that talks to the application directly cannot choose its address.
    assert addr("203.0.113.7", "127.0.0.1") == "203.0.113.7"
    assert addr("203.0.113.7", "10.1.1.1, 198.51.100.1") == "203.0.113.7"


@override_settings(GONGKAI_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_behind_trusted_proxies_the_rightmost_untrusted_entry_is_the_client():
    # nginx appends what it saw; what the client wrote itself stays on the left and is ignored.
    assert addr("127.0.0.1", "198.51.100.1") == "198.51.100.1"
    assert addr("127.0.0.1", "6.6.6.6, 198.51.100.1") == "198.51.100.1"
    assert addr("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.2.3.4") == "198.51.100.1"
    assert addr("::ffff:127.0.0.1", "198.51.100.1") == "198.51.100.1"
    # Garbage can only come from the client: stop at the last proxy.
    assert addr("127.0.0.1", "not-an-address") == "127.0.0.1"
    assert addr("127.0.0.1", "") == "127.0.0.1"


LOGIN = "/admin/login/"


def fail(client, username: str, via: str):
    return client.post(
        LOGIN,
        {"username": username, "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=via,
    )


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, GONGKAI_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_one_client_cannot_lock_out_another(client, personas):
    for _ in range(6):
        fail(client, "xinxiyuan", "198.51.100.66")  # the attacker
    attacker = client.post(
        LOGIN,
        {"username": "xinxiyuan", "password": "Gongkai-test-2025"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.66",
    )
    assert attacker.status_code == 429
    owner = client.post(
        LOGIN,
        {"username": "xinxiyuan", "password": "Gongkai-test-2025"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert owner.status_code == 302  # the clerk, from another address, still gets in

    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, GONGKAI_TRUSTED_PROXIES=[])
def test_a_direct_client_cannot_escape_lockout_by_forging_the_header(client, personas):
    for n in range(6):
        fail(client, "xinxiyuan", f"198.51.100.{n}")
    again = client.post(
        LOGIN,
        {"username": "xinxiyuan", "password": "Gongkai-test-2025"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert again.status_code == 429
