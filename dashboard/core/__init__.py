"""Data layer: loaders, names, geometry, provenance, context (no Streamlit)."""
