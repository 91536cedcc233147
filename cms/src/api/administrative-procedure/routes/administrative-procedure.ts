import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::administrative-procedure.administrative-procedure');
