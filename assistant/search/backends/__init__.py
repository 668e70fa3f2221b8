"""Search backends: every engine behind :class:`assistant.search.backends.base.SearchBackend`."""
