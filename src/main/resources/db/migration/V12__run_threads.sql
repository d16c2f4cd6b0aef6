-- The threads a run trains on (StackedTrainer's; the result does not depend on them). Every run stored before
-- trained on one.
alter table training_run add column threads integer default 1 not null;
