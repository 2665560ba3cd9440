import { describeSmtpError, isPermanentSmtpError } from '../src/mail/smtp-sender';

const smtpError = (fields: { code?: string; responseCode?: number }, message = 'refused') => Object.assign(new Error(message), fields);

describe('SMTP failures: retry or give up', () => {
  it.each([
    ['a 5xx answer', smtpError({ code: 'EENVELOPE', responseCode: 550 }), true],
    ['a 5xx answer to the message', smtpError({ code: 'EMESSAGE', responseCode: 554 }), true],
    ['an address refused before any answer', smtpError({ code: 'EENVELOPE' }), true],
    ['a 4xx answer', smtpError({ code: 'EENVELOPE', responseCode: 421 }), false],
    ['a timeout', smtpError({ code: 'ETIMEDOUT' }), false],
    ['a refused connection', smtpError({ code: 'ECONNECTION' }), false],
    ['a broken socket', smtpError({ code: 'ESOCKET' }), false],
    ['wrong SMTP credentials (a configuration problem)', smtpError({ code: 'EAUTH', responseCode: 535 }), false],
    ['anything else', new Error('boom'), false],
  ])('%s', (_what, error, permanent) => {
    expect(isPermanentSmtpError(error)).toBe(permanent);
  });

  it('describes an error with its code and SMTP answer', () => {
    expect(describeSmtpError(smtpError({ code: 'EENVELOPE', responseCode: 550 }, 'Boîte inconnue'))).toBe('[EENVELOPE 550] Boîte inconnue');
  });
});
