"""Handover integrity: a manifest of the files handed over, and checking a folder against it.

The receiving side's first check (BRIEF §3, 件数照合) is that every file arrived, unchanged,
with the number of records the sender declared, either in our manifest or in the sender's
件数表.
"""

from layout_tool.integrity.counts import load_expected
from layout_tool.integrity.manifest import Manifest, build_manifest
from layout_tool.integrity.verify import check_folder_counts, verify_folder

__all__ = ["Manifest", "build_manifest", "check_folder_counts", "load_expected", "verify_folder"]
