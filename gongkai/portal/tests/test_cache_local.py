"""The per-worker shortcuts of the page cache never serve an old version: a version token replaced by
another worker (simulated by writing the shared file cache directly) is seen at once."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from gongkai.portal import cache as page_cache


@pytest.fixture
def file_cache(tmp_path):
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": str(tmp_path)}}):
        yield


def test_a_token_replaced_by_another_worker_is_seen_at_once(file_cache):
    first = page_cache.version("7")
    assert page_cache.version("7") == first  # now remembered with its file's stamp
    # Another worker bumps the version: it rewrites the file, not this process's memory.
    cache.set(page_cache._version_key("7"), "token-of-the-other-worker", timeout=None)
    assert page_cache.version("7") == "token-of-the-other-worker"


def test_an_evicted_token_is_replaced_by_a_new_one(file_cache):
    first = page_cache.version("8")
    cache.delete(page_cache._version_key("8"))
    assert page_cache.version("8") not in (first, None)


def test_a_bump_in_this_process_changes_the_page_key(file_cache, county):
    town = county["town"]
    before = page_cache.version(str(town.pk))
    page_cache.public_changed(town)
    assert page_cache.version(str(town.pk)) != before


def test_the_memo_of_paths_stays_small_whatever_paths_are_asked_for():
    """A request line may be 64 KB long: ten thousand of them must not be remembered."""
    page_cache._scopes.clear()
    for n in range(300):
        assert page_cache._scope_of(f"/{n}/" + "a" * 60_000) is None
    assert sum(len(path) for path in page_cache._scopes) < 1_000_000


def test_the_memo_of_version_tokens_is_bounded(file_cache, monkeypatch):
    """/agencies/<any number>/ asks for that agency's token: the memo of tokens must not grow with them."""
    monkeypatch.setattr(page_cache, "_SCOPES_KEPT", 50)
    for n in range(200):
        page_cache.version(str(10_000 + n))
    assert len(page_cache._tokens_seen) <= 50 and len(page_cache._files) <= 50


def test_a_token_written_just_now_is_read_again_not_trusted_by_its_stamp(file_cache, monkeypatch):
    """Two more bumps within the same timestamp tick could leave an identical (inode, mtime, size)
    stamp; a freshly written token is therefore read from its file until it has settled."""
    page_cache.version("9")  # creates the token
    first = page_cache.version("9")  # reads it with its file's stamp
    key = page_cache._version_key("9")
    stamp = page_cache._stamp(key)
    cache.set(key, "token-of-the-other-worker", timeout=None)
    # The worst case: the new file has exactly the stamp of the one this process remembered.
    monkeypatch.setattr(page_cache, "_stamp", lambda k: stamp if k == key else None)
    assert first != "token-of-the-other-worker"
    assert page_cache.version("9") == "token-of-the-other-worker"
