"""Documents produced from self-reviews (Word, in the Party's format)."""
