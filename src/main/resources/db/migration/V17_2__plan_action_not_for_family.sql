-- What must not be shared, per entry (issue 18): a plan action a worker marks as not for the family (it
-- names a third party, e.g. a new partner's checks) is left out of the family's copy of the plan.
alter table sf_plan_action add column not_for_family boolean default false not null;
