"""Rules over the whole site: evidence, personal data, photos, files under docs/, reviews,
the self-assessment, the braces in pages, requests to other hosts in the built HTML.

Above `presentation`: some rules judge what it makes (the macros in pages, the built
HTML); presentation only shows findings, it never runs a check.
"""
