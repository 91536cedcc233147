import { PREVIEW_TYPES, previewUrl } from '@cong/shared';

export default ({ env }: { env: any }) => {
  // Draft preview (Strapi 5 "Preview" button / side panel): the site's on-demand route
  // `/xem-truoc/<type>/<documentId>/` renders the draft. The link is signed with PREVIEW_SECRET
  // (HMAC, one document, expires after PREVIEW_TTL_SECONDS) instead of carrying the secret itself.
  const siteUrl: string = env('PREVIEW_URL', '');
  const previewSecret: string = env('PREVIEW_SECRET', '');
  const previewTtl: number = env.int('PREVIEW_TTL_SECONDS', 3600);
  let previewOrigin = '';
  try {
    previewOrigin = siteUrl ? new URL(siteUrl).origin : '';
  } catch {
    previewOrigin = '';
  }
  return {
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
    preview: {
      enabled: Boolean(previewOrigin && previewSecret),
      config: {
        allowedOrigins: previewOrigin ? [previewOrigin] : [],
        /** The preview URL of a document, or null (no preview) for types without a public page. */
        async handler(uid: string, { documentId, status }: { documentId: string; locale?: string; status?: 'draft' | 'published' }) {
          if (!PREVIEW_TYPES[uid] || !documentId) return null;
          return previewUrl(siteUrl, { uid, documentId, status: status === 'published' ? 'published' : 'draft' }, previewSecret, previewTtl);
        },
      },
    },
  };
};
