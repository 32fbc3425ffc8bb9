"""Word documents of the remediation app (the year-end sheet), in the Party's format."""
