"""The explorer's screens: the main view and the modal pickers and panels over it."""
