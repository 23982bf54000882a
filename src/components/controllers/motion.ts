/**
 * The reader's motion preference: `prefers-reduced-motion`, until the reader chooses with the
 * element's own button. Whatever `hostConnected` starts, `hostDisconnected` stops.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MotionRequestDetail } from '../events.ts';

export class MotionController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #query: MediaQueryList | null = null;
  /** The reader's own choice, once made; it wins over the system setting. */
  #chosen: boolean | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whether the story may animate (fly the map, scroll smoothly). */
  get motion(): boolean {
    return this.#chosen ?? !(this.#query ?? matchMedia('(prefers-reduced-motion: reduce)')).matches;
  }

  /** The reader chose with the element's switch: motion on (true) or off (false). */
  onRequest = (e: CustomEvent<MotionRequestDetail>): void => {
    this.#chosen = e.detail.motion;
    this.#host.requestUpdate();
  };

  hostConnected(): void {
    this.#query = matchMedia('(prefers-reduced-motion: reduce)');
    this.#query.addEventListener('change', this.#changed);
  }

  hostDisconnected(): void {
    this.#query?.removeEventListener('change', this.#changed);
    this.#query = null;
  }

  #changed = (): void => this.#host.requestUpdate();
}
