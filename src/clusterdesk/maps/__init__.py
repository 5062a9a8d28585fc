"""Maps and the leaders' cockpit: county boundaries, parks and projects on the map, choropleths (issue 14)."""
