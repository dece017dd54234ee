"""Which target URLs a webhook may post to: HTTPS to public addresses only, so that a subscription cannot be used to
reach the server's own network (SSRF). Plain HTTP and loopback addresses are for tests and local demos only."""

import ipaddress
from urllib.parse import urlsplit

# IPv6 ranges that carry an IPv4 address in their last 32 bits and reach it: NAT64 (the well-known and the local-use
# prefix) and the deprecated IPv4-compatible addresses. 6to4 (2002::/16) carries it in bits 16-48.
_NAT64_AND_COMPATIBLE = tuple(ipaddress.ip_network(net) for net in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96"))


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address `text` names; for an IPv6 address embedding an IPv4 one (mapped, 6to4, NAT64, compatible), the
    IPv4 address it reaches, so that `[64:ff9b::a00:5]` is judged as 10.0.0.5."""
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if ip.version == 4:
        return ip
    if embedded := ip.ipv4_mapped or ip.sixtofour:
        return embedded
    if int(ip) > 1 and any(ip in net for net in _NAT64_AND_COMPATIBLE):  # not :: nor ::1
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def address_refusal(address: str, allow_loopback: bool = False) -> str | None:
    """Why the IP `address` may not be posted to (`private`, `loopback`, `malformed`), or None when it may."""
    ip = _ip(address)
    if ip is None:
        return "malformed"
    if ip.is_loopback:
        return None if allow_loopback else "loopback"
    if not ip.is_global or ip.is_multicast:
        return "private"
    return None


def url_refusal(url: str, allow_loopback: bool = False) -> str | None:
    """Why `url` is not an acceptable target (`malformed`, `credentials`, `loopback`, `private`, `not_https`), or
    None. A host name is checked again on each of its addresses when sending."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "malformed"
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("https", "http") or not host or port == 0 or not url.isascii() or " " in url:
        return "malformed"
    if parts.username or parts.password:
        return "credentials"
    ip = _ip(host)
    loopback = host == "localhost" or host.endswith(".localhost") or (ip is not None and ip.is_loopback)
    if loopback and not allow_loopback:
        return "loopback"
    if ip is not None and not loopback and (refusal := address_refusal(host)):
        return refusal
    if parts.scheme == "http" and not loopback:
        return "not_https"
    return None
