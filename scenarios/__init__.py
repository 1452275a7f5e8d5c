"""What-if simulation of months of the service's work; recruitment search."""
