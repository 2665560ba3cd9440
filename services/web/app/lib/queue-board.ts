/**
 * Where the gateway's queue board (Bull Board, read-only, staff only) shows in the console. The gateway serves the
 * same board under this very path (gateway/src/admin-queues.ts, CONSOLE_QUEUES_PATH): the board's page loads its
 * scripts and calls its API relative to its base path, so the site forwards the path as it is.
 */
export const QUEUE_BOARD_PATH = '/equipe/files/tableau';

/**
 * The board's own Content-Security-Policy (server/app.ts sets it for QUEUE_BOARD_PATH only): its scripts and
 * styles are its own files, but React sets inline styles and its page holds inline style attributes; nothing
 * from elsewhere (its web font is left out), no framing.
 */
export const QUEUE_BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
