import type { StrapiApp } from '@strapi/strapi/admin';
import vi from './translations/vi.json';
import { registerWorkflowAdmin } from './workflow';
import { registerEnumLabels } from './enum-labels';
import { ChartPie, Check } from '@strapi/icons';

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
  register(app: StrapiApp) {
    // The panel starts in the language stored in the browser, else English — so the login page of
    // a first visit was English (a new user's walkthrough). Vietnamese unless the user chose
    // otherwise (Strapi's render() reads this key after register()).
    if (!window.localStorage.getItem('strapi-admin-language')) window.localStorage.setItem('strapi-admin-language', 'vi');
    // Monthly compliance report and royalty ledger; the server decides who sees what.
    app.addMenuLink({
      to: 'bao-cao',
      icon: ChartPie,
      intlLabel: { id: 'cong.reports.menu', defaultMessage: 'Báo cáo' },
      Component: () => import('./reports/ReportsPage'),
      permissions: [],
      position: 4,
    });
    // "Việc của tôi" on the homepage, first (issue 11, item 6); the server scopes the data to the account.
    app.widgets.register((widgets) => [
      {
        id: 'cong-my-work',
        icon: Check,
        title: { id: 'cong.myWork.title', defaultMessage: 'Việc của tôi' },
        component: async () => (await import('./my-work/MyWorkWidget')).default,
      },
      ...widgets,
    ]);
  },
  bootstrap(app: StrapiApp) {
    registerWorkflowAdmin(app);
    // after the workflow: its state badge keeps the editorialState column, the other enumerations get labels
    registerEnumLabels(app);
  },
};
