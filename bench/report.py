"""The table and the targets."""

import statistics

LEGEND = """\
Times in ms unless marked s. Queries are SQL statements (django.test.utils.CaptureQueriesContext).
  new           localities provisioned in this stage (cumulative total N)
  prov          ProvisionLocality(...).execute() per new locality: mean, max, and the median of
                the 10 most recent; prov q = its queries (min-max over the stage)
  publish       one publish of the Principles national page, POSTed to the admin edit view by a
                logged-in superuser: median and best of 5 (queries of the last); (in SQL) = of which in the
                database; (in sync) = of which in sites.provisioning.sync_inherited_pages, run
                inline by the publish signal's django_tasks task
  edit GET q    queries of the admin edit form GET before the publish
  all visible   s from the publish response until every locality's /en/<slug>/principles/
                showed the new text (passes = GET sweeps needed; 1 = immediate)
  step/inherited/loc home q   queries to GET /en/<slug>/assessment/, /en/<slug>/principles/
                and /en/<slug>/ for the first locality (after one warm-up GET)"""


def _ms(seconds):
    return "-" if seconds is None else f"{seconds * 1000:.0f}"


def _q(request):
    if request is None:
        return "-"
    return f"{request.queries}" if request.status == 200 else f"{request.queries} (HTTP {request.status})"


def _range(values):
    if not values:
        return "-"
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}-{high}"


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(str(cell).rjust(width) for cell, width in zip(cells, widths, strict=True))

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def results_table(stages) -> str:
    headers = [
        "N",
        "new",
        "prov mean ms",
        "prov max ms",
        "last10 med ms",
        "prov q",
        "publish ms",
        "best",
        "(in SQL)",
        "(in sync)",
        "publish q",
        "edit GET q",
        "all visible s",
        "passes",
        "step page q",
        "inherited q",
        "loc home q",
    ]
    rows = []
    for stage in stages:
        times = stage.provision_times
        publish = stage.publish
        low, high = publish.query_range
        publish_q = f"{publish.queries}" if low == high else f"{publish.queries} ({low}-{high})"
        visible = "-"
        if stage.visible_seconds is not None:
            visible = f"{stage.visible_seconds:.2f}"
            if stage.visible_count < stage.n:
                visible += f" ({stage.visible_count}/{stage.n}!)"
        rows.append(
            [
                stage.n,
                len(times) or "-",
                _ms(statistics.mean(times)) if times else "-",
                _ms(max(times)) if times else "-",
                _ms(statistics.median(stage.last_ten)) if stage.last_ten else "-",
                _range(stage.provision_queries),
                _ms(publish.seconds),
                _ms(publish.best_seconds),
                _ms(publish.sql_seconds),
                _ms(publish.sync_seconds),
                publish_q,
                _q(stage.edit_form),
                visible,
                stage.visible_passes or "-",
                _q(stage.step_page),
                _q(stage.inherited_page),
                _q(stage.locality_home),
            ]
        )
    return table(rows, headers)


def targets(stages) -> list[tuple[bool, str]]:
    """(passed, description) for each target; compares the smallest and largest N."""
    zero = next(stage for stage in stages if stage.n == 0)
    with_localities = [stage for stage in stages if stage.n]
    first, last = with_localities[0], with_localities[-1]
    results = []

    base = statistics.median(first.last_ten)
    top = statistics.median(last.last_ten)
    results.append(
        (
            top <= 2 * base,
            f"provisioning at N={last.n} within 2x N={first.n}: {top * 1000:.0f} ms vs {base * 1000:.0f} ms "
            f"(median of the last 10 provisioned; ratio {top / base:.2f}; "
            f"queries {last.provision_queries[-1]} vs {first.provision_queries[-1]})",
        )
    )

    # Best of 5: the least disturbed by other work on the machine. The medians are shown too.
    p0, pn = zero.publish.best_seconds, last.publish.best_seconds
    m0, mn = zero.publish.seconds, last.publish.seconds
    results.append(
        (
            pn <= 2 * p0,
            f"national publish request at N={last.n} within 2x N=0: best {pn * 1000:.0f} ms vs {p0 * 1000:.0f} ms "
            f"(ratio {pn / p0:.2f}; medians {mn * 1000:.0f} vs {m0 * 1000:.0f} ms, ratio {mn / m0:.2f}; "
            f"queries {last.publish.queries} vs {zero.publish.queries})",
        )
    )

    worst = max(stage.visible_seconds for stage in with_localities)
    every = all(stage.visible_count == stage.n for stage in with_localities)
    passes = max(stage.visible_passes for stage in with_localities)
    results.append(
        (
            every and worst <= 60,
            f"every locality shows new national content within 60 s: worst {worst:.2f} s "
            f"(all found on {'the first pass' if passes == 1 else f'{passes} passes'}; the time is the GET sweep)",
        )
    )

    for label, attribute in (("step page", "step_page"), ("inherited page", "inherited_page")):
        a, b = getattr(first, attribute), getattr(last, attribute)
        ok = a.status == b.status == 200 and a.queries == b.queries
        results.append((ok, f"{label} query count equal at N={first.n} and N={last.n}: {a.queries} vs {b.queries}"))
    return results


def report_targets(log, targets) -> bool:
    """Log each (passed, description) target as PASS or FAIL; true when all passed."""
    log("Targets:")
    for passed, description in targets:
        log(f"  {'PASS' if passed else 'FAIL'}  {description}")
    return all(passed for passed, _ in targets)
