"""The store: reports, rejections, extracted and merged events, and the workbench's review and tokens.

- `warlog.store.schema`: every table and migration;
- `warlog.store.database`: `Store`, the connection and its writes (a report in, a report out);
- `warlog.store.merging`: merged events kept up to date in place as reports come and go;
- `warlog.store.reading`: what the store gives back (merged events, deletions, extracted events);
- `warlog.store.filters`: `EventFilter`, the one filter of the CLI and the API;
- `warlog.store.rows`: records to rows and back.
"""
