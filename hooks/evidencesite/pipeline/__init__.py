"""The site loaded and checked (`loader.load_site`, the one entry point; `site_at` for an
earlier commit), what `scripts/check.py` checks (`checker`), and the state a build's
hooks share (`buildstate`).
"""
