"""Walking inputs: any file name (bytes are not text), every skipped path reported, keys that cannot collide.

`source_key` turns a path into the text the store keys it by: `%` and `#` (the container separator, as in
`file.jsonl#line=3`) are percent-escaped, and so is each byte of a name that is not UTF-8, so a file named
`collide.jsonl#line=1` never shares its key with line 1 of `collide.jsonl`. `walk` yields the files under a
folder and a `Skipped` for everything it leaves out (hidden and bookkeeping names, symlinks leading outside the
folder or nowhere, FIFOs, devices, sockets, folders it cannot list). `check_file` refuses what cannot be read as
a regular file before anything opens it (opening a FIFO would block).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from presswatch.errors import InputError


class Skipped(InputError):
    """A path the walk leaves out on purpose; reported, never stored as a failure."""


def source_key(path: Path | str) -> str:
    """A printable, collision-free key for `path` (readable as the path itself for ordinary names)."""
    text = os.fsdecode(os.fsencode(path))  # surrogate escapes stand for the bytes that are not UTF-8
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "%#":
            out.append(f"%{code:02X}")
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(f"%{code - 0xDC00:02X}")
        elif code < 0x20 or code == 0x7F:
            out.append(f"%{code:02X}")
        else:
            out.append(ch)
    return "".join(out)


def printable(text: str) -> str:
    """`text` with any surrogate escapes (bytes of a file name) written as \\x.. so it can be stored."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def check_file(path: Path) -> None:
    """Raise InputError (naming the reason) unless `path` is a regular file this process may read."""
    key = source_key(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError("broken symlink (its target does not exist)", key) from None
        raise InputError("no such file", key) from None
    except PermissionError:
        raise InputError("permission denied (cannot reach the file)", key) from None
    except OSError as exc:  # ELOOP, ENAMETOOLONG, EIO
        raise InputError(f"cannot read: {exc.strerror or exc}", key) from exc
    except RuntimeError as exc:  # pragma: no cover - symlink loops on some Pythons
        raise InputError(f"cannot read: {exc}", key) from exc
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise InputError(f"not a regular file: {kind}", key)
    if not os.access(path, os.R_OK):
        raise InputError("permission denied (the file is not readable)", key)


def walk(root: Path) -> Iterator[Path | Skipped]:
    """Files under `root` in path order, depth first; a Skipped for each path left out, with why."""
    yield from _walk(root, os.path.realpath(root))


def _walk(folder: Path, real_root: str) -> Iterator[Path | Skipped]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        yield Skipped(f"cannot list folder: {exc.strerror or exc}", source_key(folder))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith((".", "_")):
            yield Skipped("hidden or bookkeeping name (starts with '.' or '_')", source_key(path))
            continue
        try:
            if entry.is_symlink():
                target = os.path.realpath(path)
                if not os.path.exists(target):
                    yield Skipped("broken symlink or symlink loop", source_key(path))
                elif os.path.commonpath([real_root, target]) != real_root:
                    yield Skipped("symlink to a place outside the folder (not followed)", source_key(path))
                elif os.path.isdir(target):
                    yield Skipped("symlink to a folder (not followed)", source_key(path))
                else:
                    yield path
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk(path, real_root)
            elif entry.is_file(follow_symlinks=False):
                yield path
            else:
                kind = next((k for t, k in _KINDS if t(entry.stat(follow_symlinks=False).st_mode)), "special file")
                yield Skipped(f"not a regular file: {kind}", source_key(path))
        except OSError as exc:
            yield Skipped(f"cannot read: {exc.strerror or exc}", source_key(path))
