"""Wagtail admin wiring for localities, one module per concern; importing them
registers their hooks (Wagtail imports only each app's ``wagtail_hooks``).

- ``admin_localities``: the Localities menu (provisioning and deletion);
- ``page_fences``: what locality editors may not do to inherited pages and
  locality homes, and choosers kept inside the editor's locality;
- ``admin_adaptation``: adapt, what changed, pull, revert, the drift report
  and the dashboard panel;
- ``admin_fences``: what a locality editor may read in the admin (reports,
  workflow messages, the admin API), and the security hooks;
- ``admin_users``: "Reset two-factor sign-in" on Wagtail's user pages;
- ``downloads_report``: each locality's downloads report for its publishers;
- ``audit_usage_report``: how the audit tools are used, for the national team;
- ``welsh_admin``: Welsh trees: translation fences, the translation report and
  dashboard panel;
- ``welsh_moves``: a moved English page takes its Welsh page along.
"""

from . import (  # noqa: F401
    admin_adaptation,
    admin_fences,
    admin_localities,
    admin_users,
    audit_usage_report,
    downloads_report,
    page_fences,
    welsh_admin,
    welsh_moves,
)
