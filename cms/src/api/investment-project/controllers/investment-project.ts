import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::investment-project.investment-project');
