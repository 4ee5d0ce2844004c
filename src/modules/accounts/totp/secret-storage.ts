import { createSecretBox } from '../../../platform/secret-box';
import type { Services } from '../../../services';

/**
 * TOTP secrets are encrypted at rest, bound to their owner's id: a copy of the database, or a
 * value moved to another row, gives nobody a working authenticator.
 */
const box = (services: Services) => createSecretBox(services.appSecret, 'totp-secret');

export const sealTotpSecret = (services: Services, userId: string, secret: string): string => box(services).seal(secret, userId);

export const openTotpSecret = (services: Services, userId: string, sealed: string): string => box(services).open(sealed, userId);
