"""API tokens of our own (several per user, listed, revoked, expiring; only a digest kept).
The keys of DRF's one-per-user tokens are carried over, so a client holding one keeps working
until it expires; the old table is emptied (DRF's app stays installed for its migrations only)."""

import hashlib
from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def carry_over_drf_tokens(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires_at = timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS)
    for old in Token.objects.all():
        ApiToken.objects.create(
            user_id=old.user_id,
            name="API",
            prefix=old.key[:8],
            digest=hashlib.sha256(old.key.encode()).hexdigest(),
            expires_at=expires_at,
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_security_event'),
        ('authtoken', '0004_alter_tokenproxy_options'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(blank=True, max_length=100, verbose_name='name')),
                ('prefix', models.CharField(max_length=8, verbose_name='starts with')),
                ('digest', models.CharField(max_length=64, unique=True, verbose_name='SHA-256 of the key')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='issued at')),
                ('expires_at', models.DateTimeField(db_index=True, verbose_name='expires at')),
                ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='last used at')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'API token',
                'verbose_name_plural': 'API tokens',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.RunPython(carry_over_drf_tokens, migrations.RunPython.noop),
    ]
