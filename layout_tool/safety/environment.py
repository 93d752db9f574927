"""Errors of the environment (full disk, no permission, input too deep or too large) are
named in one line and exit 2, like bad input; only a bug is an internal error (exit 3)."""

from __future__ import annotations

import errno

from layout_tool.safety.text import inert

# errno values that name a problem of the machine or of what the user gave, not a bug.
NAMED_ERRNO: dict[int, str] = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system",
    errno.EFBIG: "file too large for the file system",
    errno.ENAMETOOLONG: "file name too long",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EMFILE: "too many open files",
    errno.EIO: "input/output error",
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "too many levels of symbolic links",
    errno.EXDEV: "cannot move across file systems",
}


def environment_error(exc: BaseException) -> str | None:
    """A one-line description when ``exc`` is the environment's fault, else None."""
    if isinstance(exc, OSError) and exc.errno in NAMED_ERRNO:
        what = NAMED_ERRNO[exc.errno]
        where = exc.filename if exc.filename is not None else None
        shown = f"{inert(str(where))}: " if where is not None else ""
        return f"{shown}{what} ({errno.errorcode.get(exc.errno or 0, '?')})"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "out of memory: the input is too large for this machine (see docs/security.md)"
    text = str(exc)
    if "No space left on device" in text or "os error 28" in text:
        return "no space left on the device (ENOSPC)"
    if "Permission denied" in text or "os error 13" in text:
        return "permission denied (EACCES)"
    return None
