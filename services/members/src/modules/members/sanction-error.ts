import { formatParisTime } from '@metropotes/french-time';
import { apiError } from '@metropotes/graphql-kit';
import type { GraphQLError } from 'graphql';

/**
 * The refusal a banned or currently suspended member gets when they try to write (null: they may).
 * Log-in and refresh answer the same (AccountService); members' own writes check it too (MemberService). `now` is the
 * service's clock: `suspended_until` is an instant of that clock (the moderation decision's end, checked against it).
 */
export function sanctionError(member: { bannedAt: Date | null; suspendedUntil: Date | null }, now: Date): GraphQLError | null {
  if (member.bannedAt) return apiError('FORBIDDEN', "Ce compte a été exclu du réseau par l'équipe de modération.");
  if (member.suspendedUntil && member.suspendedUntil > now) {
    // « jeudi 3 décembre à 18 h 30 », as the site and the e-mails write times (the year when it is not this year's).
    const until = formatParisTime(member.suspendedUntil, { now });
    return apiError('FORBIDDEN', `Ce compte est suspendu jusqu'au ${until}.`, { suspendedUntil: member.suspendedUntil.toISOString() });
  }
  return null;
}
