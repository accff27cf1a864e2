/**
 * The separate consents an applicant gives (PIPL): their ids, which are required, and the version of the
 * wording in force. The schema, the server's check, the SPA's form and the fixtures all read them from here.
 */
export const CONSENT_IDS = ['data-use', 'credit-inquiry', 'third-party-data'] as const;
export type ConsentId = (typeof CONSENT_IDS)[number];

/** The wording shown is this version; a change of wording gets a new version and must be agreed again. */
export const CONSENT_VERSION = '2026-01';

/** Without these the bank may not process the application; third-party data is optional (more manual checks). */
export const REQUIRED_CONSENTS: readonly ConsentId[] = ['data-use', 'credit-inquiry'];

export interface GivenConsent {
  id: string;
  version: string;
  acceptedAt?: string;
}

/**
 * Field messages (`consents.<id>`) for each required consent not given at the current version, or null.
 * Unknown ids are the schema's to refuse.
 */
export function missingConsents(given: readonly GivenConsent[]): Record<string, string> | null {
  const fields: Record<string, string> = {};
  for (const id of REQUIRED_CONSENTS) {
    const c = given.find((g) => g.id === id);
    if (!c) fields[`consents.${id}`] = `The ${id} consent is required: agree to it (version ${CONSENT_VERSION}) to apply.`;
    else if (c.version !== CONSENT_VERSION) fields[`consents.${id}`] = `You agreed to version ${c.version} of the ${id} consent; the wording in force is ${CONSENT_VERSION}: agree to it again.`;
  }
  return Object.keys(fields).length ? fields : null;
}

/** Every consent at the current version (fixtures, demo data). */
export const ALL_CONSENTS_CURRENT = CONSENT_IDS.map((id) => ({ id, version: CONSENT_VERSION }));
