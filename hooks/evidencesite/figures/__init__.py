"""Where the campaign stands: counts, rankings, periods, reports."""
