
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_units'),
        ('projects', '0010_fk_indexes_covered_by_unique'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='meetingdecision',
            name='assigned_person',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible person'),
        ),
        migrations.AddField(
            model_name='meetingdecision',
            name='assigned_unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.unit', verbose_name='responsible unit'),
        ),
        migrations.AddField(
            model_name='problem',
            name='assigned_person',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible person'),
        ),
        migrations.AddField(
            model_name='problem',
            name='assigned_unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.unit', verbose_name='responsible unit'),
        ),
        migrations.AddField(
            model_name='project',
            name='assigned_unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.unit', verbose_name='responsible unit'),
        ),
        migrations.AlterField(
            model_name='project',
            name='responsible_unit',
            field=models.CharField(blank=True, max_length=200, verbose_name='responsible unit (as written)'),
        ),
    ]
