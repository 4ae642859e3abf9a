"""What an engine needs to publish pages: the plugin, the block, files, navigation, caches.

Reads the `page` and `document` layers; the front ends (`cli`, `markdown`) sit above it.
"""
