"""Email and SMS notifications for customer-facing events (order confirmations, password resets...)."""
