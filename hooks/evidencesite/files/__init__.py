"""File mechanics, no domain: atomic writes, file sets and transactions, the build cache,
scratch folders, Office conversion, zip packages checked before unpacking, workbooks.
"""
