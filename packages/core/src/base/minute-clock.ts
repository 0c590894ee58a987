import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The current time, ticking every minute while the element is in the page, so "open now" stays true. */
export class MinuteClock implements ReactiveController {
  now = new Date();
  #timer?: ReturnType<typeof setInterval>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.now = new Date();
    this.#timer = setInterval(() => {
      this.now = new Date();
      this.host.requestUpdate();
    }, 60_000);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
  }
}
