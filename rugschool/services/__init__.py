"""What the app does, with no Qt: each service opens one database session per operation and
hands back plain frozen dataclasses."""
