-- The corpus' characters in index order (concatenated code points), so reading a run's vocabulary does not mean
-- reading and sorting its whole corpus. Null for rows stored before: they fall back to computing it.
alter table corpus add column vocabulary text;
