"""Importers and exporters: rosters, facility lists and boundaries in; shortlists out."""
