-- GET /api/stats/handlers: the executions started in a window, grouped by handler and source. Every
-- column the query reads is in the index, so a window of a day in a million rows is an index-only range
-- scan (once autovacuum has set the visibility map), never a sequential scan of the table.
CREATE INDEX ix_workflow_activities_stats ON workflow_activities (started_at)
    INCLUDE (handler_name, handler_source, status, retry_count, completed_at, due_at);

-- GET /api/stats/tasks: manual tasks (they have a due time) a person completed in a window; the waiting
-- ones come from ix_workflow_activities_inbox.
CREATE INDEX ix_workflow_activities_task_times ON workflow_activities (completed_at)
    INCLUDE (activity_code, assignee_role, started_at)
    WHERE status = 'COMPLETED' AND due_at IS NOT NULL;
