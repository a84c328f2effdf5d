"""Which endpoint addresses a production server refuses."""

from __future__ import annotations

import pytest

from tendlc.config import Settings
from tendlc.webhooks.addresses import address_problem, private_allowed


def fake_dns(table):
    return lambda host: table.get(host, [])


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.9.9.9:8080/x", "http://localhost:8000/", "http://LOCALHOST/",
    "http://foo.localhost/", "http://10.0.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
    "http://169.254.169.254/", "http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/", "http://[fc00::1]/",
    "http://[::ffff:10.0.0.1]/", "http://224.0.0.1/", "http://100.64.1.1/",
])
def test_private_literals_are_refused(url):
    problem = address_problem(url, allow_private=False, resolve=fake_dns({}))
    assert problem is not None and "TENDLC_WEBHOOK_ALLOW_PRIVATE" in problem


@pytest.mark.parametrize("url", ["https://93.184.215.14/hook", "http://[2606:4700:4700::1111]/", "http://8.8.8.8:8080/"])
def test_public_literals_are_allowed(url):
    assert address_problem(url, allow_private=False, resolve=fake_dns({})) is None


def test_names_are_judged_by_what_they_resolve_to():
    dns = fake_dns({"internal.example": ["10.0.0.5"], "public.example": ["93.184.215.14"],
                    "mixed.example": ["93.184.215.14", "127.0.0.1"], "rebind.example": ["::ffff:169.254.169.254"]})
    assert "internal.example resolves to 10.0.0.5" in address_problem("https://internal.example/h", allow_private=False,
                                                                      resolve=dns)
    assert address_problem("https://public.example/h", allow_private=False, resolve=dns) is None
    assert address_problem("https://mixed.example/h", allow_private=False, resolve=dns) is not None
    assert address_problem("https://rebind.example/h", allow_private=False, resolve=dns) is not None
    # A name that does not resolve now is let through (sending will fail and be retried).
    assert address_problem("https://nowhere.example/h", allow_private=False, resolve=dns) is None


def test_allowing_private_addresses():
    assert address_problem("http://127.0.0.1/", allow_private=True) is None
    assert not private_allowed(Settings(webhook_allow_private=False, sandbox=False))
    assert private_allowed(Settings(webhook_allow_private=True))
    assert private_allowed(Settings(sandbox=True))
