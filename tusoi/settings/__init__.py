"""Settings: `base` holds what every environment shares; `dev`, `test`, `production` adjust it."""
