-- The model a run trains and how it optimises it (nn.ModelConfig), one column per component. The defaults are the
-- reference configuration (vanilla RNN, one stream, Adagrad, element-wise clip 5, float64), so every run stored
-- before reads as what it trained.
alter table training_run add column cell varchar(8) default 'rnn' not null;
alter table training_run add column layers integer default 1 not null;
alter table training_run add column embedding_size integer default 0 not null;
alter table training_run add column batch_size integer default 1 not null;
alter table training_run add column dropout double precision default 0 not null;
alter table training_run add column optimizer varchar(16) default 'adagrad' not null;
alter table training_run add column weight_decay double precision default 0 not null;
alter table training_run add column momentum double precision default 0 not null;
alter table training_run add column lr_decay double precision default 1 not null;
alter table training_run add column lr_decay_every integer default 0 not null;
alter table training_run add column warmup_iterations integer default 0 not null;
alter table training_run add column min_learning_rate double precision;
alter table training_run add column grad_clip double precision default 5 not null;
alter table training_run add column grad_norm_clip double precision default 0 not null;
alter table training_run add column precision varchar(8) default 'float64' not null;

-- Imported models: the reference's (rnn, 1 layer, one-hot; its weights Wxh, Whh, Why, bh, by) or a PyTorch
-- state_dict's (its tensors in state_dict order, each row-major).
alter table imported_model add column cell varchar(8) default 'rnn' not null;
alter table imported_model add column layers integer default 1 not null;
alter table imported_model add column embedding_size integer default 0 not null;
alter table imported_model add column torch_layout boolean default false not null;
