/**
 * Accounts for local use (issue 3, item 7): an editor and a team lead for two agencies, a board
 * member and a council member, created at boot only when env SEED_ACCOUNTS=true (the start
 * script sets it and prints them), with the local-only password SEED_ACCOUNTS_PASSWORD
 * (default `CongLaoCai@2026`). Idempotent: existing accounts are left as they are (password
 * included); missing links to agencies are added.
 *
 * Agencies are linked by slug (`agency-membership.agencySlug`), so the accounts work whether the
 * seed import has run before or after this boot: the link resolves as soon as the agency exists.
 */
import type { Strapi } from '../lib/strapi-types';
import { MEMBERSHIP_UID, ROLE_CODES } from './constants';

export interface SeedAccount {
  email: string;
  firstname: string;
  lastname: string;
  role: 'agencyEditor' | 'agencyTeamLead' | 'editorialBoard' | 'editorialCouncil';
  agencySlug?: string;
}

/** The local accounts (printed by the start script). */
export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  { email: 'bientap.tnmt@laocai.local', firstname: 'Biên tập viên', lastname: 'Sở TN&MT', role: 'agencyEditor', agencySlug: 'so-tai-nguyen-va-moi-truong' },
  { email: 'totruong.tnmt@laocai.local', firstname: 'Tổ trưởng', lastname: 'Sở TN&MT', role: 'agencyTeamLead', agencySlug: 'so-tai-nguyen-va-moi-truong' },
  {
    email: 'bientap.tplc@laocai.local',
    firstname: 'Biên tập viên',
    lastname: 'TP Lào Cai',
    role: 'agencyEditor',
    agencySlug: 'uy-ban-nhan-dan-thanh-pho-lao-cai',
  },
  {
    email: 'totruong.tplc@laocai.local',
    firstname: 'Tổ trưởng',
    lastname: 'TP Lào Cai',
    role: 'agencyTeamLead',
    agencySlug: 'uy-ban-nhan-dan-thanh-pho-lao-cai',
  },
  { email: 'banbientap@laocai.local', firstname: 'Thành viên', lastname: 'Ban biên tập', role: 'editorialBoard' },
  { email: 'hoidong@laocai.local', firstname: 'Thành viên', lastname: 'Hội đồng biên tập', role: 'editorialCouncil' },
];

export const DEFAULT_SEED_PASSWORD = 'CongLaoCai@2026';

/** Creates the seed accounts and their agency links (when SEED_ACCOUNTS=true). */
export async function ensureSeedAccounts(strapi: Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.SEED_ACCOUNTS !== 'true') return;
  const password = env.SEED_ACCOUNTS_PASSWORD || DEFAULT_SEED_PASSWORD;
  for (const a of SEED_ACCOUNTS) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code: ROLE_CODES[a.role] } });
    if (!role) continue;
    const existing = await strapi.db.query('admin::user').findOne({ where: { email: a.email } });
    if (!existing) {
      await strapi.admin.services.user.create({
        email: a.email,
        firstname: a.firstname,
        lastname: a.lastname,
        password,
        registrationToken: null,
        isActive: true,
        roles: [role.id],
        preferedLanguage: 'vi',
      });
      strapi.log.info(`[workflow] created local account ${a.email} (${role.name})`);
    }
    if (a.agencySlug) {
      const m = await strapi.db.query(MEMBERSHIP_UID).findOne({ where: { email: a.email } });
      if (!m)
        await strapi.db
          .query(MEMBERSHIP_UID)
          .create({ data: { email: a.email, agencySlug: a.agencySlug, note: 'Tài khoản dùng thử trên máy (SEED_ACCOUNTS)' } });
    }
  }
}
