"""Conversion: vendor exports to the standard layout and back, and between the standard's forms.

The mapping itself (model, loader, rules, transforms, proof) lives in :mod:`layout_tool.mapping`;
this package runs it over files: readers and writers (``files``, ``xmlio``), the batch engine
(``plan``, ``stages``, ``batch``, ``verify``, ``reverse``, ``derive``, ``conditions``), the
conversion report (``report``, ``findings``), ``mapping check`` (``check``) and the
standard-to-standard forms conversion CSV ⇄ XML (``forms``).
"""

from layout_tool.conversion.engine import convert
from layout_tool.conversion.options import SIDE, ConvertOptions

__all__ = ["SIDE", "ConvertOptions", "convert"]
