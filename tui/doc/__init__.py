"""The page tree: what every front end draws, built once from the model. Plain Python, no Textual, no Rich."""
