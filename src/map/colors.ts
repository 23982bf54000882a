/** The map's palette, shared by the style (engine chunk) and the legend (drawn before MapLibre loads). */
export const COLORS = {
  water: '#cfe0e8',
  land: '#f6f3ec',
  border: '#9c958a',
  coast: '#a9bcc6',
  department: '#b9b1a4',
  label: '#4a4640',
  sea: '#3f5f72',
  halo: 'rgba(255,255,255,0.9)',
  accent: '#b5361d',
  areaFill: '#d9734e',
  context: '#5f5a53',
  happened: '#1d3557',
  proposed: '#b5361d',
} as const;

/** Marker colour by place kind, unless the place sets its own `color`. */
export const KIND_COLORS: Record<string, string> = {
  prison: '#b5361d',
  base: '#1d3557',
  capital: '#2b2b2b',
  city: '#2b2b2b',
  town: '#2b2b2b',
  lake: '#1f6f8b',
  landmark: '#6a4c93',
};
