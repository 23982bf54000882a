/** `define(name, ctor)` registers a custom element once: two copies of the bundle on a page don't crash. */
export function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
