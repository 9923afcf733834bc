from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the Telegram bot (long polling) until stopped; needs TELEGRAM_BOT_TOKEN."

    def handle(self, *args, **options) -> None:
        if not settings.TELEGRAM_BOT_TOKEN:
            self.stdout.write("Telegram is disabled: set TELEGRAM_BOT_TOKEN")
            return
        from apps.notifications.telegram import build_application

        build_application(settings.TELEGRAM_BOT_TOKEN).run_polling()
