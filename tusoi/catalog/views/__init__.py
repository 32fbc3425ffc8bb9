"""Catalogue pages (see `versions` for whole versions, `items` for the parts of a draft)."""
