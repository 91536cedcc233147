import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::administrative-procedure.administrative-procedure');
