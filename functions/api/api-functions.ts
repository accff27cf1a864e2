/**
 * The API's functions and what API Gateway sends each (plain data: infra builds the routes from it, the tests check
 * that every route of the whole app reaches a function that mounts it). The default function answers everything
 * the others are not given, the public routes included.
 */
export interface ApiFunction {
  /** Beside this file; exports `handler`. */
  file: string;
  /** API Gateway route keys (`METHOD /path`, `{proxy+}` for the rest of a path) sent to this function; none: the default. */
  routes: readonly string[];
  description: string;
}

export const API_FUNCTIONS = {
  api: { file: 'lambda.ts', routes: [], description: 'accounts, enterprises, loans, leads and invitations; health and the API document' },
  casework: {
    file: 'casework-lambda.ts',
    routes: ['ANY /api/applications', 'ANY /api/applications/{proxy+}', 'GET /api/staff/queue', 'GET /api/staff/my-work', 'GET /api/staff/dashboard', 'GET /api/staff/applications/{proxy+}'],
    description: 'applications, documents, review, contracts; the staff queue, my work, documents and dashboard',
  },
  admin: { file: 'admin-lambda.ts', routes: ['ANY /api/admin/{proxy+}'], description: "head office's rules, negative list and target lists" },
} as const satisfies Record<string, ApiFunction>;

export type ApiFunctionName = keyof typeof API_FUNCTIONS;

/** Where the API function finds the OpenAPI document shipped beside its bundle (infra writes it from the whole app). */
export const OPENAPI_FILE = 'openapi.json';
