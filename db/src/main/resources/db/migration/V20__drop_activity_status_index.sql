-- Every step's record is written twice (RUNNING, then its end), and each write updated this index: a
-- status alone, across all runs, that no query reads (the inbox and the task gauges use the partial
-- ix_workflow_activities_inbox, the statistics ix_workflow_activities_stats; everything else reads by
-- run through uq_workflow_activity). Dropping it takes one index insertion off every step write.
DROP INDEX IF EXISTS ix_workflow_activities_status;
