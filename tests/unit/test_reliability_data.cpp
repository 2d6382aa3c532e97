// placeholder: filled in by the agreement work (issue 4)
