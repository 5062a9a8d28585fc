
import clusterdesk.common.models
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_initial'),
        ('parks', '0001_initial'),
        ('regions', '0001_initial'),
    ]

    operations = [
        # The free-text office stays as it was typed (unit_name); the unit becomes a record.
        migrations.RenameField(model_name='user', old_name='unit', new_name='unit_name'),
        migrations.AlterField(
            model_name='user',
            name='unit_name',
            field=models.CharField(blank=True, help_text='The office as typed before units were records; kept when unmatched.', max_length=200, verbose_name='unit (as written)'),
        ),
        migrations.CreateModel(
            name='Unit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('last_updated', models.DateTimeField(auto_now=True, verbose_name='last updated')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('short_name', models.CharField(blank=True, help_text='E.g. 市发改委.', max_length=50, verbose_name='short name')),
                ('kind', models.CharField(choices=[('government', "People's government"), ('development_reform', 'Development and reform commission'), ('industry', 'Industry and information technology bureau'), ('commerce', 'Commerce bureau'), ('natural_resources', 'Natural resources and planning bureau'), ('approval', 'Administrative approval service bureau'), ('statistics', 'Statistics bureau'), ('park_committee', 'Park management committee'), ('other', 'Other unit')], default='other', max_length=30, verbose_name='kind')),
                ('aliases', models.TextField(blank=True, help_text='One per line.', verbose_name='other names')),
                ('phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='accounts.unit', verbose_name='parent unit')),
                ('park', models.ForeignKey(blank=True, help_text='For a park committee: the park it runs.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='units', to='parks.park', verbose_name='park')),
                ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='units', to='regions.region', verbose_name='region')),
            ],
            options={
                'verbose_name': 'unit',
                'verbose_name_plural': 'units',
                'ordering': ['region__code', 'name'],
            },
            bases=(clusterdesk.common.models.CleanTextMixin, models.Model),
        ),
        migrations.AddField(
            model_name='user',
            name='unit',
            field=models.ForeignKey(blank=True, help_text="The user's office, e.g. 市发改委.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='members', to='accounts.unit', verbose_name='unit'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.UniqueConstraint(fields=('region', 'name'), name='accounts_unit_unique_region_name'),
        ),
    ]
