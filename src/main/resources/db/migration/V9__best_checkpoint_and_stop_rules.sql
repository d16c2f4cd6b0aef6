-- Early stopping and divergence (null: the rule is off; runs stored before keep training as they did).
alter table training_run add column early_stopping_patience integer;
alter table training_run add column early_stopping_min_delta double precision;
alter table training_run add column divergence_factor double precision;
-- Why a finished run ended (COMPLETED, EARLY_STOPPED, CANCELLED, DIVERGED, FAILED, PRUNED) and, for the rules
-- that stop a run early, after which iteration (0-based, the loss series' x).
alter table training_run add column stop_reason varchar(16);
alter table training_run add column stop_iteration integer;
-- A continued run may start from its source's best checkpoint ('BEST'); null: the source's final weights.
alter table training_run add column init_checkpoint varchar(8);
update training_run set stop_reason = 'COMPLETED' where status = 'SUCCEEDED';
update training_run set stop_reason = 'CANCELLED' where status = 'CANCELLED';
update training_run set stop_reason = 'FAILED' where status = 'FAILED';

-- The training state at the run's best validation point (lowest loss, earliest of equals), besides its latest one
-- in checkpoint. Written only together with a checkpoint at or after it, so a resumed run never finds a best
-- state from beyond its own checkpoint.
create table best_checkpoint (
    run_id               bigint  not null primary key references training_run (id) on delete cascade,
    iteration            integer not null,
    validation_iteration integer not null,
    loss_per_char        double precision not null,
    state                bytea   not null,
    created_at           timestamp with time zone not null
);
