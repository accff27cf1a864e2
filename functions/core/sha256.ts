/** Hex SHA-256, the digest every stored document, contract step and idempotency body is recorded with. */
import { createHash } from 'node:crypto';

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
