/**
 * The demo data set of the members service: stable ids, so that the seed is idempotent and the other
 * services' seeds can reference these members (federation references, never a join).
 * For local use only: the passwords below are public.
 */

/** The password of every demo member (local use only). */
export const DEMO_MEMBER_PASSWORD = 'Metropotes-demo-2026!';
/** The password of the staff and admin demo accounts (local use only). */
export const DEMO_STAFF_PASSWORD = 'Animation-locale-2026!';

const id = (n: number) => `5eed0001-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const groupId = (n: number) => `5eed0002-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const prospectId = (n: number) => `5eed0007-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const prospectNoteId = (n: number) => `5eed0008-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export interface SeedMember {
  id: string;
  email: string;
  displayName: string;
  role: 'MEMBER' | 'STAFF' | 'ADMIN';
  communeCode: string;
  neighbourhood?: string;
  bio: string;
  interests: string[];
  skills?: string[];
  welcomed: boolean;
  /** Days since the member joined. */
  joinedDaysAgo: number;
  visibility?: 'PUBLIC' | 'MEMBERS' | 'STAFF';
  /** The newcomers' follow-up: their buddy (a demo member's id). */
  buddyId?: string;
  /** Days since their first participation (events' attendance, copied by the workers); absent: not come yet. */
  firstParticipationDaysAgo?: number;
}

export const SEED_ADMIN: SeedMember = {
  id: id(1),
  email: 'admin@metropotes.local',
  displayName: 'Administration Métropop’!',
  role: 'ADMIN',
  communeCode: '93039',
  bio: 'Compte d’administration de la plateforme (démo locale).',
  interests: ['DEMOCRATIE_LOCALE'],
  welcomed: true,
  joinedDaysAgo: 400,
  visibility: 'STAFF',
};

export const SEED_STAFF: SeedMember = {
  id: id(2),
  email: 'animation@metropotes.local',
  displayName: 'Équipe d’animation',
  role: 'STAFF',
  communeCode: '93039',
  neighbourhood: 'Quai de la Marine',
  bio: 'L’équipe d’animation de Métropop’! : le pot du pote chaque mois, les formations, l’accueil des nouveaux membres.',
  interests: ['DEMOCRATIE_LOCALE', 'URBANISME', 'SOLIDARITE'],
  welcomed: true,
  joinedDaysAgo: 390,
  visibility: 'PUBLIC',
};

export const SEED_MEMBERS: SeedMember[] = [
  {
    id: id(10),
    email: 'awa.diallo@exemple.org',
    displayName: 'Awa Diallo',
    role: 'MEMBER',
    communeCode: '93039',
    neighbourhood: 'Quartier Sud',
    bio: 'Habitante de L’Île-Saint-Denis depuis 15 ans, je m’occupe du jardin partagé et je suis le conseil de quartier.',
    interests: ['ENVIRONNEMENT', 'ALIMENTATION', 'DEMOCRATIE_LOCALE'],
    skills: ['jardinage', 'animation de réunion'],
    welcomed: true,
    joinedDaysAgo: 300,
    visibility: 'PUBLIC',
  },
  {
    id: id(11),
    email: 'karim.benali@exemple.org',
    displayName: 'Karim Benali',
    role: 'MEMBER',
    communeCode: '93066',
    neighbourhood: 'Franc-Moisin',
    bio: 'Éducateur à Saint-Denis, je veux que les jeunes du Franc-Moisin aient leur mot à dire sur la rénovation urbaine.',
    interests: ['EDUCATION', 'URBANISME', 'SPORT'],
    skills: ['médiation'],
    welcomed: true,
    joinedDaysAgo: 280,
  },
  {
    id: id(12),
    email: 'sophie.martin@exemple.org',
    displayName: 'Sophie Martin',
    role: 'MEMBER',
    communeCode: '93048',
    neighbourhood: 'Bas-Montreuil',
    bio: 'Urbaniste de formation, bénévole dans une association de locataires à Montreuil.',
    interests: ['LOGEMENT', 'URBANISME'],
    skills: ['lecture de PLU', 'cartographie'],
    welcomed: true,
    joinedDaysAgo: 250,
    visibility: 'PUBLIC',
  },
  {
    id: id(13),
    email: 'mamadou.keita@exemple.org',
    displayName: 'Mamadou Keïta',
    role: 'MEMBER',
    communeCode: '93001',
    neighbourhood: 'Villette – Quatre-Chemins',
    bio: 'Commerçant aux Quatre-Chemins, membre du conseil citoyen d’Aubervilliers.',
    interests: ['EMPLOI', 'DEMOCRATIE_LOCALE'],
    welcomed: true,
    joinedDaysAgo: 240,
  },
  {
    id: id(14),
    email: 'lea.nguyen@exemple.org',
    displayName: 'Léa Nguyen',
    role: 'MEMBER',
    communeCode: '94081',
    neighbourhood: 'Centre-ville',
    bio: 'Étudiante à Vitry-sur-Seine, je m’intéresse aux transports : la ligne 15 va changer nos trajets.',
    interests: ['TRANSPORTS', 'ENVIRONNEMENT', 'NUMERIQUE'],
    skills: ['réseaux sociaux'],
    welcomed: true,
    joinedDaysAgo: 200,
  },
  {
    id: id(15),
    email: 'jean-pierre.roux@exemple.org',
    displayName: 'Jean-Pierre Roux',
    role: 'MEMBER',
    communeCode: '94028',
    neighbourhood: 'Mont-Mesly',
    bio: 'Retraité, ancien élu associatif à Créteil, je partage volontiers ce que je sais des enquêtes publiques.',
    interests: ['URBANISME', 'DEMOCRATIE_LOCALE'],
    skills: ['enquêtes publiques', 'rédaction'],
    welcomed: true,
    joinedDaysAgo: 190,
  },
  {
    id: id(16),
    email: 'fatou.sow@exemple.org',
    displayName: 'Fatou Sow',
    role: 'MEMBER',
    communeCode: '92050',
    neighbourhood: 'Chemin de l’Île',
    bio: 'Maman de trois enfants à Nanterre, engagée pour des cantines bio et des écoles rénovées.',
    interests: ['EDUCATION', 'ALIMENTATION', 'SANTE'],
    welcomed: true,
    joinedDaysAgo: 170,
  },
  {
    id: id(17),
    email: 'thomas.lefevre@exemple.org',
    displayName: 'Thomas Lefèvre',
    role: 'MEMBER',
    communeCode: '92025',
    neighbourhood: 'Petit-Colombes',
    bio: 'Développeur, je donne un coup de main numérique aux associations de Colombes.',
    interests: ['NUMERIQUE', 'CULTURE'],
    skills: ['sites web', 'bureautique'],
    welcomed: true,
    joinedDaysAgo: 150,
  },
  {
    id: id(18),
    email: 'ines.haddad@exemple.org',
    displayName: 'Inès Haddad',
    role: 'MEMBER',
    communeCode: '75056',
    neighbourhood: 'La Chapelle (18e)',
    bio: 'Parisienne du 18e, je milite pour plus d’espaces verts et un budget participatif vraiment ouvert.',
    interests: ['BUDGET_PARTICIPATIF', 'ENVIRONNEMENT'],
    welcomed: true,
    joinedDaysAgo: 120,
    visibility: 'PUBLIC',
  },
  {
    id: id(19),
    email: 'youssef.amrani@exemple.org',
    displayName: 'Youssef Amrani',
    role: 'MEMBER',
    communeCode: '95018',
    neighbourhood: 'Val-d’Argent',
    bio: 'Animateur sportif à Argenteuil, je monte un collectif d’habitants au Val-d’Argent.',
    interests: ['SPORT', 'SOLIDARITE', 'EDUCATION'],
    welcomed: true,
    joinedDaysAgo: 100,
  },
  {
    id: id(20),
    email: 'claire.dubois@exemple.org',
    displayName: 'Claire Dubois',
    role: 'MEMBER',
    communeCode: '94080',
    bio: 'Juriste, je peux aider à rédiger des statuts d’association ou une pétition.',
    interests: ['DEMOCRATIE_LOCALE', 'SOLIDARITE'],
    skills: ['droit des associations'],
    welcomed: true,
    joinedDaysAgo: 80,
  },
  {
    id: id(21),
    email: 'moussa.traore@exemple.org',
    displayName: 'Moussa Traoré',
    role: 'MEMBER',
    communeCode: '93008',
    neighbourhood: 'L’Abreuvoir',
    bio: 'Bobigny, quartier de l’Abreuvoir : je veux comprendre ce que fait Est Ensemble pour le logement.',
    interests: ['LOGEMENT', 'EMPLOI'],
    welcomed: true,
    joinedDaysAgo: 60,
  },
  // Appended last: the other seeds pick members by their index in this list.
  {
    id: id(22),
    email: 'bruno.castel@exemple.org',
    displayName: 'Bruno Castel',
    role: 'MEMBER',
    communeCode: '94041',
    neighbourhood: 'Ivry-Port',
    bio: 'Ivry-Port : je suis de près les chantiers de la ZAC et je le dis sans détour.',
    interests: ['URBANISME', 'TRANSPORTS'],
    welcomed: true,
    joinedDaysAgo: 140,
  },
];

/** Newcomers the animation team has not welcomed yet (welcomeStatus NEW). */
export const SEED_NEWCOMERS: SeedMember[] = [
  {
    id: id(30),
    email: 'nadia.belkacem@exemple.org',
    displayName: 'Nadia Belkacem',
    role: 'MEMBER',
    communeCode: '93070',
    bio: 'Nouvelle à Saint-Ouen, j’aimerais rencontrer des voisins engagés.',
    interests: ['CULTURE', 'SOLIDARITE'],
    welcomed: false,
    joinedDaysAgo: 6,
  },
  {
    id: id(31),
    email: 'lucas.moreau@exemple.org',
    displayName: 'Lucas Moreau',
    role: 'MEMBER',
    communeCode: '92004',
    bio: 'Je découvre la vie associative d’Asnières et je cherche par où commencer.',
    interests: ['ENVIRONNEMENT'],
    welcomed: false,
    joinedDaysAgo: 3,
  },
  {
    id: id(32),
    email: 'aminata.coulibaly@exemple.org',
    displayName: 'Aminata Coulibaly',
    role: 'MEMBER',
    communeCode: '93027',
    bio: 'La Courneuve, quartier des 4000 : je veux participer au prochain pot du pote.',
    interests: ['LOGEMENT', 'EDUCATION'],
    welcomed: false,
    joinedDaysAgo: 1,
  },
  // Joined through her invitation (prospect "Samia Ouali", JOINED): Sophie Martin and Moussa Traoré (Est Ensemble, housing) can be her buddies.
  {
    id: id(33),
    email: 'samia.ouali@exemple.org',
    displayName: 'Samia Ouali',
    role: 'MEMBER',
    communeCode: '93055',
    bio: 'Locataire aux Courtillières à Pantin, je voudrais monter une amicale de locataires.',
    interests: ['LOGEMENT', 'ENVIRONNEMENT'],
    welcomed: false,
    joinedDaysAgo: 2,
  },
];

/**
 * Newcomers followed until they come (welcomed, so not in the staff's list to welcome): Rachid joined five weeks ago
 * and has not come yet (the daily nudge, `npm run jobs -- newcomer-nudges`, writes to him and to his buddy Karim);
 * Camille came to a pot du pote three weeks after joining. Both in « Pas encore venu·es » or not, on /equipe/accueil.
 */
export const SEED_FOLLOWED_NEWCOMERS: SeedMember[] = [
  {
    id: id(40),
    email: 'rachid.belhadj@exemple.org',
    displayName: 'Rachid Belhadj',
    role: 'MEMBER',
    communeCode: '93066',
    neighbourhood: 'Floréal',
    bio: 'Arrivé à Saint-Denis cette année, je cherche comment m’impliquer dans mon quartier.',
    interests: ['SOLIDARITE', 'SPORT'],
    welcomed: true,
    joinedDaysAgo: 35,
    buddyId: id(11),
  },
  {
    id: id(41),
    email: 'camille.roussel@exemple.org',
    displayName: 'Camille Roussel',
    role: 'MEMBER',
    communeCode: '93039',
    bio: 'Nouvelle Île-Dionysienne, venue au pot du pote et ravie de l’accueil.',
    interests: ['CULTURE', 'ENVIRONNEMENT'],
    welcomed: true,
    joinedDaysAgo: 42,
    firstParticipationDaysAgo: 20,
  },
];

/** The member with a warning (the moderation seed's resolved case on him; members records the warning it applied). */
export const SEED_WARNED_MEMBER_ID = id(22);

export const SEED_ALL_MEMBERS: SeedMember[] = [SEED_ADMIN, SEED_STAFF, ...SEED_MEMBERS, ...SEED_NEWCOMERS, ...SEED_FOLLOWED_NEWCOMERS];

export interface SeedGroup {
  id: string;
  name: string;
  description: string;
  communeCode: string;
  website?: string;
  createdBy: string;
  /** Member ids; the first is the group's admin. */
  members: string[];
}

export const SEED_GROUPS: SeedGroup[] = [
  {
    id: groupId(1),
    name: 'Jardin partagé des Quais',
    description: 'Un jardin partagé au bord de la Seine, ouvert aux habitants tous les samedis matin.',
    communeCode: '93039',
    createdBy: id(10),
    members: [id(10), id(11), id(2)],
  },
  {
    id: groupId(2),
    name: 'Locataires solidaires du Bas-Montreuil',
    description: 'Association de locataires : permanences, accompagnement face aux bailleurs, actions collectives.',
    communeCode: '93048',
    website: 'https://locataires-bas-montreuil.exemple.org',
    createdBy: id(12),
    members: [id(12), id(21), id(20)],
  },
  {
    id: groupId(3),
    name: 'Collectif Ligne 15 Sud',
    description: 'Habitants du Val-de-Marne qui suivent les chantiers du Grand Paris Express et leurs effets sur les quartiers.',
    communeCode: '94081',
    createdBy: id(14),
    members: [id(14), id(15)],
  },
  {
    id: groupId(4),
    name: 'Parents d’élèves du Chemin de l’Île',
    description: 'Des parents qui se mobilisent pour la rénovation des écoles et la qualité des cantines à Nanterre.',
    communeCode: '92050',
    createdBy: id(16),
    members: [id(16), id(17), id(18)],
  },
];

/**
 * Outreach: local actors the staff spotted, in several territories and from every kind of source, in every status but
 * one JOINED through the invitation of a demo newcomer. Times are days before the seed's now; `nextStepInDays` < 0 is a
 * follow-up overdue (the console's "à relancer").
 */
export interface SeedProspect {
  id: string;
  name: string;
  kind: 'PERSON' | 'COLLECTIVE' | 'ASSOCIATION';
  communeCode: string;
  themes: string[];
  contact: { email?: string; phone?: string; website?: string } | null;
  /** WATCH_ITEM: index in the guide seed's stable watch items; EVENT: index in the events seed's demo events. */
  source: { kind: 'WATCH_ITEM'; watchItem: number } | { kind: 'EVENT'; event: number } | { kind: 'FREE_TEXT' };
  sourceNote: string | null;
  status: 'SPOTTED' | 'CONTACTED' | 'INTERESTED' | 'JOINED' | 'DECLINED' | 'NOT_NOW';
  spottedDaysAgo: number;
  contactedDaysAgo?: number;
  /** JOINED: the member account opened with the invitation (joined when the member did). */
  joinedMemberId?: string;
  declinedDaysAgo?: number;
  nextStepInDays: number | null;
  notes: { id: string; daysAgo: number; text: string }[];
}

export const SEED_PROSPECTS: SeedProspect[] = [
  {
    id: prospectId(1),
    name: 'Amicale des locataires Pablo-Picasso',
    kind: 'ASSOCIATION',
    communeCode: '92050',
    themes: ['LOGEMENT'],
    contact: { email: 'amicale.picasso@exemple.org', phone: '01 47 00 00 01' },
    source: { kind: 'WATCH_ITEM', watchItem: 0 },
    sourceNote: 'Repérée dans la veille : elle demande une concertation sur la rénovation.',
    status: 'CONTACTED',
    spottedDaysAgo: 18,
    contactedDaysAgo: 12,
    nextStepInDays: -1,
    notes: [
      { id: prospectNoteId(1), daysAgo: 12, text: 'Premier appel avec la présidente : intéressée par la formation sur les enquêtes publiques.' },
      { id: prospectNoteId(2), daysAgo: 5, text: 'Pas de réponse au courriel de suivi. Relancer par téléphone après leur assemblée générale.' },
    ],
  },
  {
    id: prospectId(2),
    name: 'Repair café de Bobigny',
    kind: 'COLLECTIVE',
    communeCode: '93008',
    themes: ['SOLIDARITE', 'ENVIRONNEMENT'],
    contact: { email: 'repaircafe.bobigny@exemple.org', website: 'https://repaircafe-bobigny.exemple.org' },
    source: { kind: 'FREE_TEXT' },
    sourceNote: 'Rencontré au forum des associations de Bobigny.',
    status: 'INTERESTED',
    spottedDaysAgo: 22,
    contactedDaysAgo: 15,
    nextStepInDays: 5,
    notes: [{ id: prospectNoteId(3), daysAgo: 9, text: 'Partants pour présenter le repair café au prochain pot du pote.' }],
  },
  {
    id: prospectId(3),
    name: 'Samia Ouali',
    kind: 'PERSON',
    communeCode: '93055',
    themes: ['LOGEMENT'],
    contact: { email: 'samia.ouali@exemple.org' },
    source: { kind: 'FREE_TEXT' },
    sourceNote: 'Rencontrée à la permanence des locataires du Bas-Montreuil.',
    status: 'JOINED',
    spottedDaysAgo: 16,
    contactedDaysAgo: 10,
    joinedMemberId: id(33),
    nextStepInDays: null,
    notes: [{ id: prospectNoteId(4), daysAgo: 10, text: 'Invitation envoyée après la permanence ; elle veut créer une amicale aux Courtillières.' }],
  },
  {
    id: prospectId(4),
    name: 'Conseil citoyen de Vitry-Centre',
    kind: 'COLLECTIVE',
    communeCode: '94081',
    themes: ['TRANSPORTS', 'DEMOCRATIE_LOCALE'],
    contact: { email: 'conseil.citoyen.vitry@exemple.org' },
    source: { kind: 'EVENT', event: 3 },
    sourceNote: 'Deux membres du conseil citoyen viennent au Métrokawa sur la ligne 15 : les rencontrer sur place.',
    status: 'SPOTTED',
    spottedDaysAgo: 3,
    nextStepInDays: 30,
    notes: [],
  },
  {
    id: prospectId(5),
    name: 'Boulogne à vélo',
    kind: 'ASSOCIATION',
    communeCode: '92012',
    themes: ['TRANSPORTS'],
    contact: { website: 'https://boulogne-a-velo.exemple.org' },
    source: { kind: 'WATCH_ITEM', watchItem: 1 },
    sourceNote: null,
    status: 'NOT_NOW',
    spottedDaysAgo: 25,
    contactedDaysAgo: 20,
    nextStepInDays: 60,
    notes: [{ id: prospectNoteId(5), daysAgo: 19, text: 'Pas avant la fin de leur campagne d’adhésions : recontacter au printemps.' }],
  },
  {
    id: prospectId(6),
    name: 'Épicerie solidaire du Mont-Mesly',
    kind: 'ASSOCIATION',
    communeCode: '94028',
    themes: ['SOLIDARITE', 'ALIMENTATION'],
    contact: null,
    source: { kind: 'FREE_TEXT' },
    sourceNote: 'Signalée par Jean-Pierre Roux.',
    status: 'DECLINED',
    spottedDaysAgo: 24,
    contactedDaysAgo: 21,
    declinedDaysAgo: 8,
    nextStepInDays: null,
    notes: [
      { id: prospectNoteId(6), daysAgo: 8, text: 'Ne souhaitent pas rejoindre un réseau pour l’instant ; coordonnées effacées à leur demande.' },
    ],
  },
  {
    id: prospectId(7),
    name: 'Les Voisins du Vieux-Saint-Ouen',
    kind: 'COLLECTIVE',
    communeCode: '93070',
    themes: ['CULTURE', 'SOLIDARITE'],
    contact: { email: 'voisins.vieux-saint-ouen@exemple.org' },
    source: { kind: 'WATCH_ITEM', watchItem: 2 },
    sourceNote: null,
    status: 'SPOTTED',
    spottedDaysAgo: 1,
    nextStepInDays: 6,
    notes: [],
  },
];

/** Large-scale data set (`--scale large`): how many generated members. */
export const LARGE_MEMBER_COUNT = 50_000;
/** The id of the n-th generated member (1-based), as SQL and as JS compute it: md5('metropotes-seed-member-' || n)::uuid. */
export const largeMemberIdSql = (n: string) => `md5('metropotes-seed-member-' || ${n})::uuid`;
