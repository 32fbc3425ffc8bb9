"""The one error backup and restore raise: its message is for the operator (translated)."""


class BackupError(Exception):
    """The backup or restore cannot go on; nothing was changed unless the message says so."""
