"""The flow layer: one use case per intent, the same for every platform.

Each flow takes a platform-neutral request (who acts, where) and returns a `Result`: what to show the
actor privately, answered first, and the effects to carry out afterwards through the adapter's
`Platform` (posts, edits and deletions in named places, messages to an author).
"""
