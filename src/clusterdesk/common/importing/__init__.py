"""Excel import and export for every kind of record (NetBox's all-or-nothing pipeline with an .xlsx front end).

`reader` reads sheets (python-calamine), `specs` defines a kind's declaration and finds the kinds the apps
registered (each app declares its own in ``<app>/imports.py``), `pipeline` resolves rows against the database
and writes them in one transaction through the owning app's services (a bulk service for long lists),
`export` and `templates` write .xlsx files with the same headers, `runner` ties a file to a report. This
package imports no domain app.
"""
