"""Resolution of what the text says into values: dates, places, actors, fatalities."""
