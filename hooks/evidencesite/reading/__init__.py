"""What staff wrote, read into the model: pages and front matter, data files (framework,
phases, units, on-site record), published files, snapshots and Git's history. Each problem
is a finding; nothing here judges the whole site (that is `checks`).
"""
