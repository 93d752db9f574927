"""Safety rules every command shares: masking, spreadsheet cells, inert text, paths, limits.

One module per rule, so each promise of ``docs/security.md`` lives in one place and the
renderers only call it.
"""
