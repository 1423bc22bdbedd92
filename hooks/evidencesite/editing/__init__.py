"""Surgical edits to files staff wrote: pages, the framework, review and snapshot fields,
each checked by reading the result back; everything else stays byte for byte.
"""
