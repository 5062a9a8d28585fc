# Review of what is filed (issue 12): the rows already there count as before (accepted); new rows start filed.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0011_assigned_units'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='progressreport',
            name='return_reason',
            field=models.TextField(blank=True, verbose_name='reason returned'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='review_status',
            field=models.CharField(choices=[('filed', 'Filed'), ('returned', 'Returned'), ('accepted', 'Accepted'), ('reported', 'Reported')], db_index=True, default='accepted', max_length=10, verbose_name='review state'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='reviewed'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by'),
        ),
        # Existing rows were made accepted by the default above; from now on a new row starts filed.
        migrations.AlterField(
            model_name='progressreport',
            name='review_status',
            field=models.CharField(choices=[('filed', 'Filed'), ('returned', 'Returned'), ('accepted', 'Accepted'), ('reported', 'Reported')], db_index=True, default='filed', max_length=10, verbose_name='review state'),
        ),
    ]
