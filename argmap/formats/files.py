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
import contextlib
import contextvars
import errno
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from argmap.errors import LimitError, SourceError
from argmap.model import Location

__all__ = [
    "DEFAULT_MAX_BYTES",
    "allowed_outside",
    "allowing",
    "atomic_target",
    "check_inside",
    "current_root",
    "decode",
    "default_max_bytes",
    "encoding_of",
    "limited",
    "read_bytes",
    "read_head",
    "read_text",
    "rooted",
    "write_bytes",
    "write_text",
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


_ALLOWED: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar(
    "argmap_allowed_outside", default=()
)


@contextlib.contextmanager
def allowing(paths: Sequence[str | os.PathLike[str]]) -> Iterator[None]:
    """Within the block, every read also accepts files under ``paths`` (the CLI's
    ``--allow-outside``, the Sphinx setting ``argmap_allow_outside``, the API's
    ``allow_outside=``), as if each call passed them in ``allow_outside``."""
    token = _ALLOWED.set(_ALLOWED.get() + tuple(Path(os.fspath(p)) for p in paths))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


_ROOT: contextvars.ContextVar[Path | None] = contextvars.ContextVar("argmap_root", default=None)


@contextlib.contextmanager
def rooted(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """Within the block, :func:`current_root` is ``folder``, unless an enclosing block set
    one already (the outermost top-level file decides: a comparison's folder stays the root
    while the maps it includes are read). Yields the root in force."""
    if _ROOT.get() is not None:
        yield _ROOT.get() or Path(folder)
        return
    token = _ROOT.set(Path(os.fspath(folder)))
    try:
        yield Path(os.fspath(folder))
    finally:
        _ROOT.reset(token)


def current_root() -> Path | None:
    """The folder of the top-level file being processed (see :func:`rooted`), if any."""
    return _ROOT.get()


def allowed_outside() -> tuple[Path, ...]:
    """The folders :func:`allowing` added in the current context."""
    return _ALLOWED.get()


_MAX_BYTES: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "argmap_max_bytes", default=None
)


@contextlib.contextmanager
def limited(max_bytes: int | None) -> Iterator[None]:
    """Within the block, every read has the size cap ``max_bytes`` (the API's
    ``max_bytes=``); ``None`` leaves the cap in force as it is."""
    if max_bytes is None:
        yield
        return
    token = _MAX_BYTES.set(max_bytes)
    try:
        yield
    finally:
        _MAX_BYTES.reset(token)


def default_max_bytes() -> int:
    """The size cap in force: the API's ``max_bytes=`` (:func:`limited`), else
    ``ARGMAP_MAX_BYTES`` from the environment, else :data:`DEFAULT_MAX_BYTES`."""
    given = _MAX_BYTES.get()
    if given is not None:
        return given
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

    >>> check_inside("/etc/passwd", root=Path("/tmp"))  # doctest: +ELLIPSIS
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
    extra = (*allow_outside, *_ALLOWED.get())
    folders = [Path(root).resolve(), *(Path(os.fspath(a)).resolve() for a in extra)]
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
        raise _unreadable(raw, what, _reason(exc), location) from None
    _require_regular(info, raw, what, location)
    if info.st_size > limit:
        raise _too_big(raw, what, info.st_size, limit, location)
    try:
        # O_NONBLOCK: a FIFO swapped in after the test above does not block the open.
        fd = os.open(raw, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _unreadable(raw, what, _reason(exc), location) from None
    try:
        info = os.fstat(fd)
        _require_regular(info, raw, what, location)
        chunks: list[bytes] = []
        total = 0
        # The file's size (and a byte to see the end) in one read when it is bigger than a
        # chunk: one chunk is joined without a copy of the whole file.
        size = max(info.st_size + 1, 1 << 20)
        while True:
            chunk = os.read(fd, min(size, limit + 1 - total))
            size = 1 << 20
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_big(raw, what, total, limit, location)
    except OSError as exc:
        if exc.errno == errno.EAGAIN:
            raise _unreadable(raw, what, "not a regular file", location) from None
        raise _unreadable(raw, what, _reason(exc), location) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_head(path: str | os.PathLike[str], size: int = 4096) -> bytes:
    """The first ``size`` bytes of ``path`` for telling its format, or ``b""`` when it is not
    a regular file or cannot be read (the reader then reports it, located). Like
    :func:`read_bytes` it never blocks on a FIFO nor reads a device; it applies no
    containment (the file was named by the user).

    >>> read_head("/dev/zero"), read_head("/no/such/file")
    (b'', b'')
    """
    raw = os.fspath(path)
    try:
        if not stat.S_ISREG(os.stat(raw).st_mode):
            return b""
        fd = os.open(raw, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError):
        return b""
    try:
        return os.read(fd, size) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def _unreadable(raw: str, what: str, reason: str, where: Location | None) -> SourceError:
    """The error for a file that cannot be read: at ``where`` (the place that names the
    file) with the file's name in the message, or at the file itself."""
    if where is None:
        return SourceError(f"cannot read {what}: {reason}", Location(raw))
    return SourceError(f"cannot read {what} {raw}: {reason}", where)


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
    raise _unreadable(raw, what, f"it is {kind}, not a file", where)


def _too_big(raw: str, what: str, size: int, limit: int, where: Location | None) -> LimitError:
    """The error for a file over the size cap: at ``where`` (the place that names the file)
    with the file's name in the message, or at the file itself (as :func:`_unreadable`)."""
    name = f"{what} {raw}" if where is not None else f"the {what}"
    return LimitError(
        f"{name} is {_size(size)}, over the limit of {_size(limit)}; raise it with the "
        "environment variable ARGMAP_MAX_BYTES (a number of bytes) or max_bytes= in the API",
        where or Location(raw),
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


def encoding_of(data: bytes) -> tuple[str, bytes]:
    """The codec :func:`decode` uses for ``data`` and the byte order mark it skips.

    >>> encoding_of("x".encode("utf-16-le")), encoding_of(codecs.BOM_UTF8 + b"x")
    (('utf-8', b''), ('utf-8', b'\\xef\\xbb\\xbf'))
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, bom
    return "utf-8", b""


def decode(
    data: bytes, path: str | os.PathLike[str] = "<bytes>", *, keep_line_ends: bool = False
) -> str:
    """``data`` as text: UTF-8 (a leading byte order mark dropped), or UTF-16/UTF-32 when it
    starts with their byte order mark; CRLF and lone CR become ``\\n`` (unless
    ``keep_line_ends``: for rewriting a file in place). Invalid bytes and NUL characters are
    a :class:`SourceError` at the ``file:line:col`` where they stand.

    >>> decode("a\\r\\nb".encode("utf-16"))
    'a\\nb'
    >>> decode(b"ok\\r\\nbad \\xff here", "s.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    argmap.errors.SourceError: s.txt:2:5: not UTF-8: byte 0xff cannot be decoded; ...
    """
    name = os.fspath(path)
    encoding, bom = encoding_of(data)
    skip = len(bom)
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
    return text if keep_line_ends else _newlines(text)


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


# -- writing -------------------------------------------------------------------------------


def _write_error(target: Path, exc: BaseException) -> SourceError:
    return SourceError(f"cannot write: {_reason(exc)}", Location(str(target)))


def _check_target(target: Path) -> None:
    """A target that is a folder, a device or a FIFO is refused; a symlink is fine (it is
    replaced, never followed)."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:
        raise _write_error(target, exc) from None
    if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
        return
    kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
    raise SourceError(f"cannot write: it is {kind}; not replaced", Location(str(target)))


@contextlib.contextmanager
def atomic_target(path: str | os.PathLike[str], *, replace: bool = True) -> Iterator[Path]:
    """A temporary path in ``path``'s folder to write to; when the block ends without an
    exception it is renamed onto ``path`` in one step (a symlink at ``path`` is replaced,
    not followed), otherwise removed. Readers never see a half-written ``path``.

    ``replace=False``: ``path`` must not exist, not even when the block ends (the finished
    file is linked into place, which fails if something took the name meanwhile); an
    existing ``path`` is a :class:`SourceError` and is left as it was.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with atomic_target(Path(d) / "x.txt") as tmp:
    ...         _ = tmp.write_text("done")
    ...     sorted(p.name for p in Path(d).iterdir())
    ['x.txt']
    """
    target = Path(os.fspath(path))
    if "\0" in os.fspath(path):
        raise SourceError("cannot write: the file name contains a NUL character", None)
    _check_target(target)
    if not replace and os.path.lexists(target):
        raise _exists(target)
    import tempfile  # only writers need it (reading maps does not)

    try:
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name[:64]}.", suffix=".tmp"
        )
    except OSError as exc:
        raise _write_error(target, exc) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        if replace:
            os.replace(tmp, target)
        else:
            _link_new(tmp, target)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise _exists(target) from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _write_error(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _exists(target: Path) -> SourceError:
    return SourceError("refusing to overwrite an existing file", Location(str(target)))


def _link_new(tmp: Path, target: Path) -> None:
    """Put the finished ``tmp`` at ``target``, which must not exist (FileExistsError)."""
    try:
        os.link(tmp, target)  # fails if target exists, however it came to exist
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: claim the name, then replace it
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.replace(tmp, target)
        return
    tmp.unlink()


def write_bytes(path: str | os.PathLike[str], data: bytes, *, replace: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_target`; ``replace=False``:
    never over an existing file); return the path."""
    with atomic_target(path, replace=replace) as tmp:
        tmp.write_bytes(data)
    return Path(os.fspath(path))


def write_text(path: str | os.PathLike[str], text: str, *, replace: bool = True) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically, line ends as given (``replace``: see
    :func:`write_bytes`).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = write_text(Path(d) / "a.txt", "one", replace=False)
    ...     write_text(Path(d) / "a.txt", "two", replace=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    argmap.errors.SourceError: .../a.txt:1:1: refusing to overwrite an existing file
    """
    return write_bytes(path, text.encode("utf-8"), replace=replace)
