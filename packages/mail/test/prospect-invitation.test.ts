import { fillSecretLinks, renderEmail, SECRET_LINK_PLACEHOLDER } from '../src';

const input = (params: Record<string, string>) => ({ displayName: 'Collectif <Les Tours>', publicUrl: 'https://metropotes.example.org/', params });

describe('prospect-invitation e-mail', () => {
  it('carries the personal sign-up link and the do-not-contact link, the token masked; both get the same one at delivery, URL-encoded', () => {
    const mail = renderEmail('prospect-invitation', input({ validForDays: '30' }));
    expect(mail.subject).toBe('Rejoignez Les Métropotes, le réseau des habitant·es engagé·es de la métropole');
    expect(mail.text).toContain(`https://metropotes.example.org/rejoindre?invitation=${SECRET_LINK_PLACEHOLDER}`);
    expect(mail.text).toContain(`https://metropotes.example.org/ne-plus-me-contacter?token=${SECRET_LINK_PLACEHOLDER}`);
    expect(mail.html).toContain(`href="https://metropotes.example.org/rejoindre?invitation=${SECRET_LINK_PLACEHOLDER}"`);
    const text = fillSecretLinks(mail.text, 'tok/en+1=', 'text');
    const html = fillSecretLinks(mail.html, 'tok/en+1=', 'html');
    expect(text).toContain('https://metropotes.example.org/rejoindre?invitation=tok%2Fen%2B1%3D');
    expect(text).toContain('https://metropotes.example.org/ne-plus-me-contacter?token=tok%2Fen%2B1%3D');
    expect(html).toContain('href="https://metropotes.example.org/rejoindre?invitation=tok%2Fen%2B1%3D"');
    expect(html).toContain('href="https://metropotes.example.org/ne-plus-me-contacter?token=tok%2Fen%2B1%3D"');
    expect(mail.text).toContain('Ce lien personnel est valable 30 jours');
    expect(mail.text).toContain('Bonjour Collectif <Les Tours>,');
    expect(mail.html).not.toContain('<Les Tours>');
  });

  it("includes the staff's message as text, escaped in HTML, and leaves it out when there is none", () => {
    const withMessage = renderEmail('prospect-invitation', input({ message: 'Bravo pour <script>la fête</script> !' }));
    expect(withMessage.text).toContain('Bravo pour <script>la fête</script> !');
    expect(withMessage.html).toContain('Bravo pour &lt;script&gt;la fête&lt;/script&gt;&nbsp;!');
    expect(withMessage.html).not.toContain('<script>');
    const without = renderEmail('prospect-invitation', input({}));
    expect(without.text).not.toContain('Bravo');
    expect(without.text).not.toContain('valable');
  });

  it("neutralises the placeholder in the staff's message: the secret goes in the links only", () => {
    const mail = renderEmail('prospect-invitation', input({ message: `Cliquez ici : https://ailleurs.example/?t=${SECRET_LINK_PLACEHOLDER}` }));
    expect(fillSecretLinks(mail.text, 'secret', 'text').match(/secret/g)).toHaveLength(2);
  });
});
