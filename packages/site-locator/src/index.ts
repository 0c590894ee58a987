export { FsSiteCard } from './site-card/site-card.js';
