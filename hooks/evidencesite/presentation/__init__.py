"""What readers see: page blocks, generated pages, macros, search terms, the portal."""
