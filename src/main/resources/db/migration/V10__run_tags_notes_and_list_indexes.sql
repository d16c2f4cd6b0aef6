-- What people write about a run (PATCH /api/runs/{id}): notes on the run, tags in a table of their own so that
-- a tag filter is an index lookup. Lengths in code points are checked by the application (tags 50, notes 10,000);
-- H2's varchar counts UTF-16 units, hence twice the room.
alter table training_run add column notes varchar(20000);

create table run_tag (
    run_id   bigint       not null references training_run (id) on delete cascade,
    position integer      not null,
    tag      varchar(100) not null,
    primary key (run_id, position)
);
create index run_tag_tag_idx on run_tag (tag, run_id);

-- GET /api/runs filters and sorts (newest first without a sort: the primary key).
create index training_run_hidden_size_idx on training_run (hidden_size, id);
create index training_run_corpus_idx on training_run (corpus_id, id);
create index training_run_created_at_idx on training_run (created_at, id);
create index training_run_best_validation_idx on training_run (best_validation_loss_per_char, id);
create index training_run_final_loss_idx on training_run (final_loss, id);
create index training_run_chars_per_second_idx on training_run (chars_per_second, id);
create index training_run_training_millis_idx on training_run (training_millis, id);
