import type { Locale } from '../../../platform/i18n/catalogue';

export type AttestationKind = 'receipt' | 'apri' | 'adf';

/** Everything printed on an attestation, gathered from the database by `loadAttestationDocument`. */
export interface AttestationDocument {
  kind: AttestationKind;
  publicId: string;
  holder: {
    /** Names in Latin letters, as in the passport's machine-readable zone. */
    surname: string;
    givenNames: string;
    /** The same names in the passport's own script, when it is not Latin. */
    nativeName: string | null;
    birthDate: string | null;
    nationality: string | null;
    foreignerNumber: string | null;
  };
  /** The application's file number (*numéro de dossier*). */
  fileNumber: string;
  allowsWork: boolean;
  validFrom: string;
  validTo: string | null;
  prefectureName: string;
  issuedAt: Date;
  /** The signed 2D-Doc text, drawn as a DataMatrix. */
  twoDDoc: string;
  /** `${PUBLIC_URL}/verify/<publicId>`, drawn as a QR code. */
  verifyUrl: string;
  /** The holder's language, printed under the French (binding) text when it is not French. */
  secondLocale: Locale | null;
}
