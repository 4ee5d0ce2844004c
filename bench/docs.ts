import { generateKeyPairSync } from "node:crypto"; import { sign2dDoc, type Fields } from "/work/main/src/modules/attestations/two-d-doc"; import type { AttestationDocument } from "/work/main/src/modules/attestations/document/attestation-document";
export function sampleDocs(count: number): AttestationDocument[] {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const names = [
    ['DIALLO', 'Awa'],
    ['NGUYEN', 'Thi Minh Khai'],
    ['BEN ALI', 'Fatma'],
    ['IVANOVA', 'Mariia'],
    ['FERREIRA DA SILVA', 'João Pedro'],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [surname, givenNames] = names[i % names.length]!;
    const fields: Fields = [
      ['6J', '2'],
      ['6K', `7526K7Q2M4XP${String(i).padStart(7, '0')}`],
      ['6L', '02032026'],
      ['6P', 'AUTORISE A TRAVAILLER'],
      ['6Q', '7503120521'],
      ['62', surname],
      ['60', givenNames.replace(/ /g, '/')],
      ['69', '12041990'],
      ['67', 'SN'],
      ['6N', '02032026'],
      ['6O', '01062026'],
      ['6Y', 'FR'],
    ];
    const twoDDoc = sign2dDoc({ caId: 'SE00', certId: '0001', documentDate: '2026-03-02', signatureDate: '2026-03-02', documentType: '13', perimeter: '01', country: 'FR' }, fields, privateKey);
    const publicId = `K7Q2M4XP${String(i).padStart(4, '0')}`;
    return {
      kind: 'apri',
      publicId,
      holder: { surname, givenNames, nativeName: null, birthDate: '1990-04-12', nationality: 'SN', foreignerNumber: '7503120521' },
      fileNumber: `75-26-K7Q2M${String(i).padStart(3, '0')}`,
      allowsWork: true,
      validFrom: '2026-03-02',
      validTo: '2026-06-01',
      prefectureName: 'Préfecture de police de Paris',
      issuedAt: new Date('2026-03-02T09:00:00Z'),
      twoDDoc,
      verifyUrl: `https://sesame.example/verify/${publicId}`,
      secondLocale: i % 2 === 0 ? 'en' : null,
    };
  });
}
