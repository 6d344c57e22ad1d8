"""One module per area: notes, plan, versions, policy."""
