"""Where the campaign stands, computed from a loaded site: counts, rankings, units, time
nodes, empty sections, the 初评 figures and who may see them.
"""
