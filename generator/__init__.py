"""remedykb: structured troubleshooting records to a bilingual static help site."""
