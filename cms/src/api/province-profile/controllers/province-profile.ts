import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::province-profile.province-profile');
