/** The OpenAPI document, generated from the same zod schemas the API validates with. */
import * as z from 'zod';
import {
  APPLICATION_STATUSES, assignSchema, createApplicationSchema, investigationSchema, recuseSchema, documentRequestSchema, opinionSchema, reconsiderSchema, signContractSchema, signInSchema, voteSchema,
} from '../../shared/schemas/application.js';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const error = { description: 'Error', ...json('Error') };
const secured = [{ bearer: [] as string[] }];

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kedai (科贷) lending portal API', version: '1.0.0',
      description: `Amounts in integer fen, rates in basis points, dates ISO 8601. Application statuses: ${APPLICATION_STATUSES.join(', ')}.`,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        SignIn: schema(signInSchema),
        CreateApplication: schema(createApplicationSchema),
        DocumentRequest: schema(documentRequestSchema),
        Opinion: schema(opinionSchema),
        Vote: schema(voteSchema),
        SignContract: schema(signContractSchema),
        Reconsider: schema(reconsiderSchema),
        Investigation: schema(investigationSchema),
        Assign: schema(assignSchema),
        Recuse: schema(recuseSchema),
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } } } },
        },
      },
    },
    paths: {
      '/api/health': { get: { summary: 'Every dependency answers', responses: { 200: { description: '{ status: "ok" }' }, 503: error } } },
      '/api/auth/sign-in': { post: { summary: 'Sign in', requestBody: json('SignIn'), responses: { 200: { description: '{ accessToken, expiresIn }' }, 401: error, 422: error, 429: error } } },
      '/api/me': { get: { security: secured, summary: 'The signed-in user', responses: { 200: { description: '{ username, groups, branch }' }, 401: error } } },
      '/api/applications': {
        post: {
          security: secured, summary: 'Create a draft application',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: json('CreateApplication'),
          responses: { 201: { description: 'The application' }, 401: error, 403: error, 409: error, 415: error, 422: error },
        },
        get: { security: secured, summary: "The caller's own applications", responses: { 200: { description: 'Array of application summaries' }, 401: error } },
      },
      '/api/applications/{id}': { get: { security: secured, summary: 'One application with decision, offer, documents, contract progress and events', responses: { 200: { description: 'The application' }, 401: error, 404: error } } },
      '/api/applications/{id}/documents': { post: { security: secured, summary: 'An upload slot (presigned PUT)', requestBody: json('DocumentRequest'), responses: { 201: { description: '{ documentId, upload }' }, 404: error, 422: error } } },
      '/api/applications/{id}/documents/{documentId}/complete': { post: { security: secured, summary: 'Verify the uploaded bytes', responses: { 200: { description: '{ status: "verified" }' }, 404: error, 409: error, 422: error } } },
      '/api/applications/{id}/submit': { post: { security: secured, summary: 'Submit for a decision', responses: { 202: { description: 'Submitted' }, 404: error, 422: error } } },
      '/api/applications/{id}/claim': { post: { security: secured, summary: 'Staff: claim an application in review (exactly one claimant wins)', responses: { 200: { description: 'The application' }, 403: error, 404: error, 409: error } } },
      '/api/applications/{id}/opinions': { post: { security: secured, summary: 'Staff: approve, reject or return at the current review stage', requestBody: json('Opinion'), responses: { 200: { description: 'The application' }, 403: error, 404: error, 409: error, 422: error } } },
      '/api/applications/{id}/votes': { post: { security: secured, summary: 'Credit committee vote (≥3 members, simple majority)', requestBody: json('Vote'), responses: { 200: { description: 'The application' }, 403: error, 404: error, 409: error } } },
      '/api/applications/{id}/reconsider': { post: { security: secured, summary: 'Account manager: send an automatic rejection to the credit committee', requestBody: json('Reconsider'), responses: { 200: { description: 'The application' }, 403: error, 404: error, 409: error, 422: error } } },
      '/api/applications/{id}/investigation': {
        get: { security: secured, summary: 'Staff: the pre-loan investigation report, pre-filled', responses: { 200: { description: '{ facts, drafts, sections, missing }' }, 403: error, 404: error } },
        put: { security: secured, summary: 'Account manager: write report sections', requestBody: json('Investigation'), responses: { 200: { description: 'The report' }, 403: error, 404: error, 409: error, 422: error } },
      },
      '/api/applications/{id}/release': { post: { security: secured, summary: 'Claimant or approver: release a claim', responses: { 200: { description: 'The application' }, 403: error, 404: error, 409: error } } },
      '/api/applications/{id}/assign': { post: { security: secured, summary: 'Approver or head office: reassign within the branch', requestBody: json('Assign'), responses: { 200: { description: 'The application' }, 403: error, 404: error, 422: error } } },
      '/api/applications/{id}/recuse': { post: { security: secured, summary: 'Committee member: declare a conflict of interest', requestBody: json('Recuse'), responses: { 200: { description: 'The application' }, 403: error, 404: error, 409: error } } },
      '/api/applications/{id}/documents/{documentId}/download': { get: { security: secured, summary: 'A 5-minute attachment link to a verified document', responses: { 200: { description: '{ url, expiresInSeconds }' }, 404: error } } },
      '/api/staff/queue': {
        get: {
          security: secured, summary: "Applications routed to the caller's branch (head office: all), oldest first; X-Next-Cursor header pages on",
          parameters: ['status', 'tier', 'product', 'branch', 'limit', 'cursor'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
          responses: { 200: { description: 'Array of queue rows' }, 403: error, 422: error },
        },
      },
      '/api/staff/dashboard': { get: { security: secured, summary: 'Queue by status, time to decision, approval rate by tier, per branch', responses: { 200: { description: 'Figures' }, 403: error } } },
      '/api/applications/{id}/contract': { get: { security: secured, summary: 'The contract PDF once approved', responses: { 200: { description: 'application/pdf' }, 404: error, 409: error } } },
      '/api/applications/{id}/contract/otp': { post: { security: secured, summary: 'Send a one-time signing code through the notifier', responses: { 202: { description: '{ status: "sent", expiresAt }' }, 404: error, 409: error, 429: error } } },
      '/api/applications/{id}/contract/sign': { post: { security: secured, summary: 'Sign with a typed or drawn signature and the one-time code', requestBody: json('SignContract'), responses: { 200: { description: '{ id, status: "signed" }' }, 404: error, 409: error, 422: error, 429: error } } },
      '/api/applications/{id}/contract/signed': { get: { security: secured, summary: 'The sealed PDF with its audit certificate page', responses: { 200: { description: 'application/pdf' }, 404: error, 409: error } } },
      '/api/dev/outbox': { get: { summary: 'Local stack only: messages the notifier would have sent', parameters: [{ name: 'to', in: 'query', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Newest first' } } } },
    },
  };
}
