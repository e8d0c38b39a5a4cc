// Binds the traversal source "g" over the configured graph.
def globals = [:]
globals << [g : traversal().withEmbedded(graph)]
