export { FsBanner, type BannerSize } from './banner/banner.js';
export { FsBadge } from './badge/badge.js';
export { FsKeyFigures } from './key-figures/key-figures.js';
export { FsPoster } from './poster/poster.js';
