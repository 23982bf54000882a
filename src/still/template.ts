/**
 * The static map as a Lit template: an `<svg>` of a StillScene (scene.ts) and the map key, for
 * Lit's `render()` in the browser and for @lit-labs/ssr in the build's prerender.
 *
 * Colours come from classes (`sm-c-<palette name>`, `sm-s-…` for what a shape is), whose CSS in
 * src/story/text.css reads the theme's custom properties (--sm-map-*), so a site's theme applies
 * and a strict CSP (no inline styles) is fine. A feature's own `color` goes in SVG's `color`
 * presentation attribute (the shapes paint with currentColor), never in a style attribute.
 */
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { LegendEntry } from '../map/legend.ts';
import { kindColor, type Palette } from '../map/palette.ts';
import { PLACE_KINDS } from '../story/rules.ts';
import { RING_WIDTH, type StillLabel, type StillMarker, type StillScene } from './scene.ts';

/**
 * A palette of names instead of colours (`@water`, `@kind-prison`…), for legendFor: what it returns
 * then says which of the theme's colours an entry has, and `colorAttrs` makes that a class.
 */
export const TOKENS: Palette = {
  water: '@map-water',
  land: '@map-land',
  border: '@map-border',
  coast: '@map-coast',
  department: '@map-department',
  departmentLabel: '@map-department-label',
  label: '@map-label',
  sea: '@map-sea',
  halo: '@map-halo',
  area: '@map-area',
  context: '@map-context',
  happened: '@map-happened',
  proposed: '@map-proposed',
  highlightText: '@map-highlight-text',
  markerHalo: '@map-marker-halo',
  accent: '@accent',
  dropped: '@dropped',
  kinds: Object.fromEntries(PLACE_KINDS.map((k) => [k, `@kind-${k}`])),
};

/**
 * `colorAttrs(color)`: a token (`@map-area`) as its class (`sm-c-map-area`, whose CSS sets `color`
 * from --sm-map-area), or a feature's own colour as the `color` attribute.
 */
export function colorAttrs(color: string | null | undefined): { cls: string; color: string | null } {
  if (!color) return { cls: '', color: null };
  return color.startsWith('@') ? { cls: `sm-c-${color.slice(1)}`, color: null } : { cls: '', color };
}

const attr = (v: string | null) => v ?? nothing;

function shape(cls: string, d: string, color: string | null | undefined, fallback: string): SVGTemplateResult {
  const c = colorAttrs(color ?? fallback);
  return svg`<path class=${`${cls} ${c.cls}`.trim()} d=${d} color=${attr(c.color)}></path>`;
}

function marker(m: StillMarker): SVGTemplateResult {
  const c = colorAttrs(m.highlight ? (m.color ?? kindColor(TOKENS, m.kind) ?? TOKENS.accent) : TOKENS.context);
  const cls = `sm-s-marker ${c.cls}`.trim();
  if (m.ring) {
    const width = RING_WIDTH * (m.radius / 8);
    const r = +(m.radius - width / 2).toFixed(2);
    return svg`<circle class="sm-s-ring-halo" cx=${m.x} cy=${m.y} r=${r} stroke-width=${+(width + 2 * m.halo).toFixed(2)}></circle><circle class=${`${cls} sm-s-ring`} data-place=${m.id} cx=${m.x} cy=${m.y} r=${r} stroke-width=${+width.toFixed(2)} color=${attr(c.color)}></circle>`;
  }
  return svg`<circle class=${`${cls} sm-s-dot`} data-place=${m.id} cx=${m.x} cy=${m.y} r=${m.radius} stroke-width=${2 * m.halo} color=${attr(c.color)}></circle>`;
}

function label(l: StillLabel): SVGTemplateResult {
  const transform = l.rotate && l.pivot ? `rotate(${l.rotate} ${l.pivot[0]} ${l.pivot[1]})` : null;
  const spacing = l.spacing ? +l.spacing.toFixed(2) : null;
  const [first, ...rest] = l.lines;
  const text =
    rest.length === 0 ? first!.text : l.lines.map((line) => svg`<tspan x=${l.x} y=${line.y}>${line.text}</tspan>`);
  return svg`<text class=${`sm-s-label sm-s-label--${l.kind}`} x=${l.x} y=${first!.y} text-anchor=${l.align === 'start' ? nothing : l.align} font-size=${l.size} letter-spacing=${attr(spacing === null ? null : String(spacing))} transform=${attr(transform)}>${text}</text>`;
}

export interface StillTemplateOptions {
  /** The map's description, for screen readers (describeView). */
  label: string;
  /** Extra classes on the `<svg>`. */
  className?: string;
}

/**
 * `stillTemplate(scene, {label})`: the scene as `<svg class="sm-still-map" role="img">`, its viewBox
 * the map's size (what is drawn in the scene's margin shows beyond it: `overflow: visible`).
 * Drawing order as the style's layers: water, land and coast, departments, borders, area fills, area
 * outlines, routes, the basemap's names and route captions, then quiet places, then highlighted ones
 * (each place's marker, then its label).
 */
export function stillTemplate(scene: StillScene, { label: name, className }: StillTemplateOptions): TemplateResult {
  const m = scene.margin;
  const under = scene.labels.filter((l) => l.kind !== 'highlight' && l.kind !== 'context');
  const byPlace = new Map(
    scene.labels.filter((l) => l.kind === 'highlight' || l.kind === 'context').map((l) => [l.id, l]),
  );
  const place = (highlight: boolean) =>
    scene.markers
      .filter((mk) => mk.highlight === highlight)
      .map((mk) => {
        const l = byPlace.get(mk.id);
        return l ? svg`${marker(mk)}${label(l)}` : marker(mk);
      });
  return html`<svg class=${className ? `sm-still-map ${className}` : 'sm-still-map'} viewBox=${`0 0 ${scene.width} ${scene.height}`} role="img" aria-label=${name} data-zoom=${scene.zoom.toFixed(2)}>
    <rect class="sm-s-water" x=${-m} y=${-m} width=${scene.width + 2 * m} height=${scene.height + 2 * m}></rect>
    <path class="sm-s-land" d=${scene.land} stroke-width=${scene.coastWidth}></path>
    ${scene.departments ? svg`<path class="sm-s-department" d=${scene.departments}></path>` : nothing}
    <path class="sm-s-border" d=${scene.borders} stroke-width=${scene.borderWidth}></path>
    ${scene.areaFills.map((a) => shape('sm-s-area-fill', a.d, a.color, TOKENS.area))}
    ${scene.areaLines.map((a) => shape('sm-s-area-line', a.d, a.color, TOKENS.accent))}
    ${scene.routes.map((r) =>
      shape(
        r.proposed ? 'sm-s-route sm-s-route--proposed' : 'sm-s-route',
        r.d,
        r.color,
        r.proposed ? TOKENS.proposed : TOKENS.happened,
      ),
    )}
    ${under.map(label)}
    ${place(false)}
    ${place(true)}
  </svg>`;
}

function swatch(e: LegendEntry): SVGTemplateResult {
  const c = colorAttrs(e.color);
  const cls = (s: string) => `${s} ${c.cls}`.trim();
  switch (e.symbol) {
    case 'dot':
      return svg`<circle class=${cls('sm-s-marker sm-s-dot')} cx="9" cy="5" r="4" stroke-width="1.5" color=${attr(c.color)}></circle>`;
    case 'ring':
      return svg`<circle class=${cls('sm-s-marker sm-s-ring')} cx="9" cy="5" r="3.8" stroke-width="2.4" color=${attr(c.color)}></circle>`;
    case 'line':
    case 'dashed':
      return svg`<path class=${cls(e.symbol === 'dashed' ? 'sm-s-route sm-s-route--proposed' : 'sm-s-route')} d="M0 5H18" color=${attr(c.color)}></path>`;
    case 'area': {
      const s = colorAttrs(e.stroke);
      const fill =
        e.color === 'transparent'
          ? nothing
          : svg`<rect class=${cls('sm-s-key-area')} x="2" y="1" width="14" height="8" color=${attr(c.color)}></rect>`;
      return svg`${fill}<rect class=${`sm-s-key-outline ${s.cls}`.trim()} x="2" y="1" width="14" height="8" color=${attr(s.color)}></rect>`;
    }
  }
}

/** `stillKey(entries)`: the map key (legendFor's entries, made with TOKENS) as a list. */
export function stillKey(entries: readonly LegendEntry[]): TemplateResult | typeof nothing {
  if (entries.length === 0) return nothing;
  return html`<ul class="sm-still-key" aria-label="Map key">${entries.map(
    (e) => html`<li><svg class="sm-still-sym" viewBox="0 0 18 10" aria-hidden="true">${swatch(e)}</svg>${e.label}</li>`,
  )}</ul>`;
}
