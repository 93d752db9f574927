"""Readers of data files behind one protocol, chosen by form, and finding the inputs.

``protocol``: ``Reader``, ``Section``, ``ReadOptions``, ``Format``; ``registry``: the forms
and ``open_reader``; ``inputs``: which files a command reads and which file of an area each
one is. Every command that reads data (validate, gaiji, manifest/verify, convert, compare)
goes through these, so each reads every form the same way.
"""
