"""The page: sections, URL state and caching (the only layer that imports Streamlit)."""
