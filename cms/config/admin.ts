import { PREVIEW_TYPES, previewUrl } from '@cong/shared';
import { secret } from '../src/lib/secrets';
import { assertMayPreview } from '../src/lib/preview-access';

export default ({ env }: { env: any }) => {
  // Draft preview (Strapi 5 "Preview" button / side panel): the site's on-demand route
  // `/xem-truoc/<type>/<documentId>/` renders the draft. The link is signed with PREVIEW_SECRET
  // (HMAC, one document, expires after PREVIEW_TTL_SECONDS) instead of carrying the secret itself.
  const siteUrl: string = env('PREVIEW_URL', '');
  const previewSecret: string = env('PREVIEW_SECRET', '');
  const previewTtl: number = env.int('PREVIEW_TTL_SECONDS', 3600);
  let previewOrigin: string;
  try {
    previewOrigin = siteUrl ? new URL(siteUrl).origin : '';
  } catch {
    previewOrigin = '';
  }
  return {
    auth: {
      secret: secret('ADMIN_JWT_SECRET'),
    },
    apiToken: {
      salt: secret('API_TOKEN_SALT'),
    },
    transfer: {
      token: { salt: secret('TRANSFER_TOKEN_SALT') },
    },
    secrets: {
      encryptionKey: secret('ENCRYPTION_KEY'),
    },
    flags: { nps: false, promoteEE: false },
    preview: {
      enabled: Boolean(previewOrigin && previewSecret),
      config: {
        allowedOrigins: previewOrigin ? [previewOrigin] : [],
        /**
         * The preview URL of a document, or null (no preview) for types without a public page.
         * Strapi's preview route checks no permission: the link is signed only for an admin who
         * may read that document in the edit view (role and agency), else 403 (issue 9, class 3).
         */
        async handler(uid: string, { documentId, status }: { documentId: string; locale?: string; status?: 'draft' | 'published' }) {
          if (!PREVIEW_TYPES[uid] || !documentId) return null;
          await assertMayPreview((globalThis as any).strapi, uid, documentId);
          return previewUrl(siteUrl, { uid, documentId, status: status === 'published' ? 'published' : 'draft' }, previewSecret, previewTtl);
        },
      },
    },
  };
};
