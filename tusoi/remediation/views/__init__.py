"""Pages of remediation, supervision, year-end sheets and the yearly rhythm."""
