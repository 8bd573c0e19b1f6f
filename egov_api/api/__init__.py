"""The shared API edge: what every endpoint has in common over HTTP.

Problem documents, parsers, renderers, pagination, query parameters, caching and ETags,
throttling, health, metrics and request ids. It imports no domain app (`services`,
`transactions`): the apps build on it, never the other way round.
"""
