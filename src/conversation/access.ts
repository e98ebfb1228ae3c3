/**
 * One access policy in front of every input on every channel (messages, commands, buttons, typed
 * follow-ups, stickers and photos): the allowlist, the rate limit and the admin check, each with one text.
 * Ids name their channel ("telegram:123", "zalo:abc"), so an id of one channel grants nothing on another.
 */
import { RateLimiter } from './rate-limit.js';

/** The one text of each refusal. */
export const REFUSALS = {
  notAllowed: 'Xin lỗi, bot này chỉ phục vụ các đơn vị được cấp quyền. Vui lòng liên hệ quản trị viên để được thêm vào danh sách.',
  tooFast: 'Bạn đang hỏi hơi nhanh. Vui lòng chờ một phút rồi hỏi tiếp nhé.',
  adminOnly: 'Lệnh này chỉ dành cho quản trị viên.',
} as const;

/** What the access policy is built from (the configuration's ids and rate limit). */
export interface AccessOptions {
  /** Inputs per user per minute, every kind counted. */
  rateLimitPerMinute: number;
  /** Chats and users allowed, as "channel:id"; none: everyone. */
  allowedIds?: string[];
  /** Users allowed the admin commands, as "channel:id". */
  adminIds?: string[];
}

/** The allowlist, the rate limit and the admin check, for every input. */
export class AccessPolicy {
  private readonly limiter: RateLimiter;
  private readonly allowed?: Set<string>;
  private readonly admins: Set<string>;

  constructor(opts: AccessOptions) {
    this.limiter = new RateLimiter(opts.rateLimitPerMinute, 60_000);
    this.allowed = opts.allowedIds?.length ? new Set(opts.allowedIds) : undefined;
    this.admins = new Set(opts.adminIds ?? []);
  }

  /** Whether this chat or user of this channel may use the bot (no allowlist: everyone). */
  isAllowed(channel: string, chatId: string, userId: string): boolean {
    return !this.allowed || this.allowed.has(`${channel}:${chatId}`) || this.allowed.has(`${channel}:${userId}`);
  }

  /** Whether this user of this channel may run the admin commands. */
  isAdmin(channel: string, userId: string): boolean {
    return this.admins.has(`${channel}:${userId}`);
  }

  /** The refusal for one input, or undefined when it may go on; an input let through counts toward the rate limit. */
  admit(channel: string, chatId: string, userId: string): string | undefined {
    if (!this.isAllowed(channel, chatId, userId)) return REFUSALS.notAllowed;
    if (!this.limiter.allow(`${channel}:${userId}`)) return REFUSALS.tooFast;
    return undefined;
  }
}
