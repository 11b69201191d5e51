-- Who holds the case: Annex A lists the team and the allocated worker.
alter table sf_case add column referral_date date;
alter table sf_case add column allocated_team varchar(64);
alter table sf_case add column allocated_worker varchar(64);
alter table sf_case add column allocated_at timestamp with time zone;
alter table sf_case add column closure_reason varchar(3);
create index sf_case_worker on sf_case (allocated_worker);
