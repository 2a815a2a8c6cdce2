"""The service's settings: where it listens, who may call it, and the limits of one request.

Safe by default: it listens on loopback only, and listening anywhere else needs a bearer token
(or an explicit ``insecure``), because the service runs a CPU-heavy model for whoever asks.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from checker.errors import ConfigError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may ask for; over a limit is a 413 (size) or a 504 (time)."""

    max_body_bytes: int = 2_000_000  # a draft and twenty long sources are well under 1 MB
    max_articles: int = 50  # sources and draft together
    time_limit: float = 120.0  # seconds of work per check, queue wait not counted

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_articles", "time_limit"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"serve: {name} must be positive, got {getattr(self, name)!r}")


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How the service runs. ``workers`` checks run at once; ``queue`` more may wait."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None  # a bearer token every API call must carry
    insecure: bool = False  # listen beyond loopback without a token, knowingly
    workers: int = 1
    queue: int = 16
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        if self.workers < 1 or self.queue < 0:
            raise ConfigError(
                f"serve: workers must be ≥ 1 and queue ≥ 0, got {self.workers}, {self.queue}"
            )
        if self.token is not None and len(self.token) < 16:
            raise ConfigError("serve: the token must be at least 16 characters (use a random one)")
        if not is_loopback(self.host) and self.token is None and not self.insecure:
            raise ConfigError(
                f"serve: listening on {self.host} exposes the service beyond this machine; "
                "give --token (or $SELARAS_TOKEN), or --insecure if a proxy in front checks callers"
            )

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        """Host headers accepted: loopback names when listening on loopback, so a web page
        cannot reach the service through a DNS name rebound to 127.0.0.1; any otherwise."""
        if is_loopback(self.host):
            return ("localhost", "127.0.0.1", "[::1]", "::1")
        return ("*",)


def is_loopback(host: str) -> bool:
    """``host`` is a loopback name or address (an interface only this machine reaches)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
