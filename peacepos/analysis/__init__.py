"""Analysis: two positions (:mod:`.compare`), N positions (:mod:`.many`), one actor's change
over time (:mod:`.changes`). Nothing here imports the presentation layer; results render
through :class:`peacepos._render.Renderable`."""
