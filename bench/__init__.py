"""The benchmark of issue 9: `python -m bench` (or `make bench`). See bench/__main__.py."""
