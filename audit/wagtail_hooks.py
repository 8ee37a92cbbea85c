from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    @actions.register_action("audit.delete_stale")
    class DeleteStaleAuditsFormatter(LogFormatter):
        label = "Delete unused audits"

        def format_message(self, log_entry):
            count, days = log_entry.data.get("count", 0), log_entry.data.get("days", "")
            return f"Deleted {count} audit{'s' if count != 1 else ''} not used for {days} days"
