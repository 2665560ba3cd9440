import { detectCommunes } from '../src/modules/shared/communes';
import { slugify } from '../src/modules/shared/text';
import { normalizeUrl } from '../src/modules/watch/normalize-url';

describe('commune detection in running text', () => {
  it('finds communes whatever the accents, case, hyphens and apostrophes', () => {
    expect(detectCommunes("Une fête des voisins à l'ile saint denis")).toEqual(['93039']);
    expect(detectCommunes("L'ÎLE-SAINT-DENIS lance son budget participatif")).toEqual(['93039']);
    expect(detectCommunes('Montreuil et Saint-Denis mutualisent leurs jardins')).toEqual(['93048', '93066']);
  });

  it('takes the longest name: L’Île-Saint-Denis is not also Saint-Denis', () => {
    expect(detectCommunes("À L'Île-Saint-Denis, près de Saint-Denis")).toEqual(['93039', '93066']);
    expect(detectCommunes("À L'Île-Saint-Denis")).toEqual(['93039']);
  });

  it('matches whole words only, and ignores names that are ordinary words', () => {
    expect(detectCommunes('Des espaces verts et un vert pâturage, us et coutumes')).toEqual([]);
    expect(detectCommunes('Les parisiens')).toEqual([]);
    expect(detectCommunes('Paris')).toEqual(['75056']);
    expect(detectCommunes('Le conseil départemental de Seine-Saint-Denis')).toEqual([]);
  });

  it('understands names without their article ("au Blanc-Mesnil", "aux Lilas")', () => {
    expect(detectCommunes('Une maraude au Blanc-Mesnil')).toEqual(['93007']);
    expect(detectCommunes('Un concert aux Lilas')).toEqual(['93045']);
  });
});

describe('URL normalisation of the veille', () => {
  it('lower-cases the host, drops fragment, utm_* parameters and trailing slash', () => {
    expect(normalizeUrl('HTTPS://WWW.Example.ORG/Actu/Projet/?utm_source=x&id=3&UTM_medium=y#haut')).toBe('https://www.example.org/Actu/Projet?id=3');
    expect(normalizeUrl('https://example.org/')).toBe('https://example.org');
    expect(normalizeUrl('https://example.org:443/a')).toBe('https://example.org/a');
    expect(normalizeUrl('ftp://example.org/a')).toBeNull();
    expect(normalizeUrl('pas une url')).toBeNull();
  });
});

describe('slugs', () => {
  it('are made from the title, folded', () => {
    expect(slugify("Créer un conseil de quartier à L'Île-Saint-Denis !")).toBe('creer-un-conseil-de-quartier-a-l-ile-saint-denis');
    expect(slugify('!!!')).toBe('fiche');
  });
});
