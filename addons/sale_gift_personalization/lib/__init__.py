"""Pure business rules of gift personalisation (no ORM import): tested by tests/pure with plain pytest."""
