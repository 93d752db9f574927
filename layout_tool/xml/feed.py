"""A byte range of a document as a stream: what the sequential reader and each segment read."""

from __future__ import annotations

from pathlib import Path

from layout_tool.io.digest import Hasher

READ_BYTES = 1 << 20


class Feed:
    """A byte range of a file as a stream, between a synthetic prefix and suffix."""

    def __init__(
        self,
        path: Path,
        start: int = 0,
        end: int | None = None,
        prefix: bytes = b"",
        suffix: bytes = b"",
        digest: Hasher | None = None,
    ) -> None:
        self.fh = path.open("rb")
        self.fh.seek(start)
        self.left = None if end is None else end - start
        self.head, self.tail = prefix, suffix
        self.digest = digest
        self.newlines = 0  # line breaks in the range (prefix and suffix have none)

    def read(self, size: int = -1) -> bytes:
        if self.head:
            out, self.head = self.head, b""
            return out
        want = READ_BYTES if size is None or size < 0 else size
        if self.left is not None:
            want = min(want, self.left)
        data = self.fh.read(want) if want > 0 else b""
        if data:
            if self.left is not None:
                self.left -= len(data)
            if self.digest is not None:
                self.digest.update(data)
            self.newlines += data.count(b"\n")
            return data
        out, self.tail = self.tail, b""
        return out

    def drain(self) -> None:
        """Read the rest of the range, so that the digest covers it."""
        while self.left is None or self.left > 0:
            if not self.read(READ_BYTES):
                break

    def close(self) -> None:
        self.fh.close()
