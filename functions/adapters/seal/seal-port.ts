/**
 * The bank's seal: a PDF digital signature made with the bank's certificate. Locally the key is a
 * P12 generated on first start and kept with the data; in AWS it is loaded from Secrets Manager
 * (functions/wiring.ts). The port itself lives with the other ports.
 */
export type { SealMeta, SealPort } from '../../core/ports.js';
