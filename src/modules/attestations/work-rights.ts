import { titleCategories, type TitleCategory } from '../procedures/types';

/**
 * What a title lets its holder do at work, and how an attestation says it (2D-Doc field `6P`,
 * at most 40 C40 characters).
 *
 * - full: *salarié*, *travailleur temporaire*, *passeport talent*, *vie privée et familiale*,
 *   *carte de résident* — the title is itself a work authorisation (Code du travail R.5221-3).
 * - limited: *étudiant* — work as a side activity up to 60 % of the annual legal working time,
 *   964 hours (CESEDA L.422-1; 1,607 h × 60 %).
 * - none: *visiteur* — the holder undertakes not to work (CESEDA L.426-20).
 */
export type WorkRights = 'full' | 'limited' | 'none';

const rightsByCategory: Record<TitleCategory, WorkRights> = {
  salarie: 'full',
  travailleur_temporaire: 'full',
  passeport_talent: 'full',
  vie_privee_familiale: 'full',
  carte_resident: 'full',
  etudiant: 'limited',
  visiteur: 'none',
};

export const workRightsOf = (category: TitleCategory): WorkRights => rightsByCategory[category];

/** The `6P` text; null when the title gives no right to work (the field is left out). */
export function rightsText(rights: WorkRights): string | null {
  if (rights === 'full') return 'AUTORISE A TRAVAILLER';
  if (rights === 'limited') return 'AUTORISE A TRAVAILLER 964 H/AN';
  return null;
}

/** The `6M` text: the category of the title, as printed on the card. */
export const categoryText: Record<TitleCategory, string> = {
  salarie: 'SALARIE',
  travailleur_temporaire: 'TRAVAILLEUR TEMPORAIRE',
  etudiant: 'ETUDIANT',
  vie_privee_familiale: 'VIE PRIVEE ET FAMILIALE',
  visiteur: 'VISITEUR',
  passeport_talent: 'PASSEPORT TALENT',
  carte_resident: 'CARTE DE RESIDENT',
};

// The profile names the current title in its own words (`profile.permit_categories`).
const profileCategories: Record<string, TitleCategory> = {
  employee: 'salarie',
  temporary_worker: 'travailleur_temporaire',
  student: 'etudiant',
  private_and_family_life: 'vie_privee_familiale',
  visitor: 'visiteur',
  talent_passport: 'passeport_talent',
  resident_card: 'carte_resident',
};

/**
 * The category of the title being renewed: the one the person declared in their profile, or —
 * when they did not, or hold a long-stay visa whose kind is unknown — the one renewed.
 */
export function currentTitleCategory(profileCategory: string | null | undefined, renewed: TitleCategory): TitleCategory {
  if (profileCategory && profileCategory in profileCategories) return profileCategories[profileCategory]!;
  if (profileCategory && (titleCategories as readonly string[]).includes(profileCategory)) return profileCategory as TitleCategory;
  return renewed;
}
