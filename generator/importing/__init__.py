"""kb import: troubleshooting pages (Microsoft Docs / DocFX Markdown) to remedy records.

The stages, one module each, in the order they run (generator/importing/importer.py drives them):
pages (read a page, includes) -> shapes (find its problems, one module per shape) -> pairing (the
same problem in each language) -> fields (parts to a record's fields) -> ids -> conservation
(every word kept once, none added) -> report (what to review first) -> writing (check the whole
result, then write each file atomically).
"""
from generator.importing.dump import dump_record
from generator.importing.importer import import_groups, import_pages, import_tree
from generator.importing.pages import read_page, slugify
from generator.importing.report import PageReport, Report

__all__ = ["PageReport", "Report", "dump_record", "import_groups", "import_pages", "import_tree", "read_page",
           "slugify"]
