"""Text as readers see it: counting, control characters, digits, personal data, file names."""
