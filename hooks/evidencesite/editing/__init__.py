"""Surgical edits to files staff wrote: pages, the framework, review and snapshot fields."""
