import { svg, type SVGTemplateResult } from 'lit';
import type { Rating } from '@fs-widgets/contract';

/**
 * One face per level, each told apart by its shape alone (seen from a metre away, in a
 * screen's forced colours, by someone who does not see colours): a wide-open grin with
 * closed, laughing eyes; a smile with round eyes; a small frown; an open, downturned mouth
 * under raised, worried brows. Each is drawn in its level's colour (`currentColor`, set by
 * the styles, at least 3:1 against the answer's background, WCAG 1.4.11), and the word under
 * it carries the meaning: the face is hidden from screen readers.
 */
const features: Record<Rating, SVGTemplateResult> = {
  'very-satisfied': svg`<path class="eyes" d="M12.5 20 Q17 14 21.5 20 M26.5 20 Q31 14 35.5 20" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"></path>
    <path class="mouth" d="M13 27 H35 Q34.5 39 24 39 Q13.5 39 13 27 Z" fill="currentColor" stroke="currentColor" stroke-width="2" stroke-linejoin="round"></path>`,
  satisfied: svg`<circle class="eye" cx="17" cy="19" r="2.8" fill="currentColor"></circle><circle class="eye" cx="31" cy="19" r="2.8" fill="currentColor"></circle>
    <path class="mouth" d="M15 28 Q24 37 33 28" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"></path>`,
  dissatisfied: svg`<circle class="eye" cx="17" cy="20" r="2.8" fill="currentColor"></circle><circle class="eye" cx="31" cy="20" r="2.8" fill="currentColor"></circle>
    <path class="mouth" d="M16.5 33.5 Q24 29 31.5 33.5" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"></path>`,
  'very-dissatisfied': svg`<path class="brows" d="M11.5 16 L20 12 M36.5 16 L28 12" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"></path>
    <circle class="eye" cx="17" cy="21.5" r="2.8" fill="currentColor"></circle><circle class="eye" cx="31" cy="21.5" r="2.8" fill="currentColor"></circle>
    <path class="mouth" d="M14 37 Q24 25 34 37 Q24 31.5 14 37 Z" fill="currentColor" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"></path>`,
};

export const ratingFace = (rating: Rating) => svg`<svg class="face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
  <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"></circle>
  ${features[rating]}
</svg>`;
