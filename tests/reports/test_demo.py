from django.core.management import call_command

from complaints.models import Complaint
from reports.models import AnnualSnapshot
from reports.services import current_year
from servicedesk.accounts.models import Shop


def test_the_demo_reports_show_the_demo_records(db, client):
    call_command("seed_demo")
    demo = Shop.objects.get(code="demo")
    year = current_year(demo)
    this_year = AnnualSnapshot.objects.get(shop=demo, year=year)
    assert AnnualSnapshot.objects.filter(shop=demo, year=year - 1).exists()
    figures = this_year.figures
    in_year = Complaint.objects.filter(shop=demo, received_at__year=year).count()
    assert figures["complaints"]["total"] == in_year > 0
    assert figures["interactions"]["total"] > 0
    assert figures["advisors"]

    call_command("seed_demo")  # recomputed, never duplicated
    assert AnnualSnapshot.objects.filter(shop=demo).count() == 2

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="manager"))
    page = client.get(f"/reports/annual-satisfaction/{year}/").content.decode()
    assert 'id="chart-trend"' in page
