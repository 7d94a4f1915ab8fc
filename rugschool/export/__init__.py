"""What Rugschool prints, with no Qt: ReportLab documents and CSV exports (the printed
output issue fills this package)."""
