"""Text as readers see it: counting, control characters, digits, personal data, file
names, sizes. Pure functions over strings; no domain above the catalogue.
"""
