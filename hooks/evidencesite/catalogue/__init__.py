"""Every sentence staff read, and what a finding is: the findings catalogue (messages.py),
the importer's notices (register_messages.py), `Finding` and `Severity` (finding.py), the
reasons a file or a YAML text cannot be read (reasons.py).

The bottom layer (see `evidencesite.LAYERS`): it imports nothing of the domain, so any
layer, the model's settings included, can tell staff what is wrong.
"""
