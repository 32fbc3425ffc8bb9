"""The product-wide authorization matrix (issue #8).

- `world.py` builds the organisation and a round in which every free text carries a marker, with
  the personas allowed to read each one.
- `declarations.py` (pages) and `admin_api.py` (admin site, JSON API) declare every way out: how to
  reach it for each object and who gets it, or why it carries no personal content.
- `test_completeness.py` fails when a URL name or API operation has no declaration, or when a
  declaration names one that is gone. A new view joins the matrix by a line in `declarations.py`.
- `test_matrix.py` requests every declared target as every persona (page, htmx partial, API token,
  downloads unzipped, admin, searches, error pages, forms sent back empty) and compares the markers
  in each answer with those the persona may read.
"""
