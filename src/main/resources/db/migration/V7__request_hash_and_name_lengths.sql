-- The SHA-256 of the request an Idempotency-Key first came with, so that the key reused with another request is
-- refused (422) instead of answered with the first request's run. Null for runs stored before.
alter table training_run add column request_sha256 varchar(64);

-- Names are limited to 200 characters (code points) by the application. PostgreSQL's varchar counts code points,
-- H2's counts UTF-16 units, in which 200 characters outside the BMP (emoji) take 400.
alter table training_run alter column name set data type varchar(400);
alter table imported_model alter column name set data type varchar(400);
