import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Readable } from 'node:stream';
import type { Locale, Translate } from '../../../platform/i18n/catalogue';
import type { Services } from '../../../services';
import { applicationExport } from './application-export';
import { summaryPdf } from './summary-pdf';

export interface DossierZip {
  fileName: string;
  bytes: Uint8Array;
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * "Download my file": one ZIP with the machine-readable export (`dossier.json`), a summary to
 * read and print (`recapitulatif.pdf`) and every document of the application under `pieces/`
 * (replaced ones under `pieces/remplacees/`), read back through the storage provider.
 *
 * A document whose bytes cannot be read back is still listed in the JSON with `file: null`,
 * and logged: the person gets everything else rather than nothing.
 */
export async function dossierZip(services: Services, applicantId: string, applicationId: string, t: Translate, locale: Locale): Promise<DossierZip> {
  const now = services.clock.now();
  const { data, procedure, files } = await applicationExport(services.db, applicantId, applicationId, now);
  const zippable: Zippable = {};
  for (const [i, f] of files.entries()) {
    try {
      // Already-compressed formats (PDF, JPEG, PNG) gain nothing from deflate: stored as they are.
      zippable[f.path] = [await readAll(await services.storage.get(f.storageKey)), { level: 0 }];
    } catch (err) {
      services.logger.error({ err, applicationId, storageKey: f.storageKey }, 'document missing from storage during export');
      data.documents[i]!.file = null;
    }
  }
  const pdf = await summaryPdf({ data, procedure, t, locale, now });
  zippable['dossier.json'] = strToU8(`${JSON.stringify(data, null, 2)}\n`);
  zippable['recapitulatif.pdf'] = pdf;
  const bytes = zipSync(zippable, { level: 6, mtime: now });
  const name = data.application.reference ?? `brouillon-${data.application.id.slice(0, 8)}`;
  return { fileName: `dossier-${name}.zip`, bytes };
}
