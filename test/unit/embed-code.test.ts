// The embed code (src/embed-code.ts): the snippets of the "Embed this story" control and the oEmbed
// files the build writes (scripts/vite-story-plugin.ts) next to each story.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  iframeSnippet,
  oembed,
  oembedLink,
  oembedPath,
  queryValue,
  scriptSnippet,
  siteFolder,
  siteUrl,
} from '../../src/embed-code.ts';
import { oembedFile, storyFiles } from '../../scripts/vite-story-plugin.ts';

const site = 'https://your.host/story-map/';

describe('embed snippets', () => {
  it('are the script and iframe snippets of the README, with absolute URLs from the page', () => {
    const target = { site: siteFolder('https://your.host/story-map/index.html?edit#cecot'), story: 'data/story.json' };
    expect(target.site).toBe(site);
    expect(scriptSnippet({ ...target, title: 'Anything' })).toBe(
      '<script type="module" src="https://your.host/story-map/embed/story-map.js"></script>\n' +
        '<story-map src="https://your.host/story-map/data/story.json"></story-map>',
    );
    expect(iframeSnippet({ ...target, title: 'A canal between two oceans' })).toBe(
      '<iframe src="https://your.host/story-map/iframe.html?story=data/story.json" title="Story map: A canal between two oceans" width="100%" height="600" data-story-map-frame></iframe>\n' +
        '<script async src="https://your.host/story-map/embed/frame.js"></script>',
    );
  });

  it('name a story opened with ?story= as the page names it, and escape what goes into attributes', () => {
    const target = { site, story: 'data/examples/panama-canal/story.json', title: 'Rubio & "Bukele" <b>' };
    const frame = iframeSnippet(target);
    expect(frame).toContain(
      'src="https://your.host/story-map/iframe.html?story=data/examples/panama-canal/story.json"',
    );
    expect(frame).toContain('title="Story map: Rubio &amp; &quot;Bukele&quot; &lt;b&gt;"');
    expect(scriptSnippet(target)).toContain('src="https://your.host/story-map/data/examples/panama-canal/story.json"');
    // A story on another site keeps its absolute URL; query syntax in a path is encoded, then escaped.
    const other = { site, story: 'https://other.example/s/story.json?v=1&x=2', title: '' };
    expect(iframeSnippet(other)).toContain(
      'iframe.html?story=https://other.example/s/story.json%3Fv%3D1%26x%3D2" title="Story map"',
    );
    expect(scriptSnippet(other)).toContain('<story-map src="https://other.example/s/story.json?v=1&amp;x=2">');
    expect(queryValue('a b/c#d+e')).toBe('a%20b/c%23d%2Be');
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('oEmbed', () => {
  it('is an oEmbed 1.0 rich response whose html is the iframe snippet', () => {
    const target = { site, story: 'data/story.json', title: 'El Salvador offers to jail America’s prisoners' };
    expect(oembed(target)).toEqual({
      version: '1.0',
      type: 'rich',
      title: target.title,
      provider_name: 'Story map',
      provider_url: site,
      html: iframeSnippet(target),
      width: 800,
      height: 600,
    });
    expect(oembed(target, 'The Daily').provider_name).toBe('The Daily');
    expect(oembedLink('https://your.host/story-map/data/story.oembed.json', 'A "title"')).toBe(
      '<link rel="alternate" type="application/json+oembed" href="https://your.host/story-map/data/story.oembed.json" title="A &quot;title&quot;">',
    );
  });

  it('lives next to its story file', () => {
    expect(oembedPath('data/story.json')).toBe('data/story.oembed.json');
    expect(oembedPath('data/examples/panama-canal/story.json')).toBe('data/examples/panama-canal/story.oembed.json');
    expect(oembedPath('stories/x.json?v=2')).toBe('stories/x.oembed.json?v=2');
    expect(oembedPath('stories/x')).toBe('stories/x.oembed.json');
  });

  it('takes the site address from SITE_URL, which must be absolute http(s)', () => {
    expect(siteUrl('https://news.example/story-map')).toBe('https://news.example/story-map/');
    expect(siteUrl('http://news.example/?q#h')).toBe('http://news.example/');
    expect(() => siteUrl('news.example/story-map')).toThrow(/absolute http\(s\) URL/);
    expect(() => siteUrl('ftp://news.example/')).toThrow(/http\(s\)/);
  });

  it('is written for every story file of the data folder, from the file itself', async () => {
    expect(await storyFiles('data')).toEqual(['examples/panama-canal/story.json', 'story.json']);
    const text = await readFile('data/examples/panama-canal/story.json', 'utf8');
    const json = JSON.parse(oembedFile(site, 'data/examples/panama-canal/story.json', text) ?? 'null');
    expect(json).toMatchObject({ version: '1.0', type: 'rich', title: JSON.parse(text).title, height: 600 });
    expect(json.html).toContain(`src="${site}iframe.html?story=data/examples/panama-canal/story.json"`);
    // Not a story with a title: nothing to embed.
    expect(oembedFile(site, 'data/x.json', '{"chapters": []}')).toBeNull();
    expect(oembedFile(site, 'data/x.json', '{ not json')).toBeNull();
  });
});
