"""Fixtures for every test: nothing a test runs may write into the real user cache folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def verdict_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point $SELARAS_CACHE at a session folder, so `selaras check` in tests caches there.

    Session-scoped so that it is in place before session fixtures that run the CLI.
    """
    folder = tmp_path_factory.mktemp("selaras-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SELARAS_CACHE", str(folder / "verdicts.sqlite3"))
        yield


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles whose claims were really extracted in the test (not taken from
    a cache), in order."""
    import claims.extract

    done: list[str] = []
    real = claims.extract.extract_claims

    def counting(clean, **options):  # type: ignore[no-untyped-def]
        done.append(clean.article.id)
        return real(clean, **options)

    monkeypatch.setattr(claims.extract, "extract_claims", counting)
    return done
