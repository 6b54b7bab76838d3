import type { PartnerClientRow } from './partner-client.entity.js';

/**
 * A partner client as oidc-provider registers it: client credentials only, the secret's
 * SHA-256 in place of the secret (see `hashedClientSecrets` in oidc/provider.ts).
 */
export function clientMetadata(client: Pick<PartnerClientRow, 'clientId' | 'secretHash' | 'name'>) {
  return {
    client_id: client.clientId,
    client_secret: client.secretHash,
    client_name: client.name,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}
