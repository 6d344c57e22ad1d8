from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_branding_to_firms"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="organization",
            name="brand_name",
        ),
        migrations.RemoveField(
            model_name="organization",
            name="consultant",
        ),
        migrations.RemoveField(
            model_name="organization",
            name="logo",
        ),
    ]
