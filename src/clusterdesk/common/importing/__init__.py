"""Excel import and export for every kind of record (NetBox's all-or-nothing pipeline with an .xlsx front end).

`reader` reads sheets (python-calamine), `specs` declares each kind (columns, keys, references), `kinds`
holds the declarations, `pipeline` resolves rows against the database and writes them in one transaction,
`export` and `templates` write .xlsx files with the same headers, `runner` ties a file to a report.
"""
