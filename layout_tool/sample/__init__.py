"""Synthetic handover data for every area spec. **All generated data is fictitious.**

Names are built from words such as 試験 and 見本, addresses lie in 架空県架空市, postal codes start
with 000 and 個人番号 with 9999: nothing can be mistaken for, or traced to, a real person.
The data is nevertheless valid under docs/checks.md: unique keys, resolving references, the
area's rules, check digits, code values, real dates inside their era, 桁数 and character classes.
``seed_faults`` then breaks it in known places to test a validator.

    frames = generate(load_area("jumin"), rows=200, seed=1)
    frames, faults = seed_faults(frames, spec, k=12, seed=1)
    write(frames, spec, Path("out"))
"""

from layout_tool.sample.faults import CODES as FAULT_CODES
from layout_tool.sample.faults import Fault, seed_faults, supported_codes
from layout_tool.sample.generator import generate, plan_for, sample_to_dir
from layout_tool.sample.writer import write, write_faults, write_plan

__all__ = [
    "FAULT_CODES",
    "Fault",
    "generate",
    "plan_for",
    "sample_to_dir",
    "seed_faults",
    "supported_codes",
    "write",
    "write_faults",
    "write_plan",
]
