/**
 * Every French département and the prefecture competent for foreigners living there
 * (in Paris, the Préfecture de police). Reference data: loaded at every start.
 */
export interface PrefectureRef {
  /** INSEE code of the département. */
  code: string;
  name: string;
  town: string;
}

const list: [code: string, name: string, town: string][] = [
  ['01', "Préfecture de l'Ain", 'Bourg-en-Bresse'],
  ['02', "Préfecture de l'Aisne", 'Laon'],
  ['03', "Préfecture de l'Allier", 'Moulins'],
  ['04', 'Préfecture des Alpes-de-Haute-Provence', 'Digne-les-Bains'],
  ['05', 'Préfecture des Hautes-Alpes', 'Gap'],
  ['06', 'Préfecture des Alpes-Maritimes', 'Nice'],
  ['07', "Préfecture de l'Ardèche", 'Privas'],
  ['08', 'Préfecture des Ardennes', 'Charleville-Mézières'],
  ['09', "Préfecture de l'Ariège", 'Foix'],
  ['10', "Préfecture de l'Aube", 'Troyes'],
  ['11', "Préfecture de l'Aude", 'Carcassonne'],
  ['12', "Préfecture de l'Aveyron", 'Rodez'],
  ['13', 'Préfecture des Bouches-du-Rhône', 'Marseille'],
  ['14', 'Préfecture du Calvados', 'Caen'],
  ['15', 'Préfecture du Cantal', 'Aurillac'],
  ['16', 'Préfecture de la Charente', 'Angoulême'],
  ['17', 'Préfecture de la Charente-Maritime', 'La Rochelle'],
  ['18', 'Préfecture du Cher', 'Bourges'],
  ['19', 'Préfecture de la Corrèze', 'Tulle'],
  ['2A', 'Préfecture de la Corse-du-Sud', 'Ajaccio'],
  ['2B', 'Préfecture de la Haute-Corse', 'Bastia'],
  ['21', "Préfecture de la Côte-d'Or", 'Dijon'],
  ['22', "Préfecture des Côtes-d'Armor", 'Saint-Brieuc'],
  ['23', 'Préfecture de la Creuse', 'Guéret'],
  ['24', 'Préfecture de la Dordogne', 'Périgueux'],
  ['25', 'Préfecture du Doubs', 'Besançon'],
  ['26', 'Préfecture de la Drôme', 'Valence'],
  ['27', "Préfecture de l'Eure", 'Évreux'],
  ['28', "Préfecture d'Eure-et-Loir", 'Chartres'],
  ['29', 'Préfecture du Finistère', 'Quimper'],
  ['30', 'Préfecture du Gard', 'Nîmes'],
  ['31', 'Préfecture de la Haute-Garonne', 'Toulouse'],
  ['32', 'Préfecture du Gers', 'Auch'],
  ['33', 'Préfecture de la Gironde', 'Bordeaux'],
  ['34', "Préfecture de l'Hérault", 'Montpellier'],
  ['35', "Préfecture d'Ille-et-Vilaine", 'Rennes'],
  ['36', "Préfecture de l'Indre", 'Châteauroux'],
  ['37', "Préfecture d'Indre-et-Loire", 'Tours'],
  ['38', "Préfecture de l'Isère", 'Grenoble'],
  ['39', 'Préfecture du Jura', 'Lons-le-Saunier'],
  ['40', 'Préfecture des Landes', 'Mont-de-Marsan'],
  ['41', 'Préfecture de Loir-et-Cher', 'Blois'],
  ['42', 'Préfecture de la Loire', 'Saint-Étienne'],
  ['43', 'Préfecture de la Haute-Loire', 'Le Puy-en-Velay'],
  ['44', 'Préfecture de la Loire-Atlantique', 'Nantes'],
  ['45', 'Préfecture du Loiret', 'Orléans'],
  ['46', 'Préfecture du Lot', 'Cahors'],
  ['47', 'Préfecture de Lot-et-Garonne', 'Agen'],
  ['48', 'Préfecture de la Lozère', 'Mende'],
  ['49', 'Préfecture de Maine-et-Loire', 'Angers'],
  ['50', 'Préfecture de la Manche', 'Saint-Lô'],
  ['51', 'Préfecture de la Marne', 'Châlons-en-Champagne'],
  ['52', 'Préfecture de la Haute-Marne', 'Chaumont'],
  ['53', 'Préfecture de la Mayenne', 'Laval'],
  ['54', 'Préfecture de Meurthe-et-Moselle', 'Nancy'],
  ['55', 'Préfecture de la Meuse', 'Bar-le-Duc'],
  ['56', 'Préfecture du Morbihan', 'Vannes'],
  ['57', 'Préfecture de la Moselle', 'Metz'],
  ['58', 'Préfecture de la Nièvre', 'Nevers'],
  ['59', 'Préfecture du Nord', 'Lille'],
  ['60', "Préfecture de l'Oise", 'Beauvais'],
  ['61', "Préfecture de l'Orne", 'Alençon'],
  ['62', 'Préfecture du Pas-de-Calais', 'Arras'],
  ['63', 'Préfecture du Puy-de-Dôme', 'Clermont-Ferrand'],
  ['64', 'Préfecture des Pyrénées-Atlantiques', 'Pau'],
  ['65', 'Préfecture des Hautes-Pyrénées', 'Tarbes'],
  ['66', 'Préfecture des Pyrénées-Orientales', 'Perpignan'],
  ['67', 'Préfecture du Bas-Rhin', 'Strasbourg'],
  ['68', 'Préfecture du Haut-Rhin', 'Colmar'],
  ['69', 'Préfecture du Rhône', 'Lyon'],
  ['70', 'Préfecture de la Haute-Saône', 'Vesoul'],
  ['71', 'Préfecture de Saône-et-Loire', 'Mâcon'],
  ['72', 'Préfecture de la Sarthe', 'Le Mans'],
  ['73', 'Préfecture de la Savoie', 'Chambéry'],
  ['74', 'Préfecture de la Haute-Savoie', 'Annecy'],
  ['75', 'Préfecture de police de Paris', 'Paris'],
  ['76', 'Préfecture de la Seine-Maritime', 'Rouen'],
  ['77', 'Préfecture de Seine-et-Marne', 'Melun'],
  ['78', 'Préfecture des Yvelines', 'Versailles'],
  ['79', 'Préfecture des Deux-Sèvres', 'Niort'],
  ['80', 'Préfecture de la Somme', 'Amiens'],
  ['81', 'Préfecture du Tarn', 'Albi'],
  ['82', 'Préfecture de Tarn-et-Garonne', 'Montauban'],
  ['83', 'Préfecture du Var', 'Toulon'],
  ['84', 'Préfecture de Vaucluse', 'Avignon'],
  ['85', 'Préfecture de la Vendée', 'La Roche-sur-Yon'],
  ['86', 'Préfecture de la Vienne', 'Poitiers'],
  ['87', 'Préfecture de la Haute-Vienne', 'Limoges'],
  ['88', 'Préfecture des Vosges', 'Épinal'],
  ['89', "Préfecture de l'Yonne", 'Auxerre'],
  ['90', 'Préfecture du Territoire de Belfort', 'Belfort'],
  ['91', "Préfecture de l'Essonne", 'Évry-Courcouronnes'],
  ['92', 'Préfecture des Hauts-de-Seine', 'Nanterre'],
  ['93', 'Préfecture de la Seine-Saint-Denis', 'Bobigny'],
  ['94', 'Préfecture du Val-de-Marne', 'Créteil'],
  ['95', "Préfecture du Val-d'Oise", 'Cergy'],
  ['971', 'Préfecture de la Guadeloupe', 'Basse-Terre'],
  ['972', 'Préfecture de la Martinique', 'Fort-de-France'],
  ['973', 'Préfecture de la Guyane', 'Cayenne'],
  ['974', 'Préfecture de La Réunion', 'Saint-Denis'],
  ['976', 'Préfecture de Mayotte', 'Mamoudzou'],
];

export const allPrefectures: PrefectureRef[] = list.map(([code, name, town]) => ({ code, name, town }));

/** The prefectures given demo agents on a first start. */
export const demoPrefectureCodes = ['75', '69', '13', '93', '59', '31'];
export const demoPrefectures = allPrefectures.filter((p) => demoPrefectureCodes.includes(p.code));

/**
 * The département of a French postcode: the first two digits, except Corsica (20xxx → 2A/2B)
 * and overseas (97x). Returns null for a postcode that is not French.
 */
export function departementOfPostcode(postcode: string): string | null {
  if (!/^\d{5}$/.test(postcode)) return null;
  if (postcode.startsWith('97')) {
    const code = postcode.slice(0, 3);
    return list.some(([c]) => c === code) ? code : null;
  }
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  const code = postcode.slice(0, 2);
  return code === '00' || code === '96' || code === '98' || code === '99' ? null : code;
}
