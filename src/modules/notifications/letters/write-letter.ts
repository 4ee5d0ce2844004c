import type { Db } from '../../../db/client';
import { letters, type profiles } from '../../../db/schema';
import type { Locale, Translate } from '../../../platform/i18n/catalogue';

type Profile = typeof profiles.$inferSelect;

/**
 * The name and postal address to print, as the profile holds them now. The Latin form of the
 * names (as in the passport's machine-readable zone) goes on the envelope when there is one:
 * La Poste reads Latin letters.
 */
export function postalRecipient(profile: Profile | null): { name: string; lines: string[] } {
  if (!profile) return { name: '', lines: [] };
  const given = profile.givenNamesLatin || profile.givenNames;
  const surname = profile.surnameLatin || profile.surname;
  const name = [given, surname?.toUpperCase()].filter(Boolean).join(' ');
  const town = [profile.postcode, profile.town?.toUpperCase()].filter(Boolean).join(' ');
  return { name, lines: [profile.addressLine, town].filter((l): l is string => !!l && l.trim() !== '') };
}

/** A notification's text as a letter says it: the e-mail's subject and paragraphs, and where to read on. */
export function letterParagraphs(t: Translate, template: string, params: Record<string, string>, url: string | null): { subject: string; paragraphs: string[] } {
  const paragraphs = t(`${template}.body`, params).split('\n\n');
  if (url) paragraphs.push(t('notifications.letter.link_line', { url }));
  return { subject: t(`${template}.subject`, params), paragraphs };
}

/**
 * Records a letter for the office to print, with its text written now (what is printed later
 * is what was decided now, however often it is printed). Returns its id.
 */
export async function writeLetter(
  tx: Db,
  input: { userId: string; prefectureCode: string | null; locale: Locale; profile: Profile | null; subject: string; paragraphs: string[]; at: Date },
): Promise<string> {
  const [row] = await tx
    .insert(letters)
    .values({
      userId: input.userId,
      prefectureCode: input.prefectureCode,
      locale: input.locale,
      recipient: postalRecipient(input.profile),
      subject: input.subject,
      body: input.paragraphs.join('\n\n'),
      createdAt: input.at,
    })
    .returning({ id: letters.id });
  return row!.id;
}
