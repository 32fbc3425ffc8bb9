"""Views of the branch round, one module per step (thin: policy → form → service → redirect)."""
