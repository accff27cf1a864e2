/**
 * Seeds cognito-local with the local user pool, its app client, the groups and the demo accounts.
 * Idempotent: a restart finds what exists with a handful of list calls and creates only what is missing.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { GROUPS } from './demo-accounts.js';

export const LOCAL_POOL_NAME = 'kedai-local';
export const LOCAL_CLIENT_NAME = 'kedai-local-web';
/** cognito-local is one Node process: a few requests in flight keep it busy, more only queue. */
const CONCURRENCY = 8;

export interface SeedUser {
  /** An e-mail address; it is the Cognito username itself (the pool has no username attributes). */
  username: string;
  groups: string[];
  password: string;
}

export interface EnsureCognitoOptions {
  endpoint: string;
  users: SeedUser[];
  /** Groups to exist even with no demo member (operator); those of the users are added. */
  groups?: readonly string[];
  log?: (line: string) => void;
}

export async function ensureCognito(opts: EnsureCognitoOptions): Promise<{ userPoolId: string; clientId: string }> {
  const log = opts.log ?? (() => {});
  const client = new CognitoIdentityProviderClient({
    endpoint: opts.endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const userPoolId = await ensurePool(client);
    const [clientId, groupNames, users] = await Promise.all([
      ensureClient(client, userPoolId),
      listAll(async (NextToken) => {
        const page = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60, NextToken }));
        return { items: (page.Groups ?? []).map((g) => g.GroupName!), next: page.NextToken };
      }),
      listAll(async (PaginationToken) => {
        const page = await client.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: 60, PaginationToken }));
        return { items: page.Users ?? [], next: page.PaginationToken };
      }),
    ]);

    const wanted = [...new Set([...(opts.groups ?? GROUPS), ...opts.users.flatMap((u) => u.groups)])];
    const missingGroups = wanted.filter((g) => !groupNames.includes(g));
    await limited(missingGroups.map((group) => () => client.send(new CreateGroupCommand({
      UserPoolId: userPoolId, GroupName: group, Description: `Kedai ${group}`,
    }))));

    // Memberships are checked per group, so a user created by a run that died half-way still gets its groups.
    const members = new Set<string>();
    await Promise.all(wanted.filter((g) => groupNames.includes(g)).map(async (group) => {
      const inGroup = await listAll(async (NextToken) => {
        const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, Limit: 60, NextToken }));
        return { items: page.Users ?? [], next: page.NextToken };
      });
      for (const u of inGroup) members.add(membership(group, u.Username!));
    }));

    const existing = new Map<string, UserType>(users.map((u) => [u.Username!, u]));
    let writes = missingGroups.length;
    await limited(opts.users.map((user) => async () => {
      const found = existing.get(user.username);
      if (!found) {
        await client.send(new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: user.username,
          TemporaryPassword: user.password,
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: user.username }, { Name: 'email_verified', Value: 'true' }],
        }));
        writes++;
      }
      // A permanent password: sign-in answers with tokens, not a NEW_PASSWORD_REQUIRED challenge.
      if (found?.UserStatus !== 'CONFIRMED') {
        await client.send(new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true,
        }));
        writes++;
      }
      for (const group of user.groups.filter((g) => !members.has(membership(g, user.username)))) {
        await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: group }));
        writes++;
      }
    }));

    if (writes > 0) {
      // cognito-local saves the whole pool file on every write without serialising the saves, so parallel
      // writes can leave it mangled on disk (memory stays right). One last write on its own rewrites it whole.
      await client.send(new UpdateGroupCommand({ UserPoolId: userPoolId, GroupName: wanted[0], Description: `Kedai ${wanted[0]}` }));
      log(`cognito-local: ${missingGroups.length} group(s) created, ${opts.users.length - existing.size} user(s) created, ${writes} write(s)`);
    }
    return { userPoolId, clientId };
  } finally {
    client.destroy();
  }
}

async function ensurePool(client: CognitoIdentityProviderClient): Promise<string> {
  const pools = await listAll(async (NextToken) => {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    return { items: page.UserPools ?? [], next: page.NextToken };
  });
  const found = pools.find((p) => p.Name === LOCAL_POOL_NAME);
  if (found) return found.Id!;
  // No UsernameAttributes: the e-mail is the username itself, so access tokens carry it in `username`
  // (with e-mail as a username attribute, Cognito would put a generated id there).
  const created = await client.send(new CreateUserPoolCommand({
    PoolName: LOCAL_POOL_NAME,
    Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
  }));
  return created.UserPool!.Id!;
}

async function ensureClient(client: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const clients = await listAll(async (NextToken) => {
    const page = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken }));
    return { items: page.UserPoolClients ?? [], next: page.NextToken };
  });
  const found = clients.find((c) => c.ClientName === LOCAL_CLIENT_NAME);
  if (found) return found.ClientId!;
  const created = await client.send(new CreateUserPoolClientCommand({
    UserPoolId: userPoolId,
    ClientName: LOCAL_CLIENT_NAME,
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    // As in AWS by default: access tokens live an hour.
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
  }));
  return created.UserPoolClient!.ClientId!;
}

const membership = (group: string, username: string) => `${group}\n${username}`;

async function listAll<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const { items, next } = await page(token);
    all.push(...items);
    token = next;
  } while (token);
  return all;
}

/** Runs the tasks with at most CONCURRENCY in flight; the first failure rejects once all have settled. */
async function limited(tasks: (() => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      try {
        await task();
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, tasks.length) }, worker));
  if (errors.length) throw errors[0];
}
