"""Level and per-day tallies kept for every unit on the branch's path instead of per session.

The old rows cannot be converted here (the historical models know nothing of the unit tree): they are
deleted, and `manage.py rebuild_tallies` fills the new ones from the raw records.
"""

from django.db import migrations, models


def clear(apps, schema_editor):
    apps.get_model("stats", "LevelTally").objects.all().delete()
    apps.get_model("stats", "SubmissionDay").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0002_campaign_created_by_optional'),
        ('stats', '0001_tallies_and_summary_reports'),
    ]

    operations = [
        migrations.RunPython(clear, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='leveltally',
            name='stats_level_unique',
        ),
        migrations.RemoveConstraint(
            model_name='submissionday',
            name='stats_day_unique',
        ),
        migrations.RemoveIndex(
            model_name='leveltally',
            name='stats_level_campaign_path',
        ),
        migrations.RemoveIndex(
            model_name='submissionday',
            name='stats_day_campaign_path',
        ),
        migrations.RenameField(
            model_name='leveltally',
            old_name='branch_path',
            new_name='unit_path',
        ),
        migrations.RenameField(
            model_name='submissionday',
            old_name='branch_path',
            new_name='unit_path',
        ),
        migrations.RemoveField(
            model_name='leveltally',
            name='session',
        ),
        migrations.RemoveField(
            model_name='submissionday',
            name='session',
        ),
        migrations.AddConstraint(
            model_name='leveltally',
            constraint=models.UniqueConstraint(fields=('campaign', 'unit_path', 'sector', 'kind', 'code', 'level'), name='stats_level_unit_unique'),
        ),
        migrations.AddConstraint(
            model_name='submissionday',
            constraint=models.UniqueConstraint(fields=('campaign', 'unit_path', 'sector', 'day'), name='stats_day_unit_unique'),
        ),
    ]
