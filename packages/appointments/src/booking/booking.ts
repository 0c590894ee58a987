import { defineElement } from '@fs-widgets/core';
import { FsBooking } from './booking.component.js';

export { FsBooking };

defineElement('fs-booking', FsBooking);

declare global {
  interface HTMLElementTagNameMap {
    'fs-booking': FsBooking;
  }
}
