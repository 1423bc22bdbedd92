"""What leaves the site: exports, reports and 通报 drafts, the declaration package and the
compiled PDF, labels and QR codes, on-site checklists, web captures, integrity, signatures
and the public build's sealing. It loads sites itself (the reports compare commits), so it
sits above `pipeline`.
"""
