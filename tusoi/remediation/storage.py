"""Where evidence files live: a private folder under MEDIA_ROOT that has no URL.

The files are served only by `remediation:evidence`, which checks access first; `url()` refuses, so
no template or serializer can ever print a public link to one.
"""

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

PRIVATE_DIR = "private"


@deconstructible(path="tusoi.remediation.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT/private, read at use (so tests may point MEDIA_ROOT elsewhere)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    @cached_property
    def base_location(self) -> str:
        return os.path.join(str(settings.MEDIA_ROOT), PRIVATE_DIR)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no URL: serve them through a view that checks access")


private_storage = PrivateStorage()
