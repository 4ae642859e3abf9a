"""What a page shows: view models of each section, the diagram, the console, and the templates.

Reads the `document` layer only. `templates/` and `assets/` (the stylesheet and the console's
script) are the package data of this layer; users override templates by file name.
"""
