-- One row that submissions lock in turn, so the queued-runs cap holds across concurrent requests and instances.
create table admission_gate (
    id integer not null primary key
);
insert into admission_gate (id) values (1);
