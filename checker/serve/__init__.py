"""`selaras serve`: the checker as a local HTTP service and an editor's page.

The model is loaded once at start (:mod:`checker.cli.serve_cmd`); checks run on a bounded
worker pool (:mod:`.pool`); the API (``/v1``, :mod:`.api`) answers with the same JSON report as
``selaras check --format json``; the page at ``/`` (:mod:`.page`) shows it beside the passages.
Requests are read in memory (:mod:`.inputs`): no endpoint reads the server's disk.
:func:`.app.create_app` puts it together.

Nothing is imported here, so that ``selaras`` can read the service's settings
(:mod:`.settings`) for its help text without loading the web framework.
"""
