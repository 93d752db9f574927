from __future__ import annotations
import polars as pl
from layout_tool.spec.model import AreaSpec
def seed_faults(frames: dict[str, pl.DataFrame], spec: AreaSpec, k: int, seed: int) -> tuple[dict[str, pl.DataFrame], list[tuple[str, str, int, str]]]:
    return frames, []
