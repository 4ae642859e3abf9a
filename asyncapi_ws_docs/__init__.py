"""asyncapi-ws-docs: WebSocket API reference pages for MkDocs, from AsyncAPI documents."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
