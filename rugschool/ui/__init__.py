"""What you see: Qt widgets, item models and dialogs. No SQL here: the UI calls services
and refreshes from the change notices on the event hub."""
