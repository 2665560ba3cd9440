/**
 * The last error of a veille feed, in plain French for the staff console (app/lib/feed-error.ts): the feed poller's own
 * messages (services/workers/src/feeds/feed-fetch.ts) and raw technical text both become a sentence saying what to do.
 */
import { FEED_MESSAGES } from '../../workers/src/feeds/feed-fetch';
import { feedErrorInPlainFrench } from '../app/lib/feed-error';

const cases: Array<[string, RegExp]> = [
  ['getaddrinfo ENOTFOUND journal.example.org', /introuvable : l'adresse est peut-être mal écrite/],
  [FEED_MESSAGES.unreachable, /introuvable/],
  ['connect ECONNREFUSED 203.0.113.7:443', /n'a pas accepté la connexion/],
  ['ETIMEDOUT', /trop de temps à répondre/],
  [FEED_MESSAGES.timedOut, /trop de temps à répondre/],
  [FEED_MESSAGES.httpError(404), /n'existe plus sur le site \(erreur 404\)/],
  [FEED_MESSAGES.httpError(410), /n'existe plus/],
  [FEED_MESSAGES.httpError(403), /accès interdit/],
  [FEED_MESSAGES.httpError(500), /en panne de son côté/],
  [FEED_MESSAGES.httpError(503), /en panne de son côté/],
  [FEED_MESSAGES.httpError(418), /erreur \(code 418\)/],
  ['Unexpected close tag at line 3: invalid XML', /pas un flux d'actualités lisible/],
  [FEED_MESSAGES.unreadable, /pas un flux d'actualités lisible/],
  [FEED_MESSAGES.tooBig(5_000_000), /trop gros/],
  [FEED_MESSAGES.refused, /pas celle d'un site public/],
  [FEED_MESSAGES.tooManyRedirects, /renvoie ailleurs/],
  ['unable to verify the first certificate', /certificat/],
  ['something nobody foresaw', /La dernière lecture du flux a échoué/],
];

it.each(cases)('says %j in plain French', (raw, expected) => {
  const sentence = feedErrorInPlainFrench(raw);
  expect(sentence).toMatch(expected);
  // No technical word reaches the sentence.
  expect(sentence).not.toMatch(/ENOTFOUND|ECONN|ETIMEDOUT|HTTP|XML|getaddrinfo/);
});
