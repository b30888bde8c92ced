"""Coverage and indicators: pure functions over GeoDataFrames, headless and without Qt."""
