// The LinearModels module; see DESIGN.md. Filled in by its issue.
