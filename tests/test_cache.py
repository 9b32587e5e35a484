"""The validation cache: keyed by content, never trusted when stale or tampered, optional."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from partyintl.data import cache


def _write(path: Path, data: dict[str, Any]) -> bytes:
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    return raw


def _bad_file(tmp_path: Path, raw_data: dict[str, Any]) -> str:
    """A data file with one wrong country code; returns its cache key."""
    bad = json.loads(json.dumps(raw_data))
    bad["partners"][0]["country_code"] = "QQ"
    return cache.digest(_write(tmp_path / "bad.json", bad))


def test_marker_written_after_full_validation(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    cache_dir = tmp_path / "cache"
    raw = _write(tmp_path / "d.json", raw_data | {"contacts": []})
    env = {"PARTYINTL_CACHE_DIR": str(cache_dir)}
    assert run_cli("--data", str(tmp_path / "d.json"), "people", "--json", env=env).returncode == 0
    key = cache.digest(raw)
    marker = cache_dir / f"valid-{key}"
    assert marker.read_text() == f"{key} partyintl 0.1.0 rules {cache.RULES_REVISION}\n"


def test_changed_file_is_validated_again(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    env = {"PARTYINTL_CACHE_DIR": str(tmp_path / "cache")}
    path = tmp_path / "d.json"
    _write(path, raw_data)
    assert run_cli("--data", str(path), "partners", env=env).returncode == 0
    bad = json.loads(json.dumps(raw_data))
    bad["partners"][0]["country_code"] = "QQ"
    _write(path, bad)
    result = run_cli("--data", str(path), "partners", env=env)
    assert result.returncode == 1
    assert "'QQ' is not an ISO 3166-1 alpha-2 code" in result.stderr


def test_tampered_or_foreign_markers_are_ignored(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    key = _bad_file(tmp_path, raw_data)
    for content in (
        "",
        "garbage",
        f"{key} partyintl 0.0.1 rules 1\n",
        f"{key} partyintl 0.1.0 rules 0\n",
        "x" * 10_000,
    ):
        (cache_dir / f"valid-{key}").write_text(content)
        result = run_cli(
            "--data",
            str(tmp_path / "bad.json"),
            "partners",
            env={"PARTYINTL_CACHE_DIR": str(cache_dir)},
        )
        assert result.returncode == 1, content


def test_cache_is_optional(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    cache_dir = tmp_path / "cache"
    _write(tmp_path / "d.json", raw_data | {"contacts": []})
    env = {"PARTYINTL_CACHE_DIR": str(cache_dir), "PARTYINTL_NO_CACHE": "1"}
    assert run_cli("--data", str(tmp_path / "d.json"), "partners", env=env).returncode == 0
    assert not cache_dir.exists()
    unwritable = tmp_path / "file-not-dir"
    unwritable.write_text("")
    env = {"PARTYINTL_CACHE_DIR": str(unwritable / "sub")}
    result = run_cli("--data", str(tmp_path / "d.json"), "partners", "--json", env=env)
    assert (result.returncode, result.stderr) == (0, "")


def test_validate_always_checks_in_full(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    key = _bad_file(tmp_path, raw_data)
    # A forged marker (someone who can write the cache folder) fools the queries ...
    (cache_dir / f"valid-{key}").write_text(cache._marker(key)[1])
    env = {"PARTYINTL_CACHE_DIR": str(cache_dir)}
    assert run_cli("--data", str(tmp_path / "bad.json"), "countries", env=env).returncode == 0
    # ... but never `validate`, which checks every file in full.
    result = run_cli("validate", str(tmp_path / "bad.json"), env=env)
    assert result.returncode == 1
    assert "'QQ' is not an ISO 3166-1 alpha-2 code" in result.stderr


def _marker_text(key: str) -> str:
    from partyintl._version import __version__

    return f"{key} partyintl {__version__} rules {cache.RULES_REVISION}\n"


def test_a_marker_reached_through_a_symlink_is_ignored(
    tmp_path: Path, raw_data: dict[str, Any], monkeypatch: Any
) -> None:
    key = _bad_file(tmp_path, raw_data)
    folder = tmp_path / "cache"
    folder.mkdir()
    forged = tmp_path / "forged"
    forged.write_text(_marker_text(key), encoding="ascii")
    (folder / f"valid-{key}").symlink_to(forged)
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(folder))
    assert not cache.is_known_valid(key)
    (folder / f"valid-{key}").unlink()
    (folder / f"valid-{key}").write_text(_marker_text(key), encoding="ascii")
    assert cache.is_known_valid(key)  # the same content in a regular file counts


def test_a_fifo_marker_neither_blocks_nor_counts(
    tmp_path: Path, raw_data: dict[str, Any], monkeypatch: Any
) -> None:
    import os

    key = _bad_file(tmp_path, raw_data)
    os.mkfifo(tmp_path / f"valid-{key}")
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path))
    assert not cache.is_known_valid(key)


def test_a_temporary_marker_never_follows_a_symlink(
    tmp_path: Path, raw_data: dict[str, Any], monkeypatch: Any
) -> None:
    import os

    key = _bad_file(tmp_path, raw_data)
    victim = tmp_path / "victim"
    victim.write_text("keep", encoding="ascii")
    (tmp_path / f"valid-{key}.{os.getpid()}.tmp").symlink_to(victim)
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path))
    cache.remember(key)
    assert victim.read_text(encoding="ascii") == "keep"


def test_a_relative_home_or_cache_is_never_used(tmp_path: Path, raw_data: dict[str, Any]) -> None:
    env = {"HOME": "rel-home", "XDG_CACHE_HOME": "", "PARTYINTL_CACHE_DIR": ""}
    path = tmp_path / "d.json"
    _write(path, raw_data | {"contacts": []})
    assert run_cli("--data", str(path), "people", env=env, cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]
    env = {"HOME": str(tmp_path / "no-such-home"), "XDG_CACHE_HOME": "", "PARTYINTL_CACHE_DIR": ""}
    assert run_cli("--data", str(path), "people", env=env).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]


#: Cache folders no one but their user may arrange, and how each is spoilt.
UNSAFE_FOLDERS = ("a link to a folder", "0777", "0770", "0702", "another user's", "a file")


def _unsafe_folder(tmp_path: Path, shape: str) -> tuple[Path, Path]:
    """The cache folder in that shape, and where its content would land."""
    import os

    folder = tmp_path / "xdg" / "partyintl"
    folder.parent.mkdir()
    if shape == "a link to a folder":
        target = tmp_path / "elsewhere"
        target.mkdir(mode=0o700)
        folder.symlink_to(target)
        return folder, target
    if shape == "a file":
        folder.write_text("", encoding="ascii")
        return folder, tmp_path / "nowhere"
    folder.mkdir()
    if shape == "another user's":
        os.chown(folder, os.geteuid() + 4242, -1)
        folder.chmod(0o755)
    else:
        folder.chmod(int(shape, 8))
    return folder, folder


@pytest.mark.parametrize("shape", UNSAFE_FOLDERS)
@pytest.mark.parametrize("through", ["XDG_CACHE_HOME", "PARTYINTL_CACHE_DIR"])
def test_a_cache_folder_others_may_arrange_is_not_used(
    tmp_path: Path, raw_data: dict[str, Any], shape: str, through: str
) -> None:
    """A linked cache folder was written through (mode 755 wherever it led), and a marker
    in a folder others may write into would let them pass an invalid file as valid."""
    import os

    if shape == "another user's" and os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user")
    folder, lands = _unsafe_folder(tmp_path, shape)
    where = str(folder.parent) if through == "XDG_CACHE_HOME" else str(folder)
    env = {"XDG_CACHE_HOME": "", "PARTYINTL_CACHE_DIR": "", through: where}
    path = tmp_path / "d.json"
    raw = _write(path, raw_data | {"contacts": []})
    first = run_cli("--data", str(path), "people", "--json", env=env)
    assert (first.returncode, first.stderr) == (0, "")
    assert run_cli("--data", str(path), "people", "--json", env=env).stdout == first.stdout
    assert not lands.is_dir() or list(lands.iterdir()) == []
    if lands.is_dir():  # a marker planted there is not trusted either
        key = cache.digest(raw)
        (lands / f"valid-{key}").write_text(_marker_text(key), encoding="ascii")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("XDG_CACHE_HOME", env["XDG_CACHE_HOME"])
            patch.setenv("PARTYINTL_CACHE_DIR", env["PARTYINTL_CACHE_DIR"])
            assert cache.cache_dir() is None
            assert not cache.is_known_valid(key)


def test_a_private_cache_folder_is_used_and_one_made_is_private(
    tmp_path: Path, raw_data: dict[str, Any]
) -> None:
    import stat

    path = tmp_path / "d.json"
    _write(path, raw_data | {"contacts": []})
    (tmp_path / "xdg").mkdir()
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "PARTYINTL_CACHE_DIR": ""}
    assert run_cli("--data", str(path), "people", "--json", env=env).returncode == 0
    made = tmp_path / "xdg" / "partyintl"
    assert stat.S_IMODE(made.stat().st_mode) == 0o700 and list(made.iterdir()) != []


@settings(max_examples=30, deadline=None)
@given(
    indexed=st.sets(st.sampled_from("abcdef"), max_size=6),
    answered=st.sets(st.sampled_from("abcdef"), max_size=6),
)
def test_answer_records_of_an_evicted_index_are_removed(
    tmp_path_factory: pytest.TempPathFactory, indexed: set[str], answered: set[str]
) -> None:
    """The cache kept the answer records of indexes it had evicted: never read again,
    80 MB each for a 100,000-partner file. Those whose index is gone are removed; the
    others, and files being written, stay."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    digests = {c: c * 64 for c in "abcdef"}
    for c in indexed:
        (folder / f"index-{digests[c]}.sqlite").write_bytes(b"x")
    for c in answered:
        (folder / f"answers-{digests[c]}-json-4445.0").write_bytes(b"x")
        (folder / f"answers-{digests[c]}-json-4445.0.123.tmp").write_bytes(b"x")
    old = os.environ.get("PARTYINTL_CACHE_DIR")
    os.environ["PARTYINTL_CACHE_DIR"] = str(folder)
    try:
        cache.prune_orphans("answers-", "index-")
    finally:
        if old is None:
            del os.environ["PARTYINTL_CACHE_DIR"]
        else:
            os.environ["PARTYINTL_CACHE_DIR"] = old
    left = {p.name for p in folder.iterdir() if p.name.startswith("answers-")}
    assert left == {
        name
        for c in answered
        for name in (
            f"answers-{digests[c]}-json-4445.0",
            f"answers-{digests[c]}-json-4445.0.123.tmp",
        )
        if c in indexed or name.endswith(".tmp")
    }
