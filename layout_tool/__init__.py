"""layout-tool: validate, convert and check data in the 中間標準レイアウト仕様."""

__version__ = "0.1.0"
