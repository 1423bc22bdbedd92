"""A whole site loaded: its files read into the model and every rule of the page contract applied."""
