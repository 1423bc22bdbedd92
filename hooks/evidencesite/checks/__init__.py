"""Rules over the whole site: evidence, personal data, photos, reviews, off-site requests."""
