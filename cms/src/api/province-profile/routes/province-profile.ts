import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::province-profile.province-profile');
