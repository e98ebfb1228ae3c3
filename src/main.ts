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
import { createTelegramBot, isTelegramUpdate, startPolling, startWebhook, telegramPlatform, type RunningTelegram } from '../handlers/telegram.js';
import { Inbox } from './delivery/inbox.js';
import { Outbox } from './delivery/outbox.js';
import { startZalo, type RunningZalo } from '../handlers/zalo.js';

const log = (m: string) => console.error(`[${new Date().toISOString()}] ${m}`);

/** SIGTERM ends the process within this long, whatever the platforms do; what is left waits in the outbox. */
const STOP_WITHIN_MS = 9000;
/** Of which replies in progress get this long to finish before their sends are cut off (and kept). */
const FINISH_REPLIES_MS = 6000;

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

  // a stop request is honoured from the first moment, start-up included (an unreachable API is waited on)
  const starting = new AbortController();
  let stop: (signal: string) => Promise<void> = async (signal) => {
    log(`${signal} during start-up: stopping.`);
    starting.abort();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

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

  const inbox = new Inbox(records, log);
  const outbox = new Outbox(records, log);
  const routes: WebhookRoute[] = [];
  const stops: Array<() => Promise<void>> = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const bot = createTelegramBot(dialog, { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, log, outbox });
    await outbox.register(telegramPlatform(bot));
    let telegram: RunningTelegram;
    if (config.TELEGRAM_WEBHOOK_URL) {
      // a secret is always sent with the webhook; one is made up when none is configured
      const secret = config.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(24).toString('base64url');
      telegram = await startWebhook(bot, inbox, config.TELEGRAM_WEBHOOK_URL, secret, log, starting.signal);
      routes.push({
        path: new URL(config.TELEGRAM_WEBHOOK_URL).pathname, secretHeader: 'x-telegram-bot-api-secret-token', secret,
        accepts: isTelegramUpdate, accept: telegram.accept!,
      });
      log(`Telegram: webhook mode (${new URL(config.TELEGRAM_WEBHOOK_URL).pathname}).`);
    } else {
      telegram = await startPolling(bot, inbox, log, starting.signal);
      log(`Telegram: long polling as @${bot.botInfo.username}.`);
    }
    stops.push(telegram.stop);
  }
  if (config.ZALO_BOT_TOKEN) {
    const zalo: RunningZalo = await startZalo(dialog, {
      token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_API_ROOT, webhookUrl: config.ZALO_WEBHOOK_URL,
      webhookSecret: config.ZALO_WEBHOOK_SECRET, log, inbox, outbox, signal: starting.signal,
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
  stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + STOP_WITHIN_MS;
    // whatever hangs, the process ends in time: what is recorded stays recorded, unsent replies wait in the outbox
    setTimeout(() => { log(`${signal}: could not finish within ${STOP_WITHIN_MS / 1000} s; exiting.`); process.exit(1); }, STOP_WITHIN_MS).unref();
    log(`${signal}: stopping; replies in progress finish first.`);
    await server?.stop();
    await Promise.all(stops.map((s) => s().catch((e: Error) => log(`stop: ${e.message}`))));
    if (!(await inbox.drain(Math.min(deadline - 2000, Date.now() + FINISH_REPLIES_MS)))) {
      log('replies still being sent are cut off; they stay in the outbox for the next start');
    }
    outbox.stop();
    await inbox.drain(deadline - 1000);
    await records.close();
    log('Stopped.');
    process.exit(0);
  };
}
main().catch((err) => {
  log(`fatal: ${(err as Error).message}`);
  process.exit(1);
});
