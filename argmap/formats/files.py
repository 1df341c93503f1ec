"""Reading input files: the one place every command opens a map, comparison or source.

:func:`read_text` (and :func:`read_bytes` under it) apply the same rules everywhere:

* **Containment.** A file named *by another file* (an ``@include``, a map's source) must lie
  inside ``root``, the folder of the top-level file being processed, after symlinks are
  resolved: an absolute path, ``..`` or a symlink that leads out of it is refused, unless it
  lies inside one of the ``allow_outside`` folders the user named (``--allow-outside PATH``).
* **Regular files only.** Directories, devices (``/dev/zero``) and FIFOs are refused before
  anything is read, so nothing blocks or reads without end.
* **A size cap.** Files over ``max_bytes`` (:data:`DEFAULT_MAX_BYTES`, or the environment
  variable ``ARGMAP_MAX_BYTES``) are refused with a :class:`~argmap.errors.LimitError`.
* **One decoding.** UTF-8, with or without a byte order mark; UTF-16 and UTF-32 when they
  start with their byte order mark. Invalid bytes are reported at ``file:line:col``.
* **One line-end rule.** CRLF and a lone CR both become ``\\n``; offsets into the text are
  code points of the decoded, normalised text, the same in every command.

Errors never quote a file's content, so a refused or foreign file is not echoed.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     _ = (Path(d) / "a.txt").write_bytes(b"\\xef\\xbb\\xbfone\\r\\ntwo\\rthree")
...     read_text(Path(d) / "a.txt", root=Path(d))
'one\\ntwo\\nthree'
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from argmap.errors import LimitError, SourceError
from argmap.model import Location

__all__ = [
    "DEFAULT_MAX_BYTES",
    "check_inside",
    "decode",
    "default_max_bytes",
    "read_bytes",
    "read_text",
]

#: The largest file argmap reads unless told otherwise: 256 MiB. Set the environment variable
#: ``ARGMAP_MAX_BYTES`` (a number of bytes) or pass ``max_bytes`` to change it.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def default_max_bytes() -> int:
    """The size cap in force: ``ARGMAP_MAX_BYTES`` from the environment, else the default."""
    raw = os.environ.get("ARGMAP_MAX_BYTES", "").strip()
    if raw.isdigit() and len(raw) < 20:
        return int(raw)
    return DEFAULT_MAX_BYTES


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_inside(
    path: str | os.PathLike[str],
    *,
    root: Path | None,
    allow_outside: Sequence[str | os.PathLike[str]] = (),
    location: Location | None = None,
    what: str = "file",
) -> Path:
    """``path`` with symlinks resolved, if it lies inside ``root`` or one of the
    ``allow_outside`` folders (or ``root`` is None); else :class:`SourceError` at ``location``.

    >>> check_inside("/etc/passwd", root=Path("/tmp")).as_posix()
    Traceback (most recent call last):
    ...
    argmap.errors.SourceError: file /etc/passwd is outside /tmp; ...
    """
    raw = os.fspath(path)
    if "\0" in raw:
        raise SourceError(f"{what} path contains a NUL character", location)
    try:
        real = Path(raw).resolve()
    except (OSError, RuntimeError) as exc:  # symlink loops, names too long
        raise SourceError(f"cannot resolve {what} {raw}: {_reason(exc)}", location) from None
    if root is None:
        return real
    folders = [Path(root).resolve(), *(Path(os.fspath(a)).resolve() for a in allow_outside)]
    if any(_inside(real, folder) for folder in folders):
        return real
    raise SourceError(
        f"{what} {raw} is outside {folders[0]}; argmap reads only files under the folder of "
        "the file it was given (allow a folder with --allow-outside PATH, or allow_outside= "
        "in the API, or argmap_allow_outside in Sphinx)",
        location,
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc) or type(exc).__name__


def read_bytes(
    path: str | os.PathLike[str],
    *,
    root: Path | None = None,
    allow_outside: Sequence[str | os.PathLike[str]] = (),
    max_bytes: int | None = None,
    location: Location | None = None,
    what: str = "file",
) -> bytes:
    """The bytes of ``path`` under the rules of :func:`read_text` (all but decoding)."""
    raw = os.fspath(path)
    check_inside(raw, root=root, allow_outside=allow_outside, location=location, what=what)
    limit = default_max_bytes() if max_bytes is None else max_bytes
    try:
        info = os.stat(raw)
    except (OSError, ValueError) as exc:
        raise SourceError(f"cannot read {what} {raw}: {_reason(exc)}", location) from None
    _require_regular(info, raw, what, location)
    if info.st_size > limit:
        raise _too_big(raw, what, info.st_size, limit, location)
    try:
        # O_NONBLOCK: a FIFO swapped in after the test above does not block the open.
        fd = os.open(raw, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise SourceError(f"cannot read {what} {raw}: {_reason(exc)}", location) from None
    try:
        _require_regular(os.fstat(fd), raw, what, location)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_big(raw, what, total, limit, location)
    except OSError as exc:
        if exc.errno == errno.EAGAIN:
            raise SourceError(f"cannot read {what} {raw}: not a regular file", location) from None
        raise SourceError(f"cannot read {what} {raw}: {_reason(exc)}", location) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _require_regular(info: os.stat_result, raw: str, what: str, where: Location | None) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return
    kind = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise SourceError(f"cannot read {what} {raw}: it is {kind}, not a file", where)


def _too_big(raw: str, what: str, size: int, limit: int, where: Location | None) -> LimitError:
    return LimitError(
        f"{what} {raw} is {_size(size)}, over the limit of {_size(limit)}; raise it with "
        "the environment variable ARGMAP_MAX_BYTES (a number of bytes) or max_bytes= in the API",
        where,
    )


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _location(path: str, text: str) -> Location:
    """The location just after ``text`` (a decoded prefix of the file at ``path``)."""
    text = _newlines(text)
    line = text.count("\n") + 1
    column = len(text) - (text.rfind("\n") + 1) + 1
    return Location(path, line, column)


def decode(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> str:
    """``data`` as text: UTF-8 (a leading byte order mark dropped), or UTF-16/UTF-32 when it
    starts with their byte order mark; CRLF and lone CR become ``\\n``. Invalid bytes and
    NUL characters are a :class:`SourceError` at the ``file:line:col`` where they stand.

    >>> decode("a\\r\\nb".encode("utf-16"))
    'a\\nb'
    >>> decode(b"ok\\r\\nbad \\xff here", "s.txt")
    Traceback (most recent call last):
    ...
    argmap.errors.SourceError: s.txt:2:5: not UTF-8: byte 0xff cannot be decoded; ...
    """
    name = os.fspath(path)
    encoding, skip = "utf-8", 0
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding, skip = codec, len(bom)
            break
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        start = skip + exc.start
        prefix = data[skip:start].decode(encoding, errors="replace")
        label = "UTF-8" if encoding == "utf-8" else encoding[:6].upper()
        raise SourceError(
            f"not {label}: byte 0x{data[start]:02x} cannot be decoded; save the file as "
            "UTF-8 (or UTF-16/UTF-32 with a byte order mark)",
            _location(name, prefix),
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise SourceError(
            "NUL character in text: a binary file, or UTF-16/UTF-32 without a byte order mark?",
            _location(name, text[:nul]),
        )
    return _newlines(text)


def read_text(
    path: str | os.PathLike[str],
    *,
    root: Path | None = None,
    allow_outside: Sequence[str | os.PathLike[str]] = (),
    max_bytes: int | None = None,
    location: Location | None = None,
    what: str = "file",
) -> str:
    """The text of ``path``, read and decoded by the rules in this module's docstring.

    ``root``: the folder ``path`` must lie in (``None`` for a file the user named directly);
    ``allow_outside``: further folders (or files) allowed; ``max_bytes``: the size cap
    (default :func:`default_max_bytes`); ``location``: where ``path`` was named, for errors
    about the path itself; ``what``: what the file is, for messages ("source", "include").
    Raises :class:`~argmap.errors.SourceError` or :class:`~argmap.errors.LimitError`.
    """
    data = read_bytes(
        path,
        root=root,
        allow_outside=allow_outside,
        max_bytes=max_bytes,
        location=location,
        what=what,
    )
    return decode(data, path)
