import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Locale, Translate } from '../../../platform/i18n/catalogue';
import type { Services } from '../../../services';
import { applicationExport } from './application-export';
import { summaryPdf } from './summary-pdf';

export interface DossierZip {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * "Download my file": one ZIP with the machine-readable export (`dossier.json`), a summary to
 * read and print (`recapitulatif.pdf`) and the documents.
 *
 * TODO(storage): the document files are not in the ZIP yet. `services.storage` (the document
 * storage provider) does not exist on main at the time of writing; once it does, read each of
 * `storageKeys` through it and add it under `pieces/`, setting the matching `documents[].file`
 * in the JSON. Until then the JSON lists every document with its name, size and SHA-256.
 */
export async function dossierZip(services: Services, applicantId: string, applicationId: string, t: Translate, locale: Locale): Promise<DossierZip> {
  const now = services.clock.now();
  const { data, procedure } = await applicationExport(services.db, applicantId, applicationId, now);
  const pdf = await summaryPdf({ data, procedure, t, locale, now });
  const files: Zippable = {
    'dossier.json': strToU8(`${JSON.stringify(data, null, 2)}\n`),
    'recapitulatif.pdf': pdf,
  };
  const bytes = zipSync(files, { level: 6, mtime: now });
  const name = data.application.reference ?? `brouillon-${data.application.id.slice(0, 8)}`;
  return { fileName: `dossier-${name}.zip`, bytes };
}
