import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::investment-project.investment-project');
