/** The demo fiches of the guide, its actors and the veille (stable ids and slugs: the seed is idempotent). */

const actorId = (n: number) => `5eed0005-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const sourceId = (n: number) => `5eed0006-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const watchItemId = (n: number) => `5eed000a-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const proposedRevisionId = (n: number) => `5eed000b-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export interface SeedActor {
  id: string;
  kind: string;
  name: string;
  scale: string;
  communeCode: string | null;
  website: string | null;
  contact: string | null;
  description: string;
}

export const SEED_ACTORS: SeedActor[] = [
  {
    id: actorId(1),
    kind: 'MAIRIE',
    name: 'Mairie de L’Île-Saint-Denis',
    scale: 'COMMUNE',
    communeCode: '93039',
    website: 'https://www.lilesaintdenis.fr',
    contact: '1 rue Méchin, 93450 L’Île-Saint-Denis',
    description: 'La commune : écoles, voirie locale, conseils de quartier, subventions aux associations.',
  },
  {
    id: actorId(2),
    kind: 'CONSEIL_DE_QUARTIER',
    name: 'Conseil de quartier Sud de L’Île-Saint-Denis',
    scale: 'QUARTIER',
    communeCode: '93039',
    website: null,
    contact: 'Par la mairie, service démocratie locale',
    description: 'Instance ouverte aux habitants du quartier, réunie plusieurs fois par an avec des élus.',
  },
  {
    id: actorId(3),
    kind: 'EPT',
    name: 'Plaine Commune',
    scale: 'TERRITOIRE',
    communeCode: null,
    website: 'https://plainecommune.fr',
    contact: '21 avenue Jules-Rimet, 93200 Saint-Denis',
    description: 'L’établissement public territorial de neuf communes de Seine-Saint-Denis : urbanisme (PLUi), propreté, voirie, habitat.',
  },
  {
    id: actorId(4),
    kind: 'EPT',
    name: 'Est Ensemble',
    scale: 'TERRITOIRE',
    communeCode: null,
    website: 'https://www.est-ensemble.fr',
    contact: '100 avenue Gaston-Roussel, 93230 Romainville',
    description: 'L’établissement public territorial de neuf communes de l’est de la Seine-Saint-Denis.',
  },
  {
    id: actorId(5),
    kind: 'METROPOLE',
    name: 'Métropole du Grand Paris',
    scale: 'METROPOLE',
    communeCode: null,
    website: 'https://www.metropolegrandparis.fr',
    contact: '15-19 avenue Pierre-Mendès-France, 75013 Paris',
    description: 'Paris et 130 communes : aménagement, environnement (zone à faibles émissions), développement économique.',
  },
  {
    id: actorId(6),
    kind: 'DEPARTEMENT',
    name: 'Département de la Seine-Saint-Denis',
    scale: 'DEPARTEMENT',
    communeCode: null,
    website: 'https://seinesaintdenis.fr',
    contact: 'Hôtel du Département, 93000 Bobigny',
    description: 'Collèges, action sociale, parcs départementaux ; un budget participatif écologique et solidaire.',
  },
  {
    id: actorId(7),
    kind: 'REGION',
    name: 'Région Île-de-France',
    scale: 'REGION',
    communeCode: null,
    website: 'https://www.iledefrance.fr',
    contact: '2 rue Simone-Veil, 93400 Saint-Ouen-sur-Seine',
    description: 'Lycées, transports (avec Île-de-France Mobilités), formation professionnelle.',
  },
  {
    id: actorId(8),
    kind: 'PREFECTURE',
    name: 'Préfecture de la Seine-Saint-Denis',
    scale: 'DEPARTEMENT',
    communeCode: null,
    website: 'https://www.seine-saint-denis.gouv.fr',
    contact: '1 esplanade Jean-Moulin, 93000 Bobigny',
    description: 'L’État dans le département : enregistre les associations, organise des enquêtes publiques.',
  },
  {
    id: actorId(9),
    kind: 'CONSEIL_CITOYEN',
    name: 'Conseil citoyen d’Aubervilliers',
    scale: 'QUARTIER',
    communeCode: '93001',
    website: null,
    contact: 'Maison de la vie associative d’Aubervilliers',
    description: 'Habitants et associations des quartiers prioritaires, associés au contrat de ville.',
  },
  {
    id: actorId(10),
    kind: 'MAIRIE',
    name: 'Mairie de Paris – budget participatif',
    scale: 'COMMUNE',
    communeCode: '75056',
    website: 'https://budgetparticipatif.paris.fr',
    contact: 'Hôtel de Ville, 75004 Paris',
    description: 'Le budget participatif de Paris : dépôt des projets, instruction, vote.',
  },
];

export interface SeedArticle {
  slug: string;
  title: string;
  summary: string;
  body: string;
  scales: string[];
  themes: string[];
  steps: { title: string; text: string }[];
  actors: number[];
  communeCodes: string[];
}

export const SEED_ARTICLES: SeedArticle[] = [
  {
    slug: 'saisir-son-conseil-de-quartier',
    title: 'Saisir son conseil de quartier',
    summary: 'Faire inscrire un sujet à l’ordre du jour du conseil de quartier et obtenir une réponse des élus.',
    body: 'Le **conseil de quartier** est obligatoire dans les communes de plus de 80 000 habitants et existe dans beaucoup d’autres. Il est ouvert aux habitants et peut interpeller la mairie sur tout sujet du quartier : propreté, sécurité routière, équipements.\n\nUn sujet bien préparé, porté par plusieurs habitants, a bien plus de chances d’aboutir.',
    scales: ['QUARTIER', 'COMMUNE'],
    themes: ['DEMOCRATIE_LOCALE'],
    steps: [
      {
        title: 'Trouver son conseil de quartier',
        text: 'Demandez au service démocratie locale de la mairie le calendrier des réunions et le nom de l’élu référent.',
      },
      { title: 'Préparer le sujet', text: 'Décrivez le problème en quelques lignes, avec des photos et, si possible, une proposition.' },
      { title: 'Demander l’inscription à l’ordre du jour', text: 'Écrivez au bureau du conseil au moins trois semaines avant la séance.' },
      { title: 'Venir nombreux', text: 'Invitez vos voisins : un sujet porté par plusieurs habitants pèse davantage.' },
      { title: 'Suivre la réponse', text: 'Demandez que la réponse figure au compte rendu, et relancez à la séance suivante.' },
    ],
    actors: [1, 2],
    communeCodes: ['93039'],
  },
  {
    slug: 'lancer-une-petition-locale',
    title: 'Lancer une pétition locale',
    summary: 'Rédiger, diffuser et remettre une pétition à la bonne autorité, et utiliser le droit de pétition des collectivités.',
    body: 'Une pétition sert à montrer qu’un sujet concerne beaucoup de monde. Certaines collectivités (Paris, la Région, des départements) ont un **droit de pétition** : au-delà d’un seuil de signatures, le sujet doit être débattu en séance.\n\nChoisissez bien le destinataire : la commune, l’EPT ou le département n’ont pas les mêmes compétences.',
    scales: ['COMMUNE', 'TERRITOIRE', 'DEPARTEMENT'],
    themes: ['DEMOCRATIE_LOCALE', 'SOLIDARITE'],
    steps: [
      { title: 'Identifier qui décide', text: 'Vérifiez dans ce guide quelle collectivité est compétente pour votre sujet.' },
      { title: 'Rédiger un texte court', text: 'Un constat, une demande précise, un destinataire. Une page au plus.' },
      { title: 'Collecter les signatures', text: 'En ligne et sur papier, au marché, à la sortie des écoles ; notez nom, commune et signature.' },
      { title: 'Remettre la pétition', text: 'Demandez un rendez-vous pour la remettre, prévenez la presse locale.' },
    ],
    actors: [1, 6, 7],
    communeCodes: [],
  },
  {
    slug: 'proposer-un-projet-au-budget-participatif',
    title: 'Proposer un projet au budget participatif',
    summary: 'Déposer un projet d’investissement, le défendre pendant l’instruction et faire campagne pour le vote.',
    body: 'Plusieurs communes de la Métropole (Paris, Montreuil, Saint-Denis…) et le département de la Seine-Saint-Denis consacrent une part de leur budget d’investissement à des projets proposés puis votés par les habitants.\n\nLe projet doit relever des compétences de la collectivité et être un **investissement** (un aménagement, un équipement), pas un fonctionnement.',
    scales: ['COMMUNE', 'DEPARTEMENT'],
    themes: ['BUDGET_PARTICIPATIF', 'DEMOCRATIE_LOCALE'],
    steps: [
      {
        title: 'Repérer le calendrier',
        text: 'Le dépôt des projets ouvre en général quelques semaines par an ; inscrivez-vous aux alertes de la collectivité.',
      },
      { title: 'Construire le projet à plusieurs', text: 'Un lieu précis, un besoin, une estimation du coût ; rencontrez les voisins concernés.' },
      { title: 'Déposer le projet', text: 'Sur la plateforme de la collectivité, avec photos et plan si possible.' },
      { title: 'Suivre l’instruction', text: 'Les services étudient la faisabilité : répondez vite à leurs questions, acceptez les regroupements.' },
      { title: 'Faire campagne', text: 'Affiches, réseaux, stands : expliquez votre projet avant et pendant le vote.' },
    ],
    actors: [10, 6],
    communeCodes: ['75056', '93048', '93066'],
  },
  {
    slug: 'interpeller-son-ept',
    title: 'Interpeller son établissement public territorial (EPT)',
    summary: 'Comprendre ce que fait votre EPT (PLUi, propreté, habitat) et porter une demande à ses élus.',
    body: 'Les onze **établissements publics territoriaux** de la Métropole (Plaine Commune, Est Ensemble, Grand-Orly Seine Bièvre…) exercent des compétences que beaucoup d’habitants attribuent à leur mairie : le plan local d’urbanisme intercommunal, la collecte des déchets, l’assainissement, une partie de la politique de la ville.\n\nLeurs conseils sont publics et leurs délibérations en ligne.',
    scales: ['TERRITOIRE'],
    themes: ['URBANISME', 'DEMOCRATIE_LOCALE'],
    steps: [
      { title: 'Vérifier la compétence', text: 'Consultez la liste des compétences sur le site de l’EPT.' },
      { title: 'Assister au conseil de territoire', text: 'Les séances sont publiques ; l’ordre du jour est publié quelques jours avant.' },
      {
        title: 'Écrire au président et aux conseillers de votre commune',
        text: 'Un courrier collectif, signé par des associations, avec une demande précise.',
      },
      { title: 'Demander un rendez-vous', text: 'Avec le vice-président chargé du sujet ; venez à trois ou quatre, avec un dossier.' },
    ],
    actors: [3, 4],
    communeCodes: ['93039', '93066', '93001', '93048', '93008'],
  },
  {
    slug: 'participer-a-une-enquete-publique',
    title: 'Participer à une enquête publique',
    summary: 'Lire le dossier, rencontrer le commissaire enquêteur et déposer une observation qui compte.',
    body: 'Avant un grand projet (ligne de métro, ZAC, révision d’un PLU), une **enquête publique** permet à chacun de donner son avis. Le commissaire enquêteur, indépendant, rend un rapport et un avis motivé que l’autorité doit prendre en compte.\n\nLes observations argumentées et collectives pèsent plus que les avis isolés.',
    scales: ['COMMUNE', 'TERRITOIRE', 'METROPOLE'],
    themes: ['URBANISME', 'ENVIRONNEMENT'],
    steps: [
      { title: 'Repérer l’enquête', text: 'Les avis sont affichés en mairie et publiés sur le site de la préfecture au moins quinze jours avant.' },
      { title: 'Lire le dossier', text: 'Commencez par le résumé non technique, puis l’étude d’impact sur les points qui vous concernent.' },
      { title: 'Rencontrer le commissaire enquêteur', text: 'Lors de ses permanences : posez vos questions, demandez des précisions.' },
      { title: 'Déposer une observation', text: 'Sur le registre papier ou numérique : des faits, des propositions, des alternatives.' },
      { title: 'Lire le rapport', text: 'Il est public pendant un an : vérifiez que vos arguments y figurent.' },
    ],
    actors: [8, 3, 5],
    communeCodes: ['93066', '94081'],
  },
  {
    slug: 'creer-une-association',
    title: 'Créer une association',
    summary: 'Rédiger les statuts, déclarer l’association en préfecture et ouvrir un compte : les étapes d’une association loi 1901.',
    body: 'Une **association loi 1901** donne un cadre à un collectif : elle peut recevoir des subventions, signer des conventions, ester en justice. Deux personnes suffisent pour la fonder.\n\nLa déclaration se fait en ligne, gratuitement, et la publication au Journal officiel est gratuite aussi.',
    scales: ['COMMUNE'],
    themes: ['SOLIDARITE', 'DEMOCRATIE_LOCALE'],
    steps: [
      { title: 'Réunir les fondateurs', text: 'Définissez ensemble l’objet de l’association, son nom, son siège.' },
      { title: 'Rédiger les statuts', text: 'Objet, membres, instances, ressources ; partez d’un modèle et adaptez-le.' },
      { title: 'Tenir l’assemblée constitutive', text: 'Adoptez les statuts et élisez les dirigeants ; rédigez un procès-verbal.' },
      { title: 'Déclarer en ligne', text: 'Sur le service public de déclaration des associations ; vous recevez un récépissé et un numéro RNA.' },
      { title: 'Ouvrir un compte bancaire', text: 'Avec les statuts, le récépissé et la liste des dirigeants.' },
    ],
    actors: [8, 1],
    communeCodes: [],
  },
  {
    slug: 'rejoindre-un-conseil-citoyen',
    title: 'Rejoindre un conseil citoyen',
    summary: 'Dans les quartiers prioritaires, le conseil citoyen associe les habitants au contrat de ville.',
    body: 'Les **conseils citoyens** existent dans chaque quartier prioritaire de la politique de la ville. Ils réunissent des habitants (en partie tirés au sort) et des acteurs locaux, et participent au pilotage du contrat de ville et des projets de rénovation urbaine.',
    scales: ['QUARTIER'],
    themes: ['DEMOCRATIE_LOCALE', 'LOGEMENT'],
    steps: [
      { title: 'Vérifier si votre quartier est prioritaire', text: 'La carte des quartiers prioritaires est publique ; demandez aussi à la mairie.' },
      { title: 'Contacter le conseil citoyen', text: 'Par la maison de quartier ou le service politique de la ville.' },
      { title: 'Participer aux réunions', text: 'Les réunions sont ouvertes ; proposez-vous lors du renouvellement des membres.' },
    ],
    actors: [9],
    communeCodes: ['93001'],
  },
  {
    slug: 'comprendre-le-plui',
    title: 'Comprendre et contribuer au PLUi de son territoire',
    summary: 'Le plan local d’urbanisme intercommunal fixe où et comment on construit : comment le lire et peser sur sa révision.',
    body: 'Dans la Métropole, le **PLUi** est élaboré par chaque EPT (Paris garde son PLU). Il définit les zones constructibles, les hauteurs, les espaces verts protégés. Sa révision passe par une concertation puis une enquête publique : deux moments pour intervenir.',
    scales: ['TERRITOIRE', 'COMMUNE'],
    themes: ['URBANISME', 'LOGEMENT', 'ENVIRONNEMENT'],
    steps: [
      { title: 'Trouver le zonage de sa rue', text: 'Le géoportail de l’urbanisme montre la zone et le règlement applicable.' },
      { title: 'Participer à la concertation', text: 'Réunions publiques, ateliers, registre : donnez des avis précis et localisés.' },
      { title: 'Préparer l’enquête publique', text: 'Voir la fiche « Participer à une enquête publique ».' },
    ],
    actors: [3, 4],
    communeCodes: ['93039', '93048'],
  },
  {
    slug: 'saisir-la-metropole-du-grand-paris',
    title: 'Saisir la Métropole du Grand Paris',
    summary: 'Ce que fait la Métropole (ZFE, plan climat, grands aménagements) et comment lui adresser une demande.',
    body: 'La **Métropole du Grand Paris** réunit Paris et 130 communes. Elle porte le plan climat-air-énergie métropolitain, la zone à faibles émissions, des opérations d’aménagement d’intérêt métropolitain et des fonds d’investissement pour les communes.\n\nSon conseil est composé d’élus des communes : passer par les élus de sa commune est souvent le plus efficace.',
    scales: ['METROPOLE'],
    themes: ['ENVIRONNEMENT', 'TRANSPORTS', 'URBANISME'],
    steps: [
      {
        title: 'Identifier ses conseillers métropolitains',
        text: 'Chaque commune y envoie au moins un élu : trouvez leurs noms sur le site de la Métropole.',
      },
      { title: 'Suivre les consultations', text: 'La Métropole consulte sur ses plans (climat, ZFE) : inscrivez-vous à ses annonces.' },
      { title: 'Écrire collectivement', text: 'Un courrier signé par plusieurs collectifs de différentes communes a plus de poids.' },
    ],
    actors: [5],
    communeCodes: [],
  },
  {
    slug: 'demander-une-subvention-pour-son-association',
    title: 'Demander une subvention pour son association',
    summary: 'Commune, département, région : à qui demander, quand, et comment monter un dossier solide.',
    body: 'Les collectivités soutiennent les associations par des **subventions** de fonctionnement ou de projet. Les calendriers sont souvent annuels : un dossier déposé en retard attend l’année suivante.',
    scales: ['COMMUNE', 'DEPARTEMENT', 'REGION'],
    themes: ['SOLIDARITE', 'CULTURE'],
    steps: [
      { title: 'Avoir un numéro SIRET', text: 'Indispensable pour recevoir une subvention publique ; la demande est gratuite.' },
      { title: 'Repérer les appels à projets', text: 'Sites des collectivités, délégués du préfet, plateforme « Le Compte Asso ».' },
      { title: 'Monter le dossier', text: 'Projet, budget prévisionnel équilibré, bilan de l’année passée.' },
      { title: 'Rendre compte', text: 'Un bilan de l’action subventionnée est demandé : prévoyez-le dès le départ.' },
    ],
    actors: [1, 6, 7],
    communeCodes: ['93039'],
  },
];

export interface SeedSource {
  id: string;
  name: string;
  feedUrl: string;
  themes: string[];
  communeCodes: string[];
  /** Minutes before the seed's now of the last successful poll (null: never polled). */
  lastFetchedMinutesAgo: number | null;
  /** The last poll's failure, as the feed poller words it (FEED_MESSAGES of services/workers). */
  lastError?: string;
}

export const SEED_SOURCES: SeedSource[] = [
  {
    id: sourceId(1),
    name: 'Actualités de Plaine Commune',
    feedUrl: 'https://plainecommune.fr/actualites/feed.xml',
    themes: ['URBANISME'],
    communeCodes: ['93066', '93039', '93001'],
    lastFetchedMinutesAgo: 25,
  },
  {
    id: sourceId(2),
    name: 'Budget participatif de Paris',
    feedUrl: 'https://budgetparticipatif.paris.fr/actualites.rss',
    themes: ['BUDGET_PARTICIPATIF'],
    communeCodes: ['75056'],
    lastFetchedMinutesAgo: 25,
  },
  {
    id: sourceId(3),
    name: 'Réseau des collectifs d’Est Ensemble',
    feedUrl: 'https://collectifs-est-ensemble.exemple.org/feed',
    themes: ['SOLIDARITE', 'DEMOCRATIE_LOCALE'],
    communeCodes: ['93048', '93008'],
    lastFetchedMinutesAgo: 25,
  },
  // Its site has answered 503 since the day before yesterday: the staff see the error on the veille sources.
  {
    id: sourceId(4),
    name: 'Concertations de Grand-Orly Seine Bièvre',
    feedUrl: 'https://concertations.grandorlyseinebievre.exemple.org/rss',
    themes: ['URBANISME', 'TRANSPORTS'],
    communeCodes: ['94041', '94081'],
    lastFetchedMinutesAgo: 2 * 24 * 60 + 40,
    lastError: 'Le flux a répondu HTTP 503.',
  },
];

export interface SeedWatchItem {
  /** A stable id, for the items other seeds reference (prospects spotted in the veille); others get a random one. */
  id?: string;
  url: string;
  title: string;
  summary: string;
  source: number | null;
  daysAgo: number;
  communeCodes: string[];
  themes: string[];
  status: 'NEW' | 'SELECTED' | 'DISMISSED';
  note?: string;
  /** Days before the seed's now of the curation (default: at the seed's now). */
  curatedDaysAgo?: number;
}

export const SEED_WATCH_ITEMS: SeedWatchItem[] = [
  {
    url: 'https://plainecommune.fr/actualites/concertation-plui-modification',
    title: 'Concertation sur la modification du PLUi de Plaine Commune',
    summary: 'Réunions publiques dans les neuf villes et registre en ligne jusqu’à la fin du mois.',
    source: 1,
    daysAgo: 2,
    communeCodes: ['93066', '93039'],
    themes: ['URBANISME'],
    status: 'SELECTED',
    note: 'À relayer au prochain pot du pote.',
  },
  {
    url: 'https://budgetparticipatif.paris.fr/actualites/depot-des-projets',
    title: 'Budget participatif de Paris : le dépôt des projets est ouvert',
    summary: 'Les Parisiennes et Parisiens peuvent déposer leurs idées pendant six semaines.',
    source: 2,
    daysAgo: 4,
    communeCodes: ['75056'],
    themes: ['BUDGET_PARTICIPATIF'],
    status: 'SELECTED',
    note: 'Lien avec l’atelier budget participatif du 18e.',
  },
  {
    url: 'https://collectifs-est-ensemble.exemple.org/2026/repair-cafe-bobigny',
    title: 'Un repair café s’installe à Bobigny',
    summary: 'Chaque premier samedi du mois, des bénévoles réparent petit électroménager et vélos.',
    source: 3,
    daysAgo: 6,
    communeCodes: ['93008'],
    themes: ['SOLIDARITE', 'ENVIRONNEMENT'],
    status: 'SELECTED',
  },
  {
    url: 'https://collectifs-est-ensemble.exemple.org/2026/assemblee-locataires-montreuil',
    title: 'Assemblée des locataires du Bas-Montreuil',
    summary: 'Réunion ouverte sur les charges locatives et les travaux de rénovation énergétique.',
    source: 3,
    daysAgo: 8,
    communeCodes: ['93048'],
    themes: ['LOGEMENT'],
    status: 'NEW',
  },
  {
    url: 'https://plainecommune.fr/actualites/collecte-encombrants-calendrier',
    title: 'Nouveau calendrier de collecte des encombrants',
    summary: 'Les jours de collecte changent dans plusieurs quartiers.',
    source: 1,
    daysAgo: 10,
    communeCodes: ['93066'],
    themes: ['ENVIRONNEMENT'],
    status: 'DISMISSED',
  },
  // Referenced by the members seed's prospects (SEED_PROSPECT_WATCH_ITEM_IDS, in this order).
  {
    id: watchItemId(1),
    url: 'https://www.exemple.org/initiatives/nanterre-picasso-concertation',
    title: 'Nanterre : les locataires de Pablo-Picasso demandent une vraie concertation',
    summary: 'L’amicale des locataires réclame des réunions publiques avant le lancement des travaux de rénovation des tours.',
    source: null,
    daysAgo: 20,
    communeCodes: ['92050'],
    themes: ['LOGEMENT', 'URBANISME'],
    status: 'SELECTED',
    note: 'Amicale à contacter : voir les prospects.',
    curatedDaysAgo: 19,
  },
  {
    id: watchItemId(2),
    url: 'https://www.exemple.org/initiatives/boulogne-pistes-cyclables',
    title: 'Boulogne-Billancourt : une association réclame des pistes cyclables continues',
    summary: 'Boulogne à vélo publie une carte des coupures cyclables et propose un itinéraire sécurisé vers les écoles.',
    source: null,
    daysAgo: 27,
    communeCodes: ['92012'],
    themes: ['TRANSPORTS'],
    status: 'SELECTED',
    curatedDaysAgo: 26,
  },
  {
    id: watchItemId(3),
    url: 'https://www.exemple.org/initiatives/saint-ouen-fete-vieux-saint-ouen',
    title: 'Saint-Ouen : des voisins lancent une fête de quartier au Vieux-Saint-Ouen',
    summary: 'Un collectif d’habitants prépare un repas partagé et cherche des bénévoles pour la décoration et la musique.',
    source: null,
    daysAgo: 2,
    communeCodes: ['93070'],
    themes: ['CULTURE', 'SOLIDARITE'],
    status: 'NEW',
  },
  {
    id: watchItemId(4),
    url: 'https://concertations.grandorlyseinebievre.exemple.org/2026/ivry-zac-gagarine-truillot',
    title: 'Ivry-sur-Seine : concertation sur la dernière phase de la ZAC Gagarine-Truillot',
    summary: 'Deux ateliers publics sur les espaces verts et les équipements du futur quartier, inscription en ligne.',
    source: 4,
    daysAgo: 5,
    communeCodes: ['94041'],
    themes: ['URBANISME'],
    status: 'NEW',
  },
  {
    id: watchItemId(5),
    url: 'https://plainecommune.fr/actualites/aubervilliers-conseil-citoyen-appel',
    title: 'Aubervilliers : le conseil citoyen cherche de nouveaux membres',
    summary: 'Habitants des quartiers prioritaires, associations et commerçants peuvent candidater jusqu’à la fin du mois.',
    source: 1,
    daysAgo: 1,
    communeCodes: ['93001'],
    themes: ['DEMOCRATIE_LOCALE'],
    status: 'NEW',
  },
  {
    url: 'https://www.exemple.org/initiatives/vitry-velo-ecole',
    title: 'Vitry-sur-Seine : une vélo-école pour adultes',
    summary: 'Une association apprend à circuler à vélo en ville, gratuitement, le samedi matin.',
    source: null,
    daysAgo: 1,
    communeCodes: ['94081'],
    themes: ['TRANSPORTS'],
    status: 'NEW',
  },
];

/** The watch items the members seed's prospects were spotted in, in the order its data refers to them. */
export const SEED_PROSPECT_WATCH_ITEM_IDS = [watchItemId(1), watchItemId(2), watchItemId(3)];

/** A fiche a member wrote and submitted: waiting for the staff's review (IN_REVIEW). */
export interface SeedArticleInReview extends SeedArticle {
  /** Index in memberIds of the author. */
  author: number;
  createdDaysAgo: number;
  submittedDaysAgo: number;
}

export const SEED_ARTICLES_IN_REVIEW: SeedArticleInReview[] = [
  {
    slug: 'monter-une-amicale-de-locataires',
    title: 'Monter une amicale de locataires',
    summary: 'Se regrouper entre voisins pour peser face au bailleur : charges, travaux, cadre de vie.',
    body: 'Une **amicale de locataires** est une association qui représente les habitants d’un ou plusieurs immeubles auprès du bailleur. Affiliée à une fédération, elle peut siéger au conseil de concertation locative et présenter des listes aux élections des représentants des locataires.\n\nCommencer à quelques voisins suffit : l’essentiel est de se réunir régulièrement et de garder une trace des demandes.',
    scales: ['QUARTIER', 'COMMUNE'],
    themes: ['LOGEMENT'],
    steps: [
      { title: 'Réunir quelques voisins', text: 'Une première réunion dans un hall ou un local commun : listez les problèmes qui reviennent.' },
      { title: 'Déposer les statuts', text: 'Une association loi 1901 : statuts simples, déclaration en préfecture ou en ligne.' },
      {
        title: 'Se faire connaître du bailleur',
        text: 'Écrivez au bailleur pour demander à être reconnue et invitée au conseil de concertation locative.',
      },
      { title: 'Vérifier les charges', text: 'Demandez les justificatifs de la régularisation annuelle : c’est un droit des locataires.' },
    ],
    actors: [1],
    communeCodes: ['93048'],
    author: 2,
    createdDaysAgo: 6,
    submittedDaysAgo: 1,
  },
];

/** A member's edit of a published fiche, waiting for the staff's review (guide.proposed_revisions, PENDING). */
export interface SeedProposedEdit {
  id: string;
  slug: string;
  /** Index in memberIds of the member proposing it. */
  author: number;
  daysAgo: number;
  /** The fiche as it would be. */
  content: (published: SeedArticle) => Pick<SeedArticle, 'title' | 'summary' | 'body' | 'scales' | 'themes' | 'steps' | 'actors' | 'communeCodes'>;
}

export const SEED_PROPOSED_EDITS: SeedProposedEdit[] = [
  {
    id: proposedRevisionId(1),
    slug: 'participer-a-une-enquete-publique',
    author: 5,
    daysAgo: 2,
    content: (a) => ({
      ...a,
      body: `${a.body}\n\nDepuis 2017, le dossier est aussi en ligne et un **registre dématérialisé** permet de déposer son observation sans se déplacer.`,
      steps: [
        ...a.steps.slice(0, 3),
        {
          title: 'Déposer une observation',
          text: 'Sur le registre papier, par courriel ou sur le registre dématérialisé : des faits, des propositions, des alternatives.',
        },
        ...a.steps.slice(4),
      ],
    }),
  },
];
