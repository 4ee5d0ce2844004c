/** A few real prefectures for the demo; the full list of départements comes with procedures. */
export const demoPrefectures = [
  { code: '75', name: 'Préfecture de police de Paris', town: 'Paris' },
  { code: '69', name: 'Préfecture du Rhône', town: 'Lyon' },
  { code: '13', name: 'Préfecture des Bouches-du-Rhône', town: 'Marseille' },
  { code: '93', name: 'Préfecture de la Seine-Saint-Denis', town: 'Bobigny' },
  { code: '59', name: 'Préfecture du Nord', town: 'Lille' },
  { code: '31', name: 'Préfecture de la Haute-Garonne', town: 'Toulouse' },
];
