"""Figure builders and map colour modes: frames in, plotly figure dicts out (no Streamlit)."""
