"""The PySide6 interface: windows, the reading view, dialogs and the workers that call the core."""
