import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::province-profile.province-profile');
