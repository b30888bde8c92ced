"""Desktop GIS for disability-service coverage planning in Chinese counties."""

__version__ = "0.1.0"
