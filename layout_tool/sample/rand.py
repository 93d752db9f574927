"""Deterministic pseudo-randomness as polars expressions.

Every random choice is a hash of an integer *key column* (a row number, a person's number, a
household's number) under a *salt* derived from the run's seed and what is being chosen. That
makes each value a pure function of (seed, key, purpose): a batch of rows renders the same
values as the whole file, two files that draw the same purpose for the same person agree, and
no per-row Python runs. polars' ``hash`` is only stable within one polars version, which is
pinned, so a seed reproduces the same bytes wherever the same environment is installed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import polars as pl

_MASK = (1 << 63) - 1


def salt(seed: int, *parts: object) -> int:
    """A 63-bit salt for ``parts`` under ``seed`` (stable across processes, unlike ``hash()``)."""
    text = "\x1f".join(str(p) for p in (seed, *parts))
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _MASK


def rnd(key: pl.Expr, salt_: int) -> pl.Expr:
    """A uniform UInt64 per row of ``key``."""
    return key.cast(pl.UInt64).hash(salt_)


def below(key: pl.Expr, salt_: int, n: int) -> pl.Expr:
    """A uniform integer in [0, n) per row (n ≥ 1)."""
    return rnd(key, salt_) % max(n, 1)


def between(key: pl.Expr, salt_: int, lo: int, hi: int) -> pl.Expr:
    """A uniform Int64 in [lo, hi] per row."""
    return below(key, salt_, hi - lo + 1).cast(pl.Int64) + lo


def chance(key: pl.Expr, salt_: int, p: float) -> pl.Expr:
    """True with probability ``p`` per row."""
    return below(key, salt_, 1_000_000) < int(p * 1_000_000)


def pick(pool: Sequence[str], index: pl.Expr) -> pl.Expr:
    """``pool[index]`` for each row (index in [0, len(pool)))."""
    return pl.lit(pl.Series(list(pool), dtype=pl.String)).gather(index.cast(pl.UInt32))


def choose(pool: Sequence[str], key: pl.Expr, salt_: int) -> pl.Expr:
    """A uniformly chosen pool entry per row."""
    return pick(pool, below(key, salt_, len(pool)))


def weighted(weights: Sequence[int], key: pl.Expr, salt_: int) -> pl.Expr:
    """An index into ``weights`` chosen with those relative weights (UInt32)."""
    total = sum(weights)
    u = below(key, salt_, total)
    expr: pl.Expr = pl.lit(len(weights) - 1, pl.UInt32)
    bound = total
    for index in range(len(weights) - 1, 0, -1):
        bound -= weights[index]
        expr = pl.when(u < bound).then(pl.lit(index - 1, pl.UInt32)).otherwise(expr)
    return expr


FULL_DIGITS = tuple("０１２３４５６７８９")
ASCII_DIGITS = tuple("0123456789")


def full_width_digits(expr: pl.Expr) -> pl.Expr:
    """ASCII digits → full-width digits (for 番地 and similar zenkaku items)."""
    return expr.str.replace_many(list(ASCII_DIGITS), list(FULL_DIGITS))
