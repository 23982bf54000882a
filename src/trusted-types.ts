/**
 * The story map's Trusted Types policy, `story-map`, for pages whose CSP has
 * `require-trusted-types-for 'script'` (a site lists it: `trusted-types story-map lit-html`). It turns
 * into trusted values only the exact strings this code made and named with `allowScriptUrl` /
 * `allowHtml` (the URLs of our workers, resolved from import.meta.url; the basemap's attribution), and
 * refuses anything else: it is no pass-through, and no `default` policy.
 *
 * In a browser without Trusted Types, or where the page's CSP does not list the name (creating the
 * policy throws then), there is no policy and strings are used as before.
 */

/** The name a site lists in its CSP's `trusted-types` directive. */
export const POLICY_NAME = 'story-map';

/** The methods of a TrustedTypePolicy that we (and MapLibre) call. TypeScript's DOM types lack them. */
export interface Policy {
  createScriptURL(input: string): unknown;
  createHTML(input: string): unknown;
}

interface PolicyFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string): string; createHTML(input: string): string },
  ): Policy;
}

const scriptUrls = new Set<string>();
const htmls = new Set<string>();
let policy: Policy | null | undefined;

/** Lets the policy make a TrustedScriptURL of exactly `url`. */
export function allowScriptUrl(url: string): void {
  scriptUrls.add(url);
}

/** Lets the policy make a TrustedHTML of exactly `html`. */
export function allowHtml(html: string): void {
  htmls.add(html);
}

function only(allowed: Set<string>, what: string): (input: string) => string {
  return (input) => {
    if (allowed.has(input)) return input;
    throw new TypeError(`${POLICY_NAME} policy: ${what} ${input.slice(0, 200)} is not one this story map made`);
  };
}

/** The policy, made on first use; null without Trusted Types or when the page's CSP refuses its name. */
export function trustedTypesPolicy(): Policy | null {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
    try {
      policy =
        factory?.createPolicy(POLICY_NAME, {
          createScriptURL: only(scriptUrls, 'script URL'),
          createHTML: only(htmls, 'HTML'),
        }) ?? null;
    } catch (error) {
      // The page's CSP lists other policies than ours (or refuses a second one of this name).
      console.warn(
        `story-map: no Trusted Types policy "${POLICY_NAME}" (${String(error)}): if this page enforces ` +
          `Trusted Types, list "${POLICY_NAME} lit-html" in its CSP's trusted-types directive`,
      );
      policy = null;
    }
  }
  return policy;
}

/**
 * `scriptUrl(url)`: what to give `new Worker()` for `url`, a URL this code made: a TrustedScriptURL
 * when there is a policy, else `url` itself (typed as the string TypeScript's DOM types want).
 */
export function scriptUrl(url: string): string {
  allowScriptUrl(url);
  const made = trustedTypesPolicy();
  return made ? (made.createScriptURL(url) as string) : url;
}

/**
 * `enforced()`: whether this page refuses plain strings in script sinks (`require-trusted-types-for
 * 'script'`), found by giving one to a detached script element. Asked only when there is no policy
 * (the page refused ours, or a sandboxed frame): enforced, it costs the one violation report the
 * map's worker would have cost anyway; not enforced, nothing.
 */
export function enforced(): boolean {
  if (!('trustedTypes' in globalThis)) return false;
  try {
    document.createElement('script').text = '';
    return false;
  } catch {
    return true;
  }
}
