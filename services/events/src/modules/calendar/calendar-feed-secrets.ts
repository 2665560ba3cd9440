import { deriveKey, keyedSecret } from '@metropotes/auth';
import { createHash } from 'node:crypto';

/** The HKDF info of the key: CALENDAR_FEED_KEY serves this use only, under this name. */
const KEY_INFO = 'metropotes:events:calendar-feed-urls:v1';

/** The secret part of a feed URL: 32 URL-safe characters (24 bytes). */
export const FEED_SECRET_RE = /^[A-Za-z0-9_-]{32}$/;

/** What events stores of a feed secret, and looks it up by. */
export const hashFeedSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/**
 * The secret of a member's private calendar feed URL: `base64url(HMAC-SHA256(K, memberId + ':' + version))` cut to
 * 24 bytes, K derived with HKDF from CALENDAR_FEED_KEY (a key only events holds; its gateway secret would not do: it
 * differs between deployment steps). The member's URL can be given again whenever they ask, while events stores only
 * the SHA-256 of the secret (`calendar_feeds.token_hash`), looked up by hash; a reset bumps the version.
 */
export class CalendarFeedSecrets {
  private readonly key: Buffer;

  constructor(calendarFeedKey: string) {
    this.key = deriveKey(calendarFeedKey, KEY_INFO);
  }

  secretOf(memberId: string, version: number): string {
    return keyedSecret(this.key, `${memberId}:${version}`, 24);
  }
}
