import { renderEmail, TemplateParamError } from '../src';

const input = (params: Record<string, string>) => ({ displayName: 'Collectif <Les Tours>', publicUrl: 'https://metropotes.example.org/', params });

describe('prospect-invitation e-mail', () => {
  it('carries the personal sign-up link and the do-not-contact link with the same token, URL-encoded', () => {
    const mail = renderEmail('prospect-invitation', input({ token: 'tok/en+1=', validForDays: '30' }));
    expect(mail.subject).toBe('Rejoignez Les Métropotes, le réseau des habitant·es engagé·es de la métropole');
    expect(mail.text).toContain('https://metropotes.example.org/rejoindre?invitation=tok%2Fen%2B1%3D');
    expect(mail.text).toContain('https://metropotes.example.org/ne-plus-me-contacter?token=tok%2Fen%2B1%3D');
    expect(mail.html).toContain('href="https://metropotes.example.org/rejoindre?invitation=tok%2Fen%2B1%3D"');
    expect(mail.html).toContain('href="https://metropotes.example.org/ne-plus-me-contacter?token=tok%2Fen%2B1%3D"');
    expect(mail.text).toContain('Ce lien personnel est valable 30 jours');
    expect(mail.text).toContain('Bonjour Collectif <Les Tours>,');
    expect(mail.html).not.toContain('<Les Tours>');
  });

  it("includes the staff's message as text, escaped in HTML, and leaves it out when there is none", () => {
    const withMessage = renderEmail('prospect-invitation', input({ token: 'abc', message: 'Bravo pour <script>la fête</script> !' }));
    expect(withMessage.text).toContain('Bravo pour <script>la fête</script> !');
    expect(withMessage.html).toContain('Bravo pour &lt;script&gt;la fête&lt;/script&gt; !');
    expect(withMessage.html).not.toContain('<script>');
    const without = renderEmail('prospect-invitation', input({ token: 'abc' }));
    expect(without.text).not.toContain('Bravo');
    expect(without.text).not.toContain('valable');
  });

  it('refuses to render without its token', () => {
    expect(() => renderEmail('prospect-invitation', input({}))).toThrow(TemplateParamError);
  });
});
