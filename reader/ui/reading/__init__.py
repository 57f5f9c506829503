"""The reading view: model, layout, painting, view."""
