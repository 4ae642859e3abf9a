"""The AsyncAPI document as data: read, resolve, check, and the version-neutral model.

The bottom layer: it knows nothing of pages, Markdown or MkDocs. `conversation` says, once per
spec, who sends what and what answers what; every feature that needs a direction reads it.
"""
