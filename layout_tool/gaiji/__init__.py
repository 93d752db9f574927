"""外字: inventory every private-use (or vendor-coded) character, and apply mapping tables.

Kept free of imports so that ``layout_tool.report`` can use the inventory without a cycle:
import ``layout_tool.gaiji.inventory``, ``.maptable`` or ``.scan`` directly.
"""
