"""What a reader needs of a running hash (hashlib objects fit): the one protocol readers share.

Readers that hash the bytes they read as they stream them (``manifest``, ``verify`` and
convert's source hashes) take one of these, so every file is read once.
"""

from __future__ import annotations

from typing import Protocol


class Hasher(Protocol):
    def update(self, data: bytes | memoryview, /) -> None: ...
