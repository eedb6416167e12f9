"""THE client address of a request: login lockout (django-axes), rate limits and audit rows use it.

Behind a reverse proxy every request comes from the proxy. The proxy appends the address it saw to
X-Forwarded-For, so the header reads "what the client claimed, …, what each proxy saw". Only the
entries added by proxies we trust are facts: walk the header from the right, skip our own proxies,
and the first address that is not one of them is the client. With no trusted proxies configured
(`GONGKAI_TRUSTED_PROXIES` empty) the header is ignored and the peer address is the client.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in spec if s.strip())


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ())))


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in net for net in networks)


def client_address(request) -> str:
    """The address of the client that sent `request`, as a string ("" when the peer is unknown)."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_proxies()
    current = _parse(peer)
    if current is None or not networks or not _is_trusted(current, networks):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([e for e in forwarded.split(",") if e.strip()]):
        address = _parse(entry)
        if address is None:  # garbage can only come from the client: stop at the last proxy
            break
        current = address
        if not _is_trusted(current, networks):
            break
    return str(current)
