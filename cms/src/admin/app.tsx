import type { StrapiApp } from '@strapi/strapi/admin';
import vi from './translations/vi.json';

export default {
  config: {
    // Vietnamese first: editors work in Vietnamese (DEVELOPERS.md "Users").
    locales: ['vi'],
    translations: {
      vi: {
        ...vi,
        'Auth.form.welcome.title': 'Cổng thông tin điện tử tỉnh Lào Cai',
        'Auth.form.welcome.subtitle': 'Đăng nhập hệ thống quản trị nội dung',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
