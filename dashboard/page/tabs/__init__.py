"""One module per tab, named by its key in dashboard.config.VIEWS; each draws its tab with show(page)."""
