"""Path safety of reading: argmap.formats.files, the one place input files are opened."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from argmap.errors import ArgmapError, LimitError, SourceError
from argmap.formats.files import check_inside, decode, read_bytes, read_text
from argmap.model import Location


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "s.txt").write_text("inside\n", encoding="utf-8")
    (tmp_path / "secret.env").write_text("password hunter2\n", encoding="utf-8")
    return root


def test_file_inside_root_is_read(tree: Path) -> None:
    assert read_text(tree / "s.txt", root=tree) == "inside\n"
    sub = tree / "sub"
    sub.mkdir()
    assert read_text(sub / ".." / "s.txt", root=tree) == "inside\n"


@pytest.mark.parametrize("name", ["../secret.env", "ABS"])
def test_path_escaping_root_is_refused_with_location(tree: Path, name: str) -> None:
    path = tree.parent / "secret.env" if name == "ABS" else tree / name
    where = Location("m.argdown", 3, 9)
    with pytest.raises(SourceError) as info:
        read_text(path, root=tree, location=where, what="source")
    assert info.value.location == where
    assert "outside" in info.value.message and "--allow-outside" in info.value.message
    assert "hunter2" not in str(info.value)


def test_symlink_out_of_root_is_refused(tree: Path) -> None:
    (tree / "link.txt").symlink_to(tree.parent / "secret.env")
    with pytest.raises(SourceError, match="outside"):
        read_text(tree / "link.txt", root=tree)
    (tree / "dirlink").symlink_to(tree.parent, target_is_directory=True)
    with pytest.raises(SourceError, match="outside"):
        read_text(tree / "dirlink" / "secret.env", root=tree)


def test_symlink_inside_root_is_followed(tree: Path) -> None:
    (tree / "alias.txt").symlink_to("s.txt")
    assert read_text(tree / "alias.txt", root=tree) == "inside\n"


def test_allow_outside_opts_in(tree: Path) -> None:
    secret = tree.parent / "secret.env"
    assert read_text(secret, root=tree, allow_outside=[tree.parent]) == "password hunter2\n"
    assert read_text(secret, root=tree, allow_outside=[secret]) == "password hunter2\n"
    other = tree.parent / "other"
    other.mkdir()
    with pytest.raises(SourceError):
        read_text(secret, root=tree, allow_outside=[other])


def test_no_root_means_no_containment(tree: Path) -> None:
    assert read_text(tree.parent / "secret.env", root=None) == "password hunter2\n"


@pytest.mark.parametrize("raw", ["s.txt\0x", "x" * 5000])
def test_bad_path_names_are_located_errors(tree: Path, raw: str) -> None:
    where = Location("m.argdown", 2, 1)
    with pytest.raises(SourceError) as info:
        read_text(tree / raw, root=tree, location=where)
    assert info.value.location == where


def test_missing_file_is_located(tree: Path) -> None:
    where = Location("m.argdown", 4, 2)
    with pytest.raises(SourceError, match="No such file") as info:
        read_text(tree / "nope.txt", root=tree, location=where)
    assert info.value.location == where


def test_directory_is_refused(tree: Path) -> None:
    with pytest.raises(SourceError, match="folder"):
        read_text(tree, root=tree.parent)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_before_reading(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    with pytest.raises(SourceError, match="device"):
        read_bytes(device)


def test_fifo_is_refused_without_blocking(tree: Path) -> None:
    fifo = tree / "pipe.txt"
    os.mkfifo(fifo)
    result: list[BaseException] = []

    def attempt() -> None:
        try:
            read_text(fifo, root=tree)
        except BaseException as exc:
            result.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(result[0], SourceError) and "FIFO" in str(result[0])


def test_size_cap_is_configurable(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tree / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(LimitError, match="ARGMAP_MAX_BYTES"):
        read_text(big, root=tree, max_bytes=1000)
    assert len(read_text(big, root=tree, max_bytes=4096)) == 2048
    monkeypatch.setenv("ARGMAP_MAX_BYTES", "100")
    with pytest.raises(LimitError):
        read_text(big, root=tree)
    assert issubclass(LimitError, ArgmapError)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_encodings_with_bom_decode_alike(encoding: str) -> None:
    text = "Qarabağ — “land”\r\nsecond\rthird\n"
    assert decode(text.encode(encoding)) == "Qarabağ — “land”\nsecond\nthird\n"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"first\nsecond \xff", (2, 8)),
        (b"a\r\nb\r\nc\xc3(", (3, 2)),
        (b"a\rb\rcc\xe2\x82", (3, 3)),
        ("one\ntwo".encode("utf-16") + b"\x00\xd8", (2, 4)),
        ("x\ny".encode("utf-32") + b"\xff\xff\xff\xff", (2, 2)),
    ],
)
def test_invalid_bytes_are_located_at_line_and_column(data: bytes, where: tuple[int, int]) -> None:
    with pytest.raises(SourceError) as info:
        decode(data, "f.argdown")
    loc = info.value.location
    assert loc is not None and (loc.path, loc.line, loc.column) == ("f.argdown", *where)


def test_nul_is_refused_with_location() -> None:
    with pytest.raises(SourceError, match="NUL") as info:
        decode("ab\ncd".encode("utf-16-le"), "u.txt")  # UTF-16 without a byte order mark
    assert info.value.location == Location("u.txt", 1, 2)


def test_line_ends_give_the_same_offsets() -> None:
    lf = decode(b"First line.\nSecond line says.\n")
    assert decode(b"First line.\r\nSecond line says.\r\n") == lf
    assert decode(b"First line.\rSecond line says.\r") == lf
    assert lf.index("Second") == 12


def test_check_inside_resolves(tree: Path) -> None:
    assert check_inside(tree / "s.txt", root=tree) == (tree / "s.txt").resolve()
