"""`python -m asyncapi_ws_docs.cli`: the command line, as the `asyncapi-ws-docs` script runs it."""

from asyncapi_ws_docs.cli import main

raise SystemExit(main())
