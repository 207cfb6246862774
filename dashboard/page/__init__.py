"""The page: the frame every tab shares, one module per tab, URL state and caching (only it imports Streamlit)."""
