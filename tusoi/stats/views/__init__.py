"""Statistics pages: the dashboards (with their .xlsx export) and the summary reports."""
