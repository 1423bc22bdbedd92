"""What readers see: page blocks, generated pages, macros, tables, search terms, the
portal, publicity sections, downloads and the site's own assets.
"""
