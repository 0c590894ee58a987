import { svg } from 'lit';
import type { Rating } from '@fs-widgets/contract';

/**
 * One face per level, drawn with the text colour (the word beside it carries the meaning; the
 * face is decoration, hidden from screen readers).
 */
const mouths: Record<Rating, string> = {
  'very-satisfied': 'M14 27 Q24 37 34 27',
  satisfied: 'M16 29 Q24 34 32 29',
  dissatisfied: 'M16 32 Q24 28 32 32',
  'very-dissatisfied': 'M14 35 Q24 25 34 35',
};

export const ratingFace = (rating: Rating) => svg`<svg class="face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
  <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"></circle>
  <circle cx="17" cy="19" r="2.6" fill="currentColor"></circle>
  <circle cx="31" cy="19" r="2.6" fill="currentColor"></circle>
  <path d=${mouths[rating]} fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"></path>
</svg>`;
