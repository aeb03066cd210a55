"""The base layer: building blocks every app uses, importing no app of this project.

API base classes and the API's exception handler (`core.api`), number formatting (`core.formats`),
audit history (`core.history`), the bilingual-name mixin (`core.names`) and the one schema switch
(`core.schemas`). Data reaches this layer as arguments; see docs/CONVENTIONS.md for the layers.
"""
