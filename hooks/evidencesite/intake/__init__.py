"""The indicator register (指标体系及责任分工) read and merged into the site, through the
editors and the loader: the top layer, for `scripts/import_register.py`.
"""
