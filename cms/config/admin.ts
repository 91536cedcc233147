export default ({ env }: { env: any }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', 'cong-local-admin-jwt-secret'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', 'cong-local-api-token-salt'),
  },
  transfer: {
    token: { salt: env('TRANSFER_TOKEN_SALT', 'cong-local-transfer-salt') },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', 'cong-local-encryption-key-000000'),
  },
  flags: { nps: false, promoteEE: false },
});
