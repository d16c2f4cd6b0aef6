-- Validation split (char-rnn's held-out text): the corpus' last validation_fraction of characters is not trained
-- on; every eval_every iterations the model's per-character loss on it is recorded in validation_point.
alter table training_run add column validation_fraction double precision default 0 not null;
alter table training_run add column eval_every integer default 100 not null;
-- The lowest recorded validation loss, set when the run finishes (like min_loss).
alter table training_run add column best_validation_loss_per_char double precision;
alter table training_run add column best_validation_iteration integer;

-- One row per evaluation, after iteration `iteration` (0-based, the loss series' x).
create table validation_point (
    run_id        bigint           not null references training_run (id) on delete cascade,
    iteration     integer          not null,
    loss_per_char double precision not null,
    primary key (run_id, iteration)
);
