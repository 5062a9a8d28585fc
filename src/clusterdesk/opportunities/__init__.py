"""What to grow next: industries ranked for a region over the province register, and location quotients against
a chosen reference (the province, the nation from an imported table, or named regions)."""
