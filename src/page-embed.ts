/**
 * The story page's "Embed this story" control (index.html, `#embed-this-story`, below the story):
 * the script and iframe snippets for the story on the page (the default one, or the one `?story=`
 * opened), with absolute URLs from the page's address, each with a copy button. The text comes from
 * embed-code.ts; this module only wires it to the page. The story's title is read from the text the
 * element shows (its `.sm-title`), so the snippets follow a story loaded after the page.
 *
 * Also keeps the oEmbed discovery link (written into the head by the build when it knows SITE_URL)
 * true for a story opened with `?story=`: it names that story's oEmbed file, or is removed for a
 * story from another site, which this site has no oEmbed file for.
 */
import { iframeSnippet, oembedPath, scriptSnippet, siteFolder } from './embed-code.ts';
import { requestedStory } from './page-params.ts';

const control = document.querySelector<HTMLDetailsElement>('#embed-this-story');
const element = document.querySelector('story-map');
const link = document.querySelector<HTMLLinkElement>('link[rel="alternate"][type="application/json+oembed"]');

if (link && requestedStory) {
  // The build writes an oEmbed file only next to files named story.json, of this site.
  const known = !requestedStory.foreign && /(^|\/)story\.json$/.test(requestedStory.url.pathname);
  if (known) link.href = new URL(oembedPath(requestedStory.src), location.href).href;
  else link.remove();
}

if (control && element) setUp(control, element);

function setUp(control: HTMLDetailsElement, element: HTMLElement): void {
  const site = siteFolder(location.href);
  const field = (id: string) => control.querySelector<HTMLTextAreaElement>(`#${id}`);
  const script = field('embed-script');
  const iframe = field('embed-iframe');
  const status = control.querySelector<HTMLElement>('.embed-status');
  if (!script || !iframe || !status) return;

  const set = (area: HTMLTextAreaElement, value: string) => {
    // Only on a change: rewriting the same text would drop the reader's selection.
    if (area.value !== value) area.value = value;
  };
  const fill = () => {
    const title = element.querySelector('.sm-title')?.textContent?.trim() ?? '';
    const target = { site, story: element.getAttribute('src') ?? '', title };
    set(script, scriptSnippet(target));
    set(iframe, iframeSnippet(target));
    if (link && requestedStory && !requestedStory.foreign && title) link.title = title;
  };
  fill();
  // The story's text (and its title) is rendered by the element once a `?story=` file has loaded.
  new MutationObserver(fill).observe(element, {
    childList: true,
    subtree: true,
    characterData: true,
    attributeFilter: ['src'],
  });

  const buttons = [...control.querySelectorAll<HTMLButtonElement>('button[data-copy]')];
  const labels = new Map(buttons.map((b) => [b, b.textContent ?? '']));
  const reset = (button: HTMLButtonElement) => {
    if (!button.hasAttribute('data-copied')) return;
    button.removeAttribute('data-copied');
    button.textContent = labels.get(button) ?? '';
  };
  for (const button of buttons) {
    const area = field(button.dataset.copy ?? '');
    if (!area) continue;
    const what = button.dataset.copy === 'embed-iframe' ? 'The iframe code' : 'The script code';
    button.addEventListener('click', async () => {
      for (const other of buttons) reset(other);
      try {
        await navigator.clipboard.writeText(area.value);
        button.setAttribute('data-copied', '');
        button.textContent = 'Copied';
        status.textContent = `${what} is copied to the clipboard.`;
      } catch {
        // No clipboard (an http page other than localhost, or permission refused): select the text instead.
        area.focus();
        area.select();
        status.textContent = `${what} is selected: press Ctrl+C (⌘C on a Mac) to copy it.`;
      }
    });
    // "Copied" lasts while the button keeps the focus.
    button.addEventListener('blur', () => reset(button));
  }
  for (const area of [script, iframe]) area.addEventListener('focus', () => area.select());
  control.hidden = false;
}
