/**
 * `npm start`: validates the configuration, loads the index (rebuilding it when the seeds changed), and
 * runs the channels that have a token: Telegram, Zalo, or both in one process. With no token it opens the
 * local chat in the terminal over the same pipeline.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadAnswerer, rebuildAnswerer } from './app.js';
import { loadConfig, type Config } from './config.js';
import { Dialog } from './conversation/dialog.js';
import { PROJECT_ROOT } from './paths.js';
import { Records } from './store/records.js';
import { WebhookServer, type WebhookRoute } from './webhook-server.js';
import { runTerminalChat } from '../handlers/terminal.js';
import { createTelegramBot, isTelegramUpdate, startPolling, startWebhook, type RunningTelegram } from '../handlers/telegram.js';
import { startZalo, type RunningZalo } from '../handlers/zalo.js';

const log = (m: string) => console.error(`[${new Date().toISOString()}] ${m}`);

async function main(): Promise<void> {
  // a .env file beside package.json, when there is one; the environment wins over it
  const envFile = path.join(PROJECT_ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const app = await loadAnswerer({ seedsDir: config.SEEDS_DIR, indexFile: config.INDEX_FILE, log });
  const records = await Records.open(config.DATA_FILE, log);
  const dialog = new Dialog(app, records, {
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    allowedIds: config.ALLOWED_CHAT_IDS,
    adminIds: config.ADMIN_IDS,
    log,
    reload: () => rebuildAnswerer(config.SEEDS_DIR, config.INDEX_FILE),
  });

  if (!config.TELEGRAM_BOT_TOKEN && !config.ZALO_BOT_TOKEN) {
    log('No TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN set: starting the local chat.');
    await runTerminalChat(dialog);
    await records.close();
    return;
  }

  const routes: WebhookRoute[] = [];
  const stops: Array<() => Promise<void>> = [];
  let telegram: RunningTelegram | undefined;
  if (config.TELEGRAM_BOT_TOKEN) {
    const bot = createTelegramBot(dialog, { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, log, deliveries: records });
    if (config.TELEGRAM_WEBHOOK_URL) {
      // a secret is always sent with the webhook; one is made up when none is configured
      const secret = config.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(24).toString('base64url');
      telegram = await startWebhook(bot, config.TELEGRAM_WEBHOOK_URL, secret, log);
      routes.push({
        path: new URL(config.TELEGRAM_WEBHOOK_URL).pathname, secretHeader: 'x-telegram-bot-api-secret-token', secret, ackFirst: false,
        accepts: isTelegramUpdate, handle: telegram.handleUpdate!,
      });
      log(`Telegram: webhook mode (${new URL(config.TELEGRAM_WEBHOOK_URL).pathname}).`);
    } else {
      telegram = await startPolling(bot, log);
      log(`Telegram: long polling as @${bot.botInfo.username}.`);
    }
    stops.push(telegram.stop);
  }
  let zalo: RunningZalo | undefined;
  if (config.ZALO_BOT_TOKEN) {
    zalo = await startZalo(dialog, {
      token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_API_ROOT, webhookUrl: config.ZALO_WEBHOOK_URL,
      webhookSecret: config.ZALO_WEBHOOK_SECRET, log, deliveries: records,
    });
    if (zalo.webhookRoute) routes.push(zalo.webhookRoute);
    stops.push(zalo.stop);
    log(`Zalo: ${config.ZALO_WEBHOOK_URL ? 'webhook' : 'long polling'} mode.`);
  }
  let server: WebhookServer | undefined;
  if (routes.length) {
    server = new WebhookServer(routes, log);
    const addr = await server.listen(config.PORT, config.HOST);
    log(`Webhook server listening on ${addr.address}:${addr.port}.`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping; replies in progress finish first.`);
    await server?.stop();
    await Promise.all(stops.map((s) => s().catch((e: Error) => log(`stop: ${e.message}`))));
    await records.close();
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  log(`fatal: ${(err as Error).message}`);
  process.exit(1);
});
