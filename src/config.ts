/**
 * Configuration from the environment, validated with zod at start. Errors name the variable and what is
 * wrong with it, never its value (tokens and secrets are not echoed).
 */
import { z } from 'zod';
import { DEFAULT_DATA_FILE, DEFAULT_INDEX_FILE, DEFAULT_SEEDS_DIR } from './paths.js';

// An id names its channel: a Telegram id and a Zalo id may be the same string and are different people.
const idList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^(?:telegram:-?\d{1,20}|zalo:[A-Za-z0-9_.-]{1,64}|terminal:[A-Za-z0-9_.-]{1,64})$/,
    'write each id with its channel, e.g. telegram:123456789 or zalo:abc123 (a bare id could be either channel\'s)')));

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const ConfigSchema = z.object({
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d{5,}:[A-Za-z0-9_-]{30,}$/, 'looks like 123456789:ABC… as BotFather gives it')),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optional(z.string().url().refine((u) => u.startsWith('https://') || u.startsWith('http://127.') || u.startsWith('http://localhost'), 'must be https')),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16-256 characters of A-Z, a-z, 0-9, _ and -')),
  ZALO_BOT_TOKEN: optional(z.string().min(10, 'too short for a Zalo bot token').regex(/^\S+$/, 'has spaces')),
  ZALO_API_ROOT: z.string().url().default('https://bot-api.zaloplatforms.com'),
  ZALO_WEBHOOK_URL: optional(z.string().url()),
  ZALO_WEBHOOK_SECRET: optional(z.string().min(8, 'at least 8 characters').max(256)),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  ALLOWED_CHAT_IDS: optional(idList),
  ADMIN_IDS: optional(idList),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  DATA_FILE: z.string().default(DEFAULT_DATA_FILE),
  INDEX_FILE: z.string().default(DEFAULT_INDEX_FILE),
  SEEDS_DIR: z.string().default(DEFAULT_SEEDS_DIR),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (configuration error):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.ZALO_WEBHOOK_URL && !c.ZALO_WEBHOOK_SECRET) {
    throw new Error('Cấu hình không hợp lệ (configuration error):\n  ZALO_WEBHOOK_SECRET: required when ZALO_WEBHOOK_URL is set');
  }
  return c;
}
