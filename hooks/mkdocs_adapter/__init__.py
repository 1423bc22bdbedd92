"""The MkDocs adapter's features: one module per feature, each holding the MkDocs event
handlers it needs and calling the domain (`evidencesite`, which imports no MkDocs).

`hooks/evidence_site.py` is the one hook mkdocs.yml lists; it decides the order in which
these modules see each event. None of them is a hook of its own.
"""
