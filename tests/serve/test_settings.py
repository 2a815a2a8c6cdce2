"""Safe defaults: loopback unless a token (or an explicit --insecure) says otherwise, and the
command line refuses an exposed server before it loads anything."""

from __future__ import annotations

import pytest

from checker.cli import EXIT_ERROR, main
from checker.errors import ConfigError
from checker.serve.middleware import bearer_matches, hostname
from checker.serve.settings import Limits, ServeSettings, is_loopback

from .conftest import TOKEN


def test_defaults_listen_on_loopback_only() -> None:
    settings = ServeSettings()
    assert settings.host == "127.0.0.1" and settings.token is None
    assert "attacker.example" not in settings.allowed_hosts


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "checker.newsroom.example"])
def test_exposed_host_needs_a_token_or_insecure(host: str) -> None:
    with pytest.raises(ConfigError, match="--token"):
        ServeSettings(host=host)
    assert ServeSettings(host=host, token=TOKEN).allowed_hosts == ("*",)
    assert ServeSettings(host=host, insecure=True).token is None


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_short_token_and_bad_limits_are_refused() -> None:
    with pytest.raises(ConfigError, match="16 characters"):
        ServeSettings(token="abc")
    with pytest.raises(ConfigError, match="max_articles"):
        Limits(max_articles=0)
    with pytest.raises(ConfigError, match="workers"):
        ServeSettings(workers=0)


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        (f"Bearer {TOKEN}", True),
        (f"bearer {TOKEN}", True),
        (f"Bearer {TOKEN[:-1]}", False),
        (f"Basic {TOKEN}", False),
        (TOKEN, False),
        ("", False),
        (None, False),
    ],
)
def test_bearer_matches(header: str | None, ok: bool) -> None:
    assert bearer_matches(header, TOKEN.encode()) is ok


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("127.0.0.1:8765", "127.0.0.1"),
        ("LOCALHOST", "localhost"),
        ("[::1]:8765", "[::1]"),
        ("[::1]", "[::1]"),
    ],
)
def test_hostname_drops_the_port(host: str, name: str) -> None:
    assert hostname(host) == name


def test_command_line_refuses_an_exposed_server_without_a_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SELARAS_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == EXIT_ERROR
    error = capsys.readouterr().err
    assert "--token" in error and "loading" not in error  # refused before the model loads
