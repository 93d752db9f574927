"""Character sets: which characters a spec's data may hold (行政事務標準文字 MJ+, JIS X 0208/0213).

A charset is data the user builds from the published tables (``layout-tool charset import``);
the tables themselves are not bundled (share-alike licence). See docs/gaiji.md.
"""
