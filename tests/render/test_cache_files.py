"""Whole files in the output cache: trusted while they are as stored, hashed again (and dropped
when damaged) as soon as they are not."""
from __future__ import annotations

import os
from pathlib import Path

from bhxhpub.render.cache import OutputCache


def test_a_stored_file_is_served_with_its_digest_without_reading_it_again(tmp_path, monkeypatch):
    cache = OutputCache(tmp_path / "c")
    path, digest = cache.put_file("ab" * 32, b"%PDF-1.7 one commune")
    os.link(path, tmp_path / "published.pdf")  # the site's hard link changes nothing
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(AssertionError("read again")))
    assert cache.get_file("ab" * 32) == (path, digest)


def test_a_file_changed_in_place_is_hashed_again_and_dropped(tmp_path):
    cache = OutputCache(tmp_path / "c")
    path, _ = cache.put_file("cd" * 32, b"%PDF-1.7 one commune")
    os.link(path, tmp_path / "published.pdf")
    (tmp_path / "published.pdf").write_bytes(b"%PDF-1.7 one COMMUNE")  # same size, through the site's link
    assert cache.get_file("cd" * 32) is None
    assert not path.exists()


def test_a_file_with_its_old_bytes_back_is_still_served(tmp_path):
    cache = OutputCache(tmp_path / "c")
    path, digest = cache.put_file("ef" * 32, b"%PDF-1.7 one commune")
    path.write_bytes(b"%PDF-1.7 one commune")  # rewritten, same bytes: hashed again, and good
    assert cache.get_file("ef" * 32) == (path, digest)


def test_an_older_digest_file_without_identity_is_checked_by_hash(tmp_path):
    cache = OutputCache(tmp_path / "c")
    path, digest = cache.put_file("12" * 32, b"%PDF-1.7 one commune")
    path.with_name(path.name + ".sha256").write_text(digest, encoding="ascii")  # as earlier versions wrote it
    assert cache.get_file("12" * 32) == (path, digest)
    path.write_bytes(b"damaged")
    assert cache.get_file("12" * 32) is None
