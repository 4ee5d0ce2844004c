/**
 * The OpenAPI 3.1 description of the public verification API, written by hand (no generator is
 * installed, and the API is small). The tests check that the answers match it.
 */
export function openApiDocument(publicUrl: string) {
  const error = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'requestId'],
        properties: {
          code: { type: 'string', examples: ['validation_failed', 'rate_limited'] },
          message: { type: 'string', description: 'Translated for the Accept-Language of the request (French or English).' },
          requestId: { type: 'string' },
        },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sésame — verification of attestations',
      version: '1.0.0',
      description:
        'Checks an attestation issued by Sésame (filing receipt, APRI, ADF) by its verification code or by the text of its 2D-Doc barcode. ' +
        'The answer says whether it can be relied on and what it allows, with the holder\'s initials and year of birth only. ' +
        'Every check is logged and shown to the holder. The 2D-Doc can also be checked offline with the keys at /.well-known/jwks.json (see docs/VERIFY.md).',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: publicUrl }],
    paths: {
      '/api/v1/verifications': {
        post: {
          operationId: 'verifyAttestation',
          summary: 'Check an attestation',
          parameters: [{ name: 'Accept-Language', in: 'header', required: false, schema: { type: 'string', examples: ['fr', 'en'] }, description: 'Language of `summary` and of error messages.' }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', minLength: 1, maxLength: 64, description: 'The verification code printed on the attestation (case, spaces and dashes ignored).' } } },
                    { type: 'object', required: ['twoDDoc'], additionalProperties: false, properties: { twoDDoc: { type: 'string', minLength: 1, maxLength: 2000, description: 'The text decoded from the 2D-Doc DataMatrix, control characters included (GS U+001D, RS U+001E, US U+001F).' } } },
                  ],
                },
                examples: { byCode: { value: { code: 'K7Q2M4XP9WZ3' } } },
              },
            },
          },
          responses: {
            '200': {
              description: 'The check was made (whatever its outcome).',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['status', 'summary', 'checkedAt', 'attestation'],
                    properties: {
                      status: {
                        type: 'string',
                        enum: ['valid', 'expired', 'superseded', 'revoked', 'unknown'],
                        description: '`unknown`: not issued by Sésame, altered, or signed by an unpublished key.',
                      },
                      summary: { type: 'string', description: 'One sentence for a person, e.g. "May work in France until 30 September 2026".' },
                      checkedAt: { type: 'string', format: 'date-time' },
                      attestation: {
                        type: ['object', 'null'],
                        required: ['kind', 'allows', 'validFrom', 'validUntil', 'issuedBy', 'holder'],
                        properties: {
                          kind: { type: 'string', enum: ['receipt', 'apri', 'adf'], description: 'receipt: proves a filing only (no right of stay); apri: attestation de prolongation d\'instruction; adf: attestation de décision favorable.' },
                          allows: { type: 'object', required: ['stay', 'work'], properties: { stay: { type: 'boolean' }, work: { type: 'boolean' } } },
                          validFrom: { type: 'string', format: 'date' },
                          validUntil: { type: ['string', 'null'], format: 'date', description: 'Last day covered (inclusive); null for a filing receipt.' },
                          issuedBy: { type: 'string', description: 'The issuing prefecture.' },
                          holder: { type: 'object', required: ['initials', 'birthYear'], properties: { initials: { type: 'string' }, birthYear: { type: ['integer', 'null'] } } },
                        },
                      },
                    },
                  },
                },
              },
            },
            '400': { description: 'The body is not `{ "code" }` or `{ "twoDDoc" }`.', content: { 'application/json': { schema: error } } },
            '429': {
              description: 'Too many checks from this address; `Retry-After` says when to try again.',
              headers: { 'Retry-After': { schema: { type: 'integer' } } },
              content: { 'application/json': { schema: error } },
            },
          },
        },
      },
      '/.well-known/jwks.json': {
        get: { operationId: 'signingKeys', summary: 'Every public key that signed 2D-Doc attestations (kid = SE00-<certId>), retired keys included', responses: { '200': { description: 'A JSON Web Key Set (ES256, P-256).' } } },
      },
      '/.well-known/sesame-2ddoc-{certId}.pem': {
        get: {
          operationId: 'signingCertificate',
          summary: 'The X.509 certificate of one signing key, as PEM',
          parameters: [{ name: 'certId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z0-9]{4}$' } }],
          responses: { '200': { description: 'PEM certificate.' }, '404': { description: 'No such key.' } },
        },
      },
    },
  };
}
